/**
 * Charges of billable service requests in the admin API: list them (by partner and status) and
 * invoice a partner's open charges, all or those named, under one invoice number.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { badRequest } from '../../errors.ts';
import { chargeView, invoiceCharges } from '../../service/charges.ts';
import type { AdminEnv } from '../admin-env.ts';
import { queryPage, rejectUnknownFields, rejectUnknownQuery } from '../fields.ts';
import { jsonBody } from '../json-body.ts';
import { partnerForField } from '../partner-ref.ts';
import { optionalPartner, queryEnum } from '../record-params.ts';

const CHARGE_STATUSES = ['open', 'invoiced'] as const;
const INVOICE_NUMBER = /^[A-Za-z0-9._/-]{1,64}$/;

export function createChargeRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  const requestIds = async (rowIds: number[]) =>
    deps.store.read(async (tx) => {
      const ids = new Map<number, string>();
      for (const id of new Set(rowIds)) {
        const request = await tx.service.getRequest(id);
        if (request) ids.set(id, request.requestId);
      }
      return ids;
    });

  app.get('/service/charges', async (c) => {
    rejectUnknownQuery(c, ['partner', 'status', 'limit', 'after']);
    const partner = await optionalPartner(deps.store, c);
    const status = queryEnum(c, 'status', CHARGE_STATUSES);
    const page = queryPage(c);
    const rows = await deps.store.read((tx) =>
      tx.sharedServices.listCharges(
        { ...(partner && { partnerId: partner.id }), ...(status && { status }) },
        { ...page, limit: page.limit + 1 },
      ),
    );
    const shown = rows.slice(0, page.limit);
    const ids = await requestIds(shown.map((r) => r.requestRowId));
    return c.json({
      charges: shown.map((r) => chargeView(r, ids.get(r.requestRowId) ?? null)),
      nextCursor: rows.length > page.limit ? shown.at(-1)!.id : null,
    });
  });

  app.post('/service/charges/invoice', jsonBody(), async (c) => {
    rejectUnknownQuery(c, []);
    const body = c.var.body;
    rejectUnknownFields(body, ['partner', 'invoiceNumber', 'charges']);
    const partner = await partnerForField(deps.store, body.partner, 'partner');
    const invoiceNumber = body.invoiceNumber;
    if (typeof invoiceNumber !== 'string' || !INVOICE_NUMBER.test(invoiceNumber)) {
      throw badRequest(
        'invalid_field',
        'invoiceNumber must be 1 to 64 letters, digits or . _ / -',
        'invoiceNumber',
      );
    }
    const ids = body.charges;
    if (
      ids !== undefined &&
      (!Array.isArray(ids) ||
        ids.length === 0 ||
        ids.length > 1000 ||
        ids.some((id) => !Number.isSafeInteger(id) || id < 1))
    ) {
      throw badRequest('invalid_field', 'charges must list 1 to 1000 charge ids', 'charges');
    }
    const result = await invoiceCharges(deps, partner, invoiceNumber, ids as number[] | undefined);
    const names = await requestIds(result.charges.map((r) => r.requestRowId));
    deps.log.info(
      { category: 'service', partnerId: partner.id, charges: result.charges.length },
      'service charges invoiced',
    );
    return c.json({
      invoiceNumber: result.invoiceNumber,
      partnerId: result.partnerId,
      totals: result.totals,
      charges: result.charges.map((r) => chargeView(r, names.get(r.requestRowId) ?? null)),
    });
  });

  return app;
}
