/**
 * Warranty claims in the admin API: file one with a vendor (optionally following a shared
 * request), list and show them with their history, amend (claimant, while submitted or asked for
 * more information), decide (vendor), withdraw (claimant).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import {
  amendClaim,
  decideClaim,
  fileClaim,
  withdrawClaim,
  type ClaimRef,
} from '../../service/claim-ops.ts';
import { findClaimRef } from '../../service/find-record.ts';
import {
  CLAIM_FIELDS,
  parseClaimChanges,
  parseClaimFields,
  parseDecision,
  parseReason,
} from '../../service/input.ts';
import { claimDetailView, claimView } from '../../service/views.ts';
import { CLAIM_STATUSES, type ClaimFilter } from '../../store/service-store.ts';
import type { AdminEnv } from '../admin-env.ts';
import { queryPage, rejectUnknownFields, rejectUnknownQuery } from '../fields.ts';
import { jsonBody } from '../json-body.ts';
import { partnerForField } from '../partner-ref.ts';
import {
  optionalPartner,
  RECORD_OWNERS,
  partnersById,
  queryEnum,
  recordRef,
} from '../record-params.ts';

export const DECISION_FIELDS = ['status', 'approvedAmount', 'reason'] as const;

export function createClaimRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  const show = async (target: ClaimRef) => {
    const { claim, events, partner } = await deps.store.read(async (tx) => {
      const claim = await findClaimRef(tx, target.ref, target.partner);
      return {
        claim,
        events: await tx.service.claimEvents(claim.id),
        partner: (await tx.partners.getById(claim.partnerId)) ?? undefined,
      };
    });
    return claimDetailView(claim, partner, events);
  };
  const byRow = (id: number): ClaimRef => ({ ref: String(id) });

  app.get('/warranty/claims', async (c) => {
    rejectUnknownQuery(c, ['partner', 'owner', 'status', 'limit', 'after']);
    const owner = queryEnum(c, 'owner', RECORD_OWNERS);
    const status = queryEnum(c, 'status', CLAIM_STATUSES);
    const partner = await optionalPartner(deps.store, c);
    const page = queryPage(c);
    const filter: ClaimFilter = {
      ...(partner && { partnerId: partner.id }),
      ...(owner && { owner }),
      ...(status && { status }),
    };
    const rows = await deps.store.read((tx) =>
      tx.service.listClaims(filter, { ...page, limit: page.limit + 1 }),
    );
    const shown = rows.slice(0, page.limit);
    const names = await partnersById(deps.store);
    return c.json({
      claims: shown.map((claim) => claimView(claim, names.get(claim.partnerId))),
      nextCursor: rows.length > page.limit ? shown.at(-1)!.id : null,
    });
  });

  app.post('/warranty/claims', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['vendor', ...CLAIM_FIELDS]);
    const fields = parseClaimFields(body);
    const vendor = await partnerForField(deps.store, body.vendor, 'vendor');
    const claim = await fileClaim(deps, vendor, fields);
    deps.log.info({ category: 'service', claimRowId: claim.id }, 'warranty claim filed');
    return c.json(await show(byRow(claim.id)), 201);
  });

  app.get('/warranty/claims/:id', async (c) => {
    rejectUnknownQuery(c, ['partner']);
    return c.json(await show(await recordRef(deps.store, c, 'claim')));
  });

  app.patch('/warranty/claims/:id', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(body, CLAIM_FIELDS);
    const changes = parseClaimChanges(body);
    const claim = await amendClaim(deps, await recordRef(deps.store, c, 'claim'), changes);
    return c.json(await show(byRow(claim.id)));
  });

  app.post('/warranty/claims/:id/decision', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(body, DECISION_FIELDS);
    const input = parseDecision(body);
    const claim = await decideClaim(deps, await recordRef(deps.store, c, 'claim'), input);
    deps.log.info(
      { category: 'service', claimRowId: claim.id, status: claim.status },
      'warranty claim decided',
    );
    return c.json(await show(byRow(claim.id)));
  });

  app.post('/warranty/claims/:id/withdraw', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(body, ['reason']);
    const reason = parseReason(body);
    const claim = await withdrawClaim(deps, await recordRef(deps.store, c, 'claim'), reason);
    return c.json(await show(byRow(claim.id)));
  });

  return app;
}
