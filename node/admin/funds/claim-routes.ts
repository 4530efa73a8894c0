/**
 * Expense claims in the admin API, declared in ./fund-operations.ts: file one against an
 * allocation made to us (checked against the rules first; nothing is sent when one is broken),
 * list and show them, decide one filed with us (vendor), and fetch a proof file a portal partner
 * uploaded with a claim.
 */
import type { AppDeps } from '../../app.ts';
import { notFound } from '../../errors.ts';
import { decideExpenseClaim, fileExpenseClaim } from '../../funds/claim-ops.ts';
import { findClaimRef, type RecordRef } from '../../funds/find-record.ts';
import { parseClaimInput, parseDecision } from '../../funds/input.ts';
import { claimView } from '../../funds/views.ts';
import type { ClaimFilter } from '../../store/fund-store.ts';
import { createOperationRouter } from '../operation.ts';
import { partnersNamed, queryPartner, queryRecordRef } from '../record-params.ts';
import { pageCut, pageOf } from '../record-schemas.ts';
import * as ops from './fund-operations.ts';

export function createClaimRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  const show = async (target: RecordRef) => {
    const { claim, partner } = await deps.store.read(async (tx) => {
      const claim = await findClaimRef(tx, target);
      return { claim, partner: (await tx.partners.getById(claim.partnerId)) ?? undefined };
    });
    return claimView(claim, partner);
  };
  const byRow = (id: number): RecordRef => ({ ref: String(id) });

  app.openapi(ops.listExpenseClaims, async (c) => {
    const query = c.req.valid('query');
    const partner = await queryPartner(c.var.deps.store, query.partner);
    const page = pageOf(query);
    const filter: ClaimFilter = {
      ...(partner && { partnerId: partner.id }),
      ...(query.owner && { owner: query.owner }),
      ...(query.status && { status: query.status }),
      ...(query.allocation !== undefined && { allocationId: query.allocation }),
    };
    const rows = await c.var.deps.store.read((tx) =>
      tx.funds.listClaims(filter, { ...page, limit: page.limit + 1 }),
    );
    const { shown, nextCursor } = pageCut(rows, page.limit);
    const names = await partnersNamed(c.var.deps.store, shown);
    return c.json(
      {
        claims: shown.map((claim) => claimView(claim, names.get(claim.partnerId))),
        nextCursor,
      },
      200,
    );
  });

  app.openapi(ops.fileExpenseClaim, async (c) => {
    const input = parseClaimInput(c.req.valid('json'));
    const vendor = await queryPartner(c.var.deps.store, c.req.valid('query').partner);
    const claim = await fileExpenseClaim(c.var.deps, input, vendor);
    c.var.deps.log.info({ category: 'funds', claimRowId: claim.id }, 'expense claim filed');
    return c.json(await show(byRow(claim.id)), 201);
  });

  app.openapi(ops.getExpenseClaim, async (c) =>
    c.json(
      await show(
        await queryRecordRef(c.var.deps.store, c.req.valid('param').id, c.req.valid('query')),
      ),
      200,
    ),
  );

  app.openapi(ops.decideExpenseClaim, async (c) => {
    const input = parseDecision(c.req.valid('json'));
    const target = await queryRecordRef(
      c.var.deps.store,
      c.req.valid('param').id,
      c.req.valid('query'),
    );
    const claim = await decideExpenseClaim(c.var.deps, target, input);
    c.var.deps.log.info(
      { category: 'funds', claimRowId: claim.id, status: claim.status },
      'expense claim decided',
    );
    return c.json(await show(byRow(claim.id)), 200);
  });

  app.openapi(ops.getExpenseProofFile, async (c) => {
    const { id, sha256 } = c.req.valid('param');
    const target = await queryRecordRef(c.var.deps.store, id, c.req.valid('query'));
    const file = await c.var.deps.store.read(async (tx) => {
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
