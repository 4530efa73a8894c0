/**
 * Service requests in the admin API, declared in ./service-operations.ts: open one with a
 * partner (any category, shared services included), list them (with the overdue filter), show one
 * with its timeline, revise its core fields (opener only), change its status or comment
 * (partner-visible or internal), withdraw it.
 */
import type { AppDeps } from '../../app.ts';
import { requestExtras } from '../../service/request-extras.ts';
import { parseAttachInputs } from '../../service/attachments.ts';
import { findRequestRef } from '../../service/find-record.ts';
import {
  parseReason,
  parseRequestChanges,
  parseRequestFields,
  parseUpdate,
} from '../../service/input.ts';
import {
  openRequest,
  reviseRequest,
  updateRequest,
  withdrawRequest,
  type RequestRef,
} from '../../service/request-ops.ts';
import { requestDetailView, requestView } from '../../service/views.ts';
import type { RequestFilter } from '../../store/service-store.ts';
import { createOperationRouter } from '../operation.ts';
import { partnerForField } from '../partner-ref.ts';
import { partnersNamed, queryPartner, queryRecordRef } from '../record-params.ts';
import { pageCut, pageOf } from '../record-schemas.ts';
import * as ops from './service-operations.ts';

export function createRequestRoutes(deps: AppDeps) {
  const app = createOperationRouter();

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

  app.openapi(ops.listServiceRequests, async (c) => {
    const query = c.req.valid('query');
    const partner = await queryPartner(c.var.deps.store, query.partner);
    const page = pageOf(query);
    const now = c.var.deps.clock.now();
    const filter: RequestFilter = {
      now,
      ...(partner && { partnerId: partner.id }),
      ...(query.owner && { owner: query.owner }),
      ...(query.status && { status: query.status }),
      ...(query.category && { category: query.category }),
      ...(query.overdue !== undefined && { overdue: query.overdue === 'true' }),
    };
    const rows = await c.var.deps.store.read((tx) =>
      tx.service.listRequests(filter, { ...page, limit: page.limit + 1 }),
    );
    const { shown, nextCursor } = pageCut(rows, page.limit);
    const names = await partnersNamed(c.var.deps.store, shown);
    return c.json(
      {
        requests: shown.map((r) => requestView(r, names.get(r.partnerId), now)),
        nextCursor,
      },
      200,
    );
  });

  app.openapi(ops.openServiceRequest, async (c) => {
    const { partner: ref, attachments, ...body } = c.req.valid('json');
    const fields = parseRequestFields(body);
    const attach = parseAttachInputs(attachments);
    const partner = await partnerForField(c.var.deps.store, ref, 'partner');
    const request = await openRequest(c.var.deps, partner, fields, attach);
    c.var.deps.log.info(
      { category: 'service', requestRowId: request.id },
      'service request opened',
    );
    return c.json(await show(byRow(request.id)), 201);
  });

  app.openapi(ops.getServiceRequest, async (c) =>
    c.json(
      await show(
        await queryRecordRef(c.var.deps.store, c.req.valid('param').id, c.req.valid('query')),
      ),
      200,
    ),
  );

  app.openapi(ops.reviseServiceRequest, async (c) => {
    const { attachments, ...body } = c.req.valid('json');
    const changes = parseRequestChanges(body);
    const attach = parseAttachInputs(attachments);
    const target = await queryRecordRef(
      c.var.deps.store,
      c.req.valid('param').id,
      c.req.valid('query'),
    );
    const request = await reviseRequest(c.var.deps, target, changes, attach);
    return c.json(await show(byRow(request.id)), 200);
  });

  app.openapi(ops.updateServiceRequest, async (c) => {
    const input = parseUpdate(c.req.valid('json'));
    const target = await queryRecordRef(
      c.var.deps.store,
      c.req.valid('param').id,
      c.req.valid('query'),
    );
    const request = await updateRequest(c.var.deps, target, input);
    return c.json(await show(byRow(request.id)), 200);
  });

  app.openapi(ops.withdrawServiceRequest, async (c) => {
    const reason = parseReason(c.req.valid('json'));
    const target = await queryRecordRef(
      c.var.deps.store,
      c.req.valid('param').id,
      c.req.valid('query'),
    );
    const request = await withdrawRequest(c.var.deps, target, reason);
    return c.json(await show(byRow(request.id)), 200);
  });

  return app;
}
