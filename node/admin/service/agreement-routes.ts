/**
 * Service agreements in the admin API: what this node offers each partner it serves (categories,
 * response and resolution SLA, billing). `PUT` sets the whole agreement; `DELETE` removes it
 * (the partner may then open requests in any category, without SLA or charge).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { notFound } from '../../errors.ts';
import { AGREEMENT_FIELDS, agreementView, parseAgreement } from '../../service/agreements.ts';
import type { AdminEnv } from '../admin-env.ts';
import { rejectUnknownFields, rejectUnknownQuery } from '../fields.ts';
import { jsonBody } from '../json-body.ts';
import { partnerForField } from '../partner-ref.ts';

export function createAgreementRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/service/agreements', async (c) => {
    rejectUnknownQuery(c, []);
    const agreements = await deps.store.read((tx) => tx.sharedServices.listAgreements());
    return c.json({ agreements: agreements.map(agreementView) });
  });

  app.get('/service/agreements/:partner', async (c) => {
    rejectUnknownQuery(c, []);
    const partner = await partnerForField(deps.store, c.req.param('partner'), 'partner');
    const agreement = await deps.store.read((tx) => tx.sharedServices.agreementOf(partner.id));
    if (!agreement) throw notFound(`service agreement with partner ${partner.id}`);
    return c.json(agreementView(agreement));
  });

  app.put('/service/agreements/:partner', jsonBody(), async (c) => {
    rejectUnknownQuery(c, []);
    const body = c.var.body;
    rejectUnknownFields(body, AGREEMENT_FIELDS);
    const fields = parseAgreement(body);
    const partner = await partnerForField(deps.store, c.req.param('partner'), 'partner');
    const now = deps.clock.now();
    const agreement = await deps.store.transact((tx) =>
      tx.sharedServices.putAgreement(partner.id, fields, now),
    );
    deps.log.info({ category: 'service', partnerId: partner.id }, 'service agreement set');
    return c.json(agreementView(agreement));
  });

  app.delete('/service/agreements/:partner', async (c) => {
    rejectUnknownQuery(c, []);
    const partner = await partnerForField(deps.store, c.req.param('partner'), 'partner');
    const removed = await deps.store.transact((tx) =>
      tx.sharedServices.deleteAgreement(partner.id),
    );
    if (!removed) throw notFound(`service agreement with partner ${partner.id}`);
    return c.json({ partnerId: partner.id, removed: true });
  });

  return app;
}
