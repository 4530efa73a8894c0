/**
 * Service agreements in the admin API, declared in ./shared-service-operations.ts: what this
 * node offers each partner it serves (categories, response and resolution SLA, billing). `PUT`
 * sets the whole agreement; `DELETE` removes it (the partner may then open requests in any
 * category, without SLA or charge).
 */
import type { AppDeps } from '../../app.ts';
import { notFound } from '../../errors.ts';
import { agreementView, parseAgreement } from '../../service/agreements.ts';
import { createOperationRouter } from '../operation.ts';
import { partnerForField } from '../partner-ref.ts';
import * as ops from './shared-service-operations.ts';

export function createAgreementRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  app.openapi(ops.listServiceAgreements, async (c) => {
    const agreements = await c.var.deps.store.read((tx) => tx.sharedServices.listAgreements());
    return c.json({ agreements: agreements.map(agreementView) }, 200);
  });

  app.openapi(ops.getServiceAgreement, async (c) => {
    const partner = await partnerForField(
      c.var.deps.store,
      c.req.valid('param').partner,
      'partner',
    );
    const agreement = await c.var.deps.store.read((tx) =>
      tx.sharedServices.agreementOf(partner.id),
    );
    if (!agreement) throw notFound(`service agreement with partner ${partner.id}`);
    return c.json(agreementView(agreement), 200);
  });

  app.openapi(ops.putServiceAgreement, async (c) => {
    const fields = parseAgreement(c.req.valid('json'));
    const partner = await partnerForField(
      c.var.deps.store,
      c.req.valid('param').partner,
      'partner',
    );
    const now = c.var.deps.clock.now();
    const agreement = await c.var.deps.store.transact((tx) =>
      tx.sharedServices.putAgreement(partner.id, fields, now),
    );
    c.var.deps.log.info({ category: 'service', partnerId: partner.id }, 'service agreement set');
    return c.json(agreementView(agreement), 200);
  });

  app.openapi(ops.deleteServiceAgreement, async (c) => {
    const partner = await partnerForField(
      c.var.deps.store,
      c.req.valid('param').partner,
      'partner',
    );
    const removed = await c.var.deps.store.transact((tx) =>
      tx.sharedServices.deleteAgreement(partner.id),
    );
    if (!removed) throw notFound(`service agreement with partner ${partner.id}`);
    return c.json({ partnerId: partner.id, removed: true }, 200);
  });

  return app;
}
