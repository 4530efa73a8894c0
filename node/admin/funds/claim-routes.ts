/**
 * Expense claims in the admin API: file one against an allocation made to us (checked against
 * the rules first; nothing is sent when one is broken), list and show them, decide one filed with
 * us (vendor), and fetch a proof file a portal partner uploaded with a claim.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { notFound } from '../../errors.ts';
import { decideExpenseClaim, fileExpenseClaim } from '../../funds/claim-ops.ts';
import { findClaimRef, type RecordRef } from '../../funds/find-record.ts';
import {
  CLAIM_FIELDS,
  DECISION_FIELDS,
  parseClaimInput,
  parseDecision,
} from '../../funds/input.ts';
import { claimView } from '../../funds/views.ts';
import { EXPENSE_STATUSES, type ClaimFilter } from '../../store/fund-store.ts';
import type { AdminEnv } from '../admin-env.ts';
import { queryPage, queryValue, rejectUnknownFields, rejectUnknownQuery } from '../fields.ts';
import { jsonBody } from '../json-body.ts';
import {
  optionalPartner,
  partnersById,
  queryEnum,
  RECORD_OWNERS,
  recordRef,
} from '../record-params.ts';

export function createClaimRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  const show = async (target: RecordRef) => {
    const { claim, partner } = await deps.store.read(async (tx) => {
      const claim = await findClaimRef(tx, target);
      return { claim, partner: (await tx.partners.getById(claim.partnerId)) ?? undefined };
    });
    return claimView(claim, partner);
  };
  const byRow = (id: number): RecordRef => ({ ref: String(id) });

  app.get('/funds/claims', async (c) => {
    rejectUnknownQuery(c, ['partner', 'owner', 'status', 'allocation', 'limit', 'after']);
    const owner = queryEnum(c, 'owner', RECORD_OWNERS);
    const status = queryEnum(c, 'status', EXPENSE_STATUSES);
    const allocationId = queryValue(c, 'allocation');
    const partner = await optionalPartner(deps.store, c);
    const page = queryPage(c);
    const filter: ClaimFilter = {
      ...(partner && { partnerId: partner.id }),
      ...(owner && { owner }),
      ...(status && { status }),
      ...(allocationId !== undefined && { allocationId }),
    };
    const rows = await deps.store.read((tx) =>
      tx.funds.listClaims(filter, { ...page, limit: page.limit + 1 }),
    );
    const shown = rows.slice(0, page.limit);
    const names = await partnersById(deps.store);
    return c.json({
      claims: shown.map((claim) => claimView(claim, names.get(claim.partnerId))),
      nextCursor: rows.length > page.limit ? shown.at(-1)!.id : null,
    });
  });

  app.post('/funds/claims', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(body, CLAIM_FIELDS);
    const input = parseClaimInput(body);
    const vendor = await optionalPartner(deps.store, c);
    const claim = await fileExpenseClaim(deps, input, vendor);
    deps.log.info({ category: 'funds', claimRowId: claim.id }, 'expense claim filed');
    return c.json(await show(byRow(claim.id)), 201);
  });

  app.get('/funds/claims/:id', async (c) => {
    rejectUnknownQuery(c, ['partner']);
    return c.json(await show(await recordRef(deps.store, c, 'claim')));
  });

  app.post('/funds/claims/:id/decision', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(body, DECISION_FIELDS);
    const input = parseDecision(body);
    const claim = await decideExpenseClaim(deps, await recordRef(deps.store, c, 'claim'), input);
    deps.log.info(
      { category: 'funds', claimRowId: claim.id, status: claim.status },
      'expense claim decided',
    );
    return c.json(await show(byRow(claim.id)));
  });

  app.get('/funds/claims/:id/proof/:sha256', async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const target = await recordRef(deps.store, c, 'claim');
    const sha256 = c.req.param('sha256');
    const file = await deps.store.read(async (tx) => {
      const claim = await findClaimRef(tx, target);
      if (!claim.proof.some((p) => p.sha256 === sha256)) return null;
      const stored = await tx.funds.findProofFile(claim.partnerId, sha256);
      return stored ? { stored, bytes: await tx.funds.proofFileBytes(stored.id) } : null;
    });
    if (!file?.bytes) throw notFound(`proof file ${sha256}`);
    return c.body(Buffer.from(file.bytes), 200, {
      'content-type': file.stored.mediaType,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.stored.name)}`,
      'x-content-type-options': 'nosniff',
    });
  });

  return app;
}
