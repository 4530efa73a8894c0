/**
 * Charges of billable service requests in the admin API, declared in
 * ./shared-service-operations.ts: list them (by partner and status) and invoice a partner's open
 * charges, all or those named, under one invoice number.
 */
import type { AppDeps } from '../../app.ts';
import { chargeView, invoiceCharges } from '../../service/charges.ts';
import { createOperationRouter } from '../operation.ts';
import { partnerForField } from '../partner-ref.ts';
import { queryPartner } from '../record-params.ts';
import { pageCut, pageOf } from '../record-schemas.ts';
import * as ops from './shared-service-operations.ts';

export function createChargeRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  const requestIds = async (rowIds: number[]) =>
    deps.store.read(async (tx) => {
      const ids = new Map<number, string>();
      for (const id of new Set(rowIds)) {
        const request = await tx.service.getRequest(id);
        if (request) ids.set(id, request.requestId);
      }
      return ids;
    });

  app.openapi(ops.listServiceCharges, async (c) => {
    const query = c.req.valid('query');
    const partner = await queryPartner(c.var.deps.store, query.partner);
    const page = pageOf(query);
    const rows = await c.var.deps.store.read((tx) =>
      tx.sharedServices.listCharges(
        {
          ...(partner && { partnerId: partner.id }),
          ...(query.status && { status: query.status }),
        },
        { ...page, limit: page.limit + 1 },
      ),
    );
    const { shown, nextCursor } = pageCut(rows, page.limit);
    const ids = await requestIds(shown.map((r) => r.requestRowId));
    return c.json(
      {
        charges: shown.map((r) => chargeView(r, ids.get(r.requestRowId) ?? null)),
        nextCursor,
      },
      200,
    );
  });

  app.openapi(ops.invoiceServiceCharges, async (c) => {
    const body = c.req.valid('json');
    const partner = await partnerForField(c.var.deps.store, body.partner, 'partner');
    const result = await invoiceCharges(c.var.deps, partner, body.invoiceNumber, body.charges);
    const names = await requestIds(result.charges.map((r) => r.requestRowId));
    c.var.deps.log.info(
      { category: 'service', partnerId: partner.id, charges: result.charges.length },
      'service charges invoiced',
    );
    return c.json(
      {
        invoiceNumber: result.invoiceNumber,
        partnerId: result.partnerId,
        totals: result.totals,
        charges: result.charges.map((r) => chargeView(r, names.get(r.requestRowId) ?? null)),
      },
      200,
    );
  });

  return app;
}
