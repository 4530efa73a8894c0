/**
 * Fund allocations in the admin API: allocate to a partner (vendor), list (both directions),
 * show one with its claims and balance, amend (a new version), withdraw; and the balances per
 * partner.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { allocateFunds, amendAllocation, withdrawAllocation } from '../../funds/allocation-ops.ts';
import { findAllocationRef, type RecordRef } from '../../funds/find-record.ts';
import {
  ALLOCATION_FIELDS,
  parseAllocationChanges,
  parseAllocationFields,
  parseReason,
} from '../../funds/input.ts';
import { allocationDetail, balancesOf, partnerBalanceList } from '../../funds/queries.ts';
import { allocationView, claimView, partnerSummary } from '../../funds/views.ts';
import type { AdminEnv } from '../admin-env.ts';
import { invalidField, queryPage, rejectUnknownFields, rejectUnknownQuery } from '../fields.ts';
import { jsonBody } from '../json-body.ts';
import { partnerForField } from '../partner-ref.ts';
import {
  optionalPartner,
  partnersById,
  queryEnum,
  RECORD_OWNERS,
  recordRef,
} from '../record-params.ts';

export function createAllocationRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  const show = async (target: RecordRef) => {
    const { detail, partner } = await deps.store.read(async (tx) => {
      const allocation = await findAllocationRef(tx, target);
      return {
        detail: await allocationDetail(tx, allocation),
        partner: (await tx.partners.getById(allocation.partnerId)) ?? undefined,
      };
    });
    return {
      ...allocationView(detail.allocation, partner, detail.balance),
      claims: detail.claims.map((c) => claimView(c, partner)),
    };
  };
  const byRow = (id: number): RecordRef => ({ ref: String(id) });

  app.get('/funds/allocations', async (c) => {
    rejectUnknownQuery(c, ['partner', 'owner', 'limit', 'after']);
    const owner = queryEnum(c, 'owner', RECORD_OWNERS);
    const partner = await optionalPartner(deps.store, c);
    const page = queryPage(c);
    const { rows, balances } = await deps.store.read(async (tx) => {
      const rows = await tx.funds.listAllocations(
        { ...(partner && { partnerId: partner.id }), ...(owner && { owner }) },
        { ...page, limit: page.limit + 1 },
      );
      return { rows, balances: await balancesOf(tx, rows) };
    });
    const shown = rows.slice(0, page.limit);
    const names = await partnersById(deps.store);
    return c.json({
      allocations: shown.map((a) => allocationView(a, names.get(a.partnerId), balances.get(a.id)!)),
      nextCursor: rows.length > page.limit ? shown.at(-1)!.id : null,
    });
  });

  app.post('/funds/allocations', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['partner', ...ALLOCATION_FIELDS]);
    const fields = parseAllocationFields(body);
    if (body.partner === undefined) throw invalidField('partner', 'partner is required');
    const partner = await partnerForField(deps.store, body.partner, 'partner');
    const allocation = await allocateFunds(deps, partner, fields);
    deps.log.info({ category: 'funds', allocationRowId: allocation.id }, 'funds allocated');
    return c.json(await show(byRow(allocation.id)), 201);
  });

  app.get('/funds/allocations/:id', async (c) => {
    rejectUnknownQuery(c, ['partner']);
    return c.json(await show(await recordRef(deps.store, c, 'allocation')));
  });

  app.patch('/funds/allocations/:id', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(
      body,
      ALLOCATION_FIELDS.filter((f) => f !== 'currency'),
    );
    const changes = parseAllocationChanges(body);
    if (Object.keys(changes).length === 0) {
      throw invalidField('amount', 'give at least one field to change');
    }
    const target = await recordRef(deps.store, c, 'allocation');
    const allocation = await amendAllocation(deps, target, changes);
    return c.json(await show(byRow(allocation.id)));
  });

  app.post('/funds/allocations/:id/withdraw', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(body, ['reason']);
    const reason = parseReason(body);
    const target = await recordRef(deps.store, c, 'allocation');
    const allocation = await withdrawAllocation(deps, target, reason);
    return c.json(await show(byRow(allocation.id)));
  });

  app.get('/funds/balances', async (c) => {
    rejectUnknownQuery(c, ['partner', 'owner']);
    const owner = queryEnum(c, 'owner', RECORD_OWNERS);
    const partner = await optionalPartner(deps.store, c);
    const list = await deps.store.read((tx) =>
      partnerBalanceList(tx, {
        ...(partner && { partnerId: partner.id }),
        ...(owner && { owner }),
      }),
    );
    const names = await partnersById(deps.store);
    return c.json({
      balances: list.map((b) => ({
        partner: partnerSummary(names.get(b.partnerId), b.partnerId),
        owner: b.owner,
        balances: b.balances,
      })),
    });
  });

  return app;
}
