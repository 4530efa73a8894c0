/**
 * Fund allocations in the admin API, declared in ./fund-operations.ts: allocate to a partner
 * (vendor), list (both directions), show one with its claims and balance, amend (a new version),
 * withdraw; and the balances per partner.
 */
import type { AppDeps } from '../../app.ts';
import { allocateFunds, amendAllocation, withdrawAllocation } from '../../funds/allocation-ops.ts';
import { findAllocationRef, type RecordRef } from '../../funds/find-record.ts';
import { parseAllocationChanges, parseAllocationFields, parseReason } from '../../funds/input.ts';
import { allocationDetail, balancesOf, partnerBalanceList } from '../../funds/queries.ts';
import { allocationView, claimView, partnerSummary } from '../../funds/views.ts';
import { invalidField } from '../fields.ts';
import { createOperationRouter } from '../operation.ts';
import { partnerForField } from '../partner-ref.ts';
import { partnersById, queryPartner, queryRecordRef } from '../record-params.ts';
import { pageCut, pageOf } from '../record-schemas.ts';
import * as ops from './fund-operations.ts';

export function createAllocationRoutes(deps: AppDeps) {
  const app = createOperationRouter();

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

  app.openapi(ops.listFundAllocations, async (c) => {
    const { owner, ...query } = c.req.valid('query');
    const partner = await queryPartner(c.var.deps.store, query.partner);
    const page = pageOf(query);
    const { rows, balances } = await c.var.deps.store.read(async (tx) => {
      const rows = await tx.funds.listAllocations(
        { ...(partner && { partnerId: partner.id }), ...(owner && { owner }) },
        { ...page, limit: page.limit + 1 },
      );
      return { rows, balances: await balancesOf(tx, rows) };
    });
    const { shown, nextCursor } = pageCut(rows, page.limit);
    const names = await partnersById(c.var.deps.store);
    return c.json(
      {
        allocations: shown.map((a) =>
          allocationView(a, names.get(a.partnerId), balances.get(a.id)!),
        ),
        nextCursor,
      },
      200,
    );
  });

  app.openapi(ops.allocateFunds, async (c) => {
    const { partner: ref, ...body } = c.req.valid('json');
    const fields = parseAllocationFields(body);
    const partner = await partnerForField(c.var.deps.store, ref, 'partner');
    const allocation = await allocateFunds(c.var.deps, partner, fields);
    c.var.deps.log.info({ category: 'funds', allocationRowId: allocation.id }, 'funds allocated');
    return c.json(await show(byRow(allocation.id)), 201);
  });

  app.openapi(ops.getFundAllocation, async (c) =>
    c.json(
      await show(
        await queryRecordRef(c.var.deps.store, c.req.valid('param').id, c.req.valid('query')),
      ),
      200,
    ),
  );

  app.openapi(ops.amendFundAllocation, async (c) => {
    const changes = parseAllocationChanges(c.req.valid('json'));
    if (Object.keys(changes).length === 0) {
      throw invalidField('amount', 'give at least one field to change');
    }
    const target = await queryRecordRef(
      c.var.deps.store,
      c.req.valid('param').id,
      c.req.valid('query'),
    );
    const allocation = await amendAllocation(c.var.deps, target, changes);
    return c.json(await show(byRow(allocation.id)), 200);
  });

  app.openapi(ops.withdrawFundAllocation, async (c) => {
    const reason = parseReason(c.req.valid('json'));
    const target = await queryRecordRef(
      c.var.deps.store,
      c.req.valid('param').id,
      c.req.valid('query'),
    );
    const allocation = await withdrawAllocation(c.var.deps, target, reason);
    return c.json(await show(byRow(allocation.id)), 200);
  });

  app.openapi(ops.listFundBalances, async (c) => {
    const { owner, partner: ref } = c.req.valid('query');
    const partner = await queryPartner(c.var.deps.store, ref);
    const list = await c.var.deps.store.read((tx) =>
      partnerBalanceList(tx, {
        ...(partner && { partnerId: partner.id }),
        ...(owner && { owner }),
      }),
    );
    const names = await partnersById(c.var.deps.store);
    return c.json(
      {
        balances: list.map((b) => ({
          partner: partnerSummary(names.get(b.partnerId), b.partnerId),
          owner: b.owner,
          balances: b.balances,
        })),
      },
      200,
    );
  });

  return app;
}
