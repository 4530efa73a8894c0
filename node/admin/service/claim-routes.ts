/**
 * Warranty claims in the admin API, declared in ./service-operations.ts: file one with a vendor
 * (optionally following a shared request), list and show them with their history, amend
 * (claimant, while submitted or asked for more information), decide (vendor), withdraw
 * (claimant).
 */
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
  parseClaimChanges,
  parseClaimFields,
  parseDecision,
  parseReason,
} from '../../service/input.ts';
import { claimDetailView, claimView } from '../../service/views.ts';
import type { ClaimFilter } from '../../store/service-store.ts';
import { createOperationRouter } from '../operation.ts';
import { partnerForField } from '../partner-ref.ts';
import { partnersById, queryPartner, queryRecordRef } from '../record-params.ts';
import { pageCut, pageOf } from '../record-schemas.ts';
import * as ops from './service-operations.ts';

export function createClaimRoutes(deps: AppDeps) {
  const app = createOperationRouter();

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

  app.openapi(ops.listWarrantyClaims, async (c) => {
    const query = c.req.valid('query');
    const partner = await queryPartner(c.var.deps.store, query.partner);
    const page = pageOf(query);
    const filter: ClaimFilter = {
      ...(partner && { partnerId: partner.id }),
      ...(query.owner && { owner: query.owner }),
      ...(query.status && { status: query.status }),
    };
    const rows = await c.var.deps.store.read((tx) =>
      tx.service.listClaims(filter, { ...page, limit: page.limit + 1 }),
    );
    const { shown, nextCursor } = pageCut(rows, page.limit);
    const names = await partnersById(c.var.deps.store);
    return c.json(
      {
        claims: shown.map((claim) => claimView(claim, names.get(claim.partnerId))),
        nextCursor,
      },
      200,
    );
  });

  app.openapi(ops.fileWarrantyClaim, async (c) => {
    const { vendor: ref, ...body } = c.req.valid('json');
    const fields = parseClaimFields(body);
    const vendor = await partnerForField(c.var.deps.store, ref, 'vendor');
    const claim = await fileClaim(c.var.deps, vendor, fields);
    c.var.deps.log.info({ category: 'service', claimRowId: claim.id }, 'warranty claim filed');
    return c.json(await show(byRow(claim.id)), 201);
  });

  app.openapi(ops.getWarrantyClaim, async (c) =>
    c.json(
      await show(
        await queryRecordRef(c.var.deps.store, c.req.valid('param').id, c.req.valid('query')),
      ),
      200,
    ),
  );

  app.openapi(ops.amendWarrantyClaim, async (c) => {
    const changes = parseClaimChanges(c.req.valid('json'));
    const target = await queryRecordRef(
      c.var.deps.store,
      c.req.valid('param').id,
      c.req.valid('query'),
    );
    const claim = await amendClaim(c.var.deps, target, changes);
    return c.json(await show(byRow(claim.id)), 200);
  });

  app.openapi(ops.decideWarrantyClaim, async (c) => {
    const input = parseDecision(c.req.valid('json'));
    const target = await queryRecordRef(
      c.var.deps.store,
      c.req.valid('param').id,
      c.req.valid('query'),
    );
    const claim = await decideClaim(c.var.deps, target, input);
    c.var.deps.log.info(
      { category: 'service', claimRowId: claim.id, status: claim.status },
      'warranty claim decided',
    );
    return c.json(await show(byRow(claim.id)), 200);
  });

  app.openapi(ops.withdrawWarrantyClaim, async (c) => {
    const reason = parseReason(c.req.valid('json'));
    const target = await queryRecordRef(
      c.var.deps.store,
      c.req.valid('param').id,
      c.req.valid('query'),
    );
    const claim = await withdrawClaim(c.var.deps, target, reason);
    return c.json(await show(byRow(claim.id)), 200);
  });

  return app;
}
