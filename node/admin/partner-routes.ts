/** Partners: list, show, reclassify, suspend, resume and remove. */
import { Hono } from 'hono';
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
import type { AdminEnv } from './admin-env.ts';
import { invalidField, rejectUnknownFields, rejectUnknownQuery } from './fields.ts';
import { jsonBody } from './json-body.ts';
import { knownKinds } from './known-kinds.ts';
import { parseProfileChanges, PROFILE_FIELDS } from './profile-changes.ts';
import { countsByPartner, emptyCounts, partnerView } from './views.ts';

export const DEFAULT_REMOVE_REASON = 'removed by the operator';

/** Reads a partner's view, with its outbox counts, after a change. */
export async function showPartner(store: Store, id: number) {
  return store.read(async (tx) => {
    const partner = await tx.partners.getById(id);
    if (!partner) throw notFound(`partner ${id}`);
    const counts = countsByPartner(await tx.outbox.counts());
    return partnerView(partner, counts.get(id) ?? emptyCounts());
  });
}

export function createPartnerRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  const show = (id: number) => showPartner(deps.store, id);

  app.get('/partners', async (c) => {
    rejectUnknownQuery(c, []);
    const partners = await deps.store.read(async (tx) => {
      const counts = countsByPartner(await tx.outbox.counts());
      return (await tx.partners.list()).map((p) =>
        partnerView(p, counts.get(p.id) ?? emptyCounts()),
      );
    });
    return c.json({ partners });
  });

  app.get('/partners/:ref', async (c) => {
    const partner = await findPartner(deps.store, c.req.param('ref'));
    return c.json(await show(partner.id));
  });

  app.patch('/partners/:ref', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, PROFILE_FIELDS);
    const partner = await findPartner(deps.store, c.req.param('ref'));
    const changes = parseProfileChanges(body, partner, knownKinds(deps));
    await reclassifyPartner(deps, partner, changes);
    return c.json(await show(partner.id));
  });

  app.post('/partners/:ref/suspend', async (c) => {
    const partner = await findPartner(deps.store, c.req.param('ref'));
    await suspendPartner(deps.store, partner, deps.clock.now());
    return c.json(await show(partner.id));
  });

  app.post('/partners/:ref/resume', async (c) => {
    const partner = await findPartner(deps.store, c.req.param('ref'));
    await resumePartner(deps.store, partner, deps.clock.now());
    return c.json(await show(partner.id));
  });

  app.delete('/partners/:ref', jsonBody({ optional: true }), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['reason']);
    const reason = parseReason(deps, body.reason);
    const partner: Partner = await findPartner(deps.store, c.req.param('ref'));
    await removePartner(deps, partner, deps.clock.now(), reason);
    deps.log.info({ category: 'admin', partnerId: partner.id }, 'partner removed');
    return c.json(await show(partner.id));
  });

  return app;
}

/** The reason travels in partner.disconnect, so its schema is the judge. */
function parseReason(deps: AppDeps, reason: unknown): string {
  if (reason === undefined) return DEFAULT_REMOVE_REASON;
  const valid = deps.schemas.validateBody('partner.disconnect', { reason });
  if (!valid.ok) throw invalidField('reason', 'reason must be a text of 1 to 500 characters');
  return reason as string;
}
