/** Partners: list, show, reclassify, suspend, resume and remove. */
import type { AppDeps } from '../app.ts';
import {
  findPartner,
  removePartner,
  resumePartner,
  suspendPartner,
} from '../partners/partner-admin.ts';
import { reclassifyPartner } from '../partners/reclassify.ts';
import { notFound } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { DEFAULT_REMOVE_REASON } from '../partners/partner-schemas.ts';
import * as ops from './core-operations.ts';
import { invalidField } from './fields.ts';
import { knownKinds } from './known-kinds.ts';
import { createOperationRouter } from './operation.ts';
import { parseProfileChanges } from './profile-changes.ts';
import { countsByPartner, emptyCounts, partnerView } from './views.ts';

/** Reads a partner's view, with its outbox counts, after a change. */
export async function showPartner(store: Store, id: number) {
  return store.read(async (tx) => {
    const partner = await tx.partners.getById(id);
    if (!partner) throw notFound(`partner ${id}`);
    const counts = countsByPartner(await tx.outbox.counts());
    return partnerView(partner, counts.get(id) ?? emptyCounts());
  });
}

export function createPartnerRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  const show = (id: number) => showPartner(deps.store, id);
  const partnerOf = (c: { req: { valid(target: 'param'): { ref: string } } }) =>
    findPartner(deps.store, c.req.valid('param').ref);

  app.openapi(ops.listPartners, async (c) => {
    const partners = await c.var.deps.store.read(async (tx) => {
      const counts = countsByPartner(await tx.outbox.counts());
      return (await tx.partners.list()).map((p) =>
        partnerView(p, counts.get(p.id) ?? emptyCounts()),
      );
    });
    return c.json({ partners }, 200);
  });

  app.openapi(ops.getPartner, async (c) => c.json(await show((await partnerOf(c)).id), 200));

  app.openapi(ops.updatePartner, async (c) => {
    const partner = await partnerOf(c);
    const changes = parseProfileChanges(c.req.valid('json'), partner, knownKinds(c.var.deps));
    await reclassifyPartner(c.var.deps, partner, changes);
    return c.json(await show(partner.id), 200);
  });

  app.openapi(ops.suspendPartner, async (c) => {
    const partner = await partnerOf(c);
    await suspendPartner(c.var.deps.store, partner, c.var.deps.clock.now());
    return c.json(await show(partner.id), 200);
  });

  app.openapi(ops.resumePartner, async (c) => {
    const partner = await partnerOf(c);
    await resumePartner(c.var.deps.store, partner, c.var.deps.clock.now());
    return c.json(await show(partner.id), 200);
  });

  app.openapi(ops.removePartner, async (c) => {
    const reason = parseReason(c.var.deps, c.req.valid('json').reason);
    const partner: Partner = await partnerOf(c);
    await removePartner(c.var.deps, partner, c.var.deps.clock.now(), reason);
    c.var.deps.log.info({ category: 'admin', partnerId: partner.id }, 'partner removed');
    return c.json(await show(partner.id), 200);
  });

  return app;
}

/** The reason travels in partner.disconnect, so its schema is the judge. */
function parseReason(deps: AppDeps, reason: string | undefined): string {
  if (reason === undefined) return DEFAULT_REMOVE_REASON;
  const valid = deps.schemas.validateBody('partner.disconnect', { reason });
  if (!valid.ok) throw invalidField('reason', 'reason must be a text of 1 to 500 characters');
  return reason;
}
