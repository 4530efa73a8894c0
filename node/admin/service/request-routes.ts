/**
 * Service requests in the admin API: open one with a partner (any category, shared services
 * included), list them (with the overdue filter), show one with its timeline, revise its core
 * fields (opener only), change its status or comment (partner-visible or internal), withdraw it.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { requestExtras } from '../../service/request-extras.ts';
import { parseAttachInputs } from '../../service/attachments.ts';
import { findRequestRef } from '../../service/find-record.ts';
import {
  parseReason,
  parseRequestChanges,
  parseRequestFields,
  parseUpdate,
  REQUEST_FIELDS,
} from '../../service/input.ts';
import {
  openRequest,
  reviseRequest,
  updateRequest,
  withdrawRequest,
  type RequestRef,
} from '../../service/request-ops.ts';
import { requestDetailView, requestView } from '../../service/views.ts';
import {
  REQUEST_CATEGORIES,
  REQUEST_STATUSES,
  type RequestFilter,
} from '../../store/service-store.ts';
import type { AdminEnv } from '../admin-env.ts';
import { queryPage, rejectUnknownFields, rejectUnknownQuery } from '../fields.ts';
import { jsonBody } from '../json-body.ts';
import { partnerForField } from '../partner-ref.ts';
import {
  optionalPartner,
  RECORD_OWNERS,
  partnersById,
  queryBoolean,
  queryEnum,
  recordRef,
} from '../record-params.ts';

export const UPDATE_FIELDS = ['status', 'comment', 'visibility'] as const;

export function createRequestRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  const show = async (target: RequestRef) => {
    const { request, events, partner, extras } = await deps.store.read(async (tx) => {
      const request = await findRequestRef(tx, target.ref, target.partner);
      return {
        request,
        events: await tx.service.events(request.id),
        partner: (await tx.partners.getById(request.partnerId)) ?? undefined,
        extras: await requestExtras(tx, request),
      };
    });
    return { ...requestDetailView(request, partner, events, deps.clock.now()), ...extras };
  };
  const byRow = (id: number): RequestRef => ({ ref: String(id) });

  app.get('/service/requests', async (c) => {
    rejectUnknownQuery(c, ['partner', 'owner', 'status', 'category', 'overdue', 'limit', 'after']);
    const owner = queryEnum(c, 'owner', RECORD_OWNERS);
    const status = queryEnum(c, 'status', REQUEST_STATUSES);
    const category = queryEnum(c, 'category', REQUEST_CATEGORIES);
    const overdue = queryBoolean(c, 'overdue');
    const partner = await optionalPartner(deps.store, c);
    const page = queryPage(c);
    const now = deps.clock.now();
    const filter: RequestFilter = {
      now,
      ...(partner && { partnerId: partner.id }),
      ...(owner && { owner }),
      ...(status && { status }),
      ...(category && { category }),
      ...(overdue !== undefined && { overdue }),
    };
    const rows = await deps.store.read((tx) =>
      tx.service.listRequests(filter, { ...page, limit: page.limit + 1 }),
    );
    // One row more than asked tells whether a next page exists.
    const shown = rows.slice(0, page.limit);
    const names = await partnersById(deps.store);
    return c.json({
      requests: shown.map((r) => requestView(r, names.get(r.partnerId), now)),
      nextCursor: rows.length > page.limit ? shown.at(-1)!.id : null,
    });
  });

  app.post('/service/requests', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['partner', 'attachments', ...REQUEST_FIELDS]);
    const fields = parseRequestFields(body);
    const attach = parseAttachInputs(body.attachments);
    const partner = await partnerForField(deps.store, body.partner, 'partner');
    const request = await openRequest(deps, partner, fields, attach);
    deps.log.info({ category: 'service', requestRowId: request.id }, 'service request opened');
    return c.json(await show(byRow(request.id)), 201);
  });

  app.get('/service/requests/:id', async (c) => {
    rejectUnknownQuery(c, ['partner']);
    return c.json(await show(await recordRef(deps.store, c, 'request')));
  });

  app.patch('/service/requests/:id', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(body, ['attachments', ...REQUEST_FIELDS]);
    const changes = parseRequestChanges(body);
    const attach = parseAttachInputs(body.attachments);
    const target = await recordRef(deps.store, c, 'request');
    const request = await reviseRequest(deps, target, changes, attach);
    return c.json(await show(byRow(request.id)));
  });

  app.post('/service/requests/:id/updates', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(body, UPDATE_FIELDS);
    const input = parseUpdate(body);
    const request = await updateRequest(deps, await recordRef(deps.store, c, 'request'), input);
    return c.json(await show(byRow(request.id)));
  });

  app.post('/service/requests/:id/withdraw', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(body, ['reason']);
    const reason = parseReason(body);
    const request = await withdrawRequest(deps, await recordRef(deps.store, c, 'request'), reason);
    return c.json(await show(byRow(request.id)));
  });

  return app;
}
