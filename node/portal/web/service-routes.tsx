/**
 * Service requests and warranty claims of the signed-in partner: open or file, comment and change
 * status, follow the vendor's answers. Records are found by their wire id AND the signed-in
 * partner; each action is the message the partner's node would send.
 */
import { Hono, type Context } from 'hono';
import { newMessageId } from '../../../protocol/index.ts';
import { mayAmend } from '../../service/claim-rules.ts';
import {
  CLAIM_RECORD_KIND,
  REQUEST_RECORD_KIND,
  type ServiceUpdateBody,
} from '../../service/wire.ts';
import { REQUEST_STATUSES, type RequestStatus } from '../../store/service-store.ts';
import type { ActDeps } from '../act-as-partner.ts';
import type { FormError } from './components.tsx';
import { errorPage } from './error-page.tsx';
import { formBody } from './form-body.ts';
import { pageCtx, sendPage } from './layout.tsx';
import { actAndReturn, backTo, formErrorOf, given, labelsIn } from './portal-action.ts';
import { t } from '../../i18n/index.ts';
import type { PortalEnv } from './portal-env.ts';
import { ClaimListPage, ClaimPage, NewClaimPage } from './claim-pages.tsx';
import { NewRequestPage, partnerVisible, RequestListPage, RequestPage } from './service-pages.tsx';
import { checkClaimForm, checkRequestForm, checked, LABELS } from './service-forms.ts';
import { csrfCheck } from './session-guard.ts';
import { ATTACHABLE_ORDERS, attachmentsFromForm } from './request-documents.tsx';
import { attachmentsToWire, type AttachmentWire } from '../../service/attachments.ts';
import type { ServiceRequestBody } from '../../service/wire.ts';
import { withdrawAndReturn } from './withdraw-form.tsx';
import { afterIdOf, cutPage, PORTAL_PAGE_SIZE } from './list-pager.tsx';

const withAttachments = (body: ServiceRequestBody, wire: AttachmentWire[]): ServiceRequestBody =>
  wire.length === 0 ? body : { ...body, request: { ...body.request, attachments: wire } };

export function createServiceRoutes(deps: ActDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const ctxOf = (c: Context<PortalEnv>, section: 'requests' | 'claims') =>
    pageCtx(c, deps.clock.now(), section);
  const noRequest = (c: Context<PortalEnv>) => errorPage(c, 404, t('service.notFound'));
  const noClaim = (c: Context<PortalEnv>) => errorPage(c, 404, t('claim.notFound'));

  const findRequest = (partnerId: number, id: string) =>
    id.length > 200
      ? Promise.resolve(null)
      : deps.store.read(async (tx) => {
          const request = await tx.service.findRequest(partnerId, id);
          return request
            ? {
                request,
                events: partnerVisible(await tx.service.events(request.id)),
                attachments: await tx.sharedServices.attachments(request.id),
                charge: await tx.sharedServices.chargeOfRequest(request.id),
              }
            : null;
        });

  // ---- service requests ----

  app.get('/requests', async (c) => {
    const after = afterIdOf(c);
    const rows = await deps.store.read((tx) =>
      tx.service.listRequests(
        { partnerId: c.var.viewer.partner.id },
        { limit: PORTAL_PAGE_SIZE + 1, ...(after !== undefined && { after }) },
      ),
    );
    const { shown, nextCursor } = cutPage(rows, PORTAL_PAGE_SIZE);
    return sendPage(
      c,
      <RequestListPage ctx={ctxOf(c, 'requests')} requests={shown} nextCursor={nextCursor} />,
    );
  });

  const attachableOrders = (partnerId: number) =>
    deps.store.read((tx) => tx.orders.listOrders({ partnerId }, { limit: ATTACHABLE_ORDERS }));

  app.get('/requests/new', async (c) =>
    sendPage(
      c,
      <NewRequestPage
        ctx={ctxOf(c, 'requests')}
        orders={await attachableOrders(c.var.viewer.partner.id)}
      />,
    ),
  );

  app.post('/requests', formBody(), csrfCheck(), async (c) => {
    const form = c.var.form;
    const partnerId = c.var.viewer.partner.id;
    const requestId = newMessageId();
    const result = checkRequestForm(deps, form, requestId, 1);
    const attached = await deps.store.read((tx) =>
      attachmentsFromForm(tx, partnerId, form, deps.clock.now()),
    );
    if (!result.ok || !attached.ok) {
      const errors = [
        ...(result.ok ? [] : result.errors),
        ...(attached.ok ? [] : [attached.error]),
      ];
      return sendPage(
        c,
        <NewRequestPage
          ctx={ctxOf(c, 'requests')}
          orders={await attachableOrders(partnerId)}
          form={form}
          error={errors}
        />,
        400,
      );
    }
    const body = withAttachments(result.value, attached.wire);
    checked(deps, 'service.request', body);
    return actAndReturn(
      deps,
      c,
      { kind: 'service.request', body },
      {
        path: `/requests/${encodeURIComponent(requestId)}`,
        done: 'opened',
        refused: async (code) =>
          sendPage(
            c,
            <NewRequestPage
              ctx={ctxOf(c, 'requests')}
              orders={await attachableOrders(partnerId)}
              form={form}
              refused={code}
            />,
            409,
          ),
      },
    );
  });

  app.get('/requests/:id', async (c) => {
    const found = await findRequest(c.var.viewer.partner.id, c.req.param('id'));
    if (!found) return noRequest(c);
    return sendPage(
      c,
      <RequestPage
        ctx={ctxOf(c, 'requests')}
        {...found}
        done={c.req.query('done')}
        refused={c.req.query('error')}
      />,
    );
  });

  app.post('/requests/:id/update', formBody(), csrfCheck(), async (c) => {
    const found = await findRequest(c.var.viewer.partner.id, c.req.param('id'));
    if (!found) return noRequest(c);
    const { request } = found;
    const path = `/requests/${encodeURIComponent(request.requestId)}`;
    if (request.withdrawnAt) return backTo(c, path, { error: 'request_withdrawn' });
    const form = c.var.form;
    const status = given(form.status);
    const comment = given(form.comment);
    const now = deps.clock.now();
    const invalid = (errors: FormError[]) =>
      sendPage(
        c,
        <RequestPage ctx={ctxOf(c, 'requests')} {...found} form={form} error={errors} />,
        400,
      );
    const errors: FormError[] = [];
    if (status !== undefined && !(REQUEST_STATUSES as readonly string[]).includes(status)) {
      errors.push({ field: 'status', message: t('service.chooseStatus') });
    }
    if (comment !== undefined && comment.length > 5000) {
      errors.push({ field: 'comment', message: t('service.commentTooLong', { max: 5000 }) });
    }
    if (status === undefined && comment === undefined) {
      errors.push({ field: 'comment', message: t('refusal.nothing_to_send') });
    }
    if (errors.length > 0) return invalid(errors);
    // The partner numbers its own updates, and its stamp must rise past every one the request
    // holds, so that its change wins on both sides (see node/service/request-rules.ts).
    const at = Math.max(now.getTime(), request.statusStamp.at + 1, request.partnerUpdateAt + 1);
    const body: ServiceUpdateBody = {
      requestId: request.requestId,
      status: (status as RequestStatus | undefined) ?? request.status,
      ...(comment !== undefined && { comment: { id: newMessageId(), text: comment } }),
      version: request.partnerUpdateVersion + 1,
      changedAt: new Date(at).toISOString(),
    };
    try {
      checked(deps, 'service.update', body);
    } catch (error) {
      return invalid([
        {
          field: 'comment',
          message: formErrorOf(error, { text: 'comment' }, labelsIn(LABELS)).message,
        },
      ]);
    }
    return actAndReturn(deps, c, { kind: 'service.update', body }, { path, done: 'updated' });
  });

  // The partner opened it: it may change the request's own fields, or withdraw it.
  const ownRequest = async (c: Context<PortalEnv>) => {
    const found = await findRequest(c.var.viewer.partner.id, c.req.param('id') ?? '');
    if (!found) return { response: await noRequest(c) };
    const path = `/requests/${encodeURIComponent(found.request.requestId)}`;
    if (found.request.owner !== 'partner')
      return { response: backTo(c, path, { error: 'not_owner' }) };
    if (found.request.withdrawnAt)
      return { response: backTo(c, path, { error: 'request_withdrawn' }) };
    return { found, path };
  };
  const requestPageWith = (
    c: Context<PortalEnv>,
    found: NonNullable<Awaited<ReturnType<typeof findRequest>>>,
    errors: FormError[],
  ) =>
    sendPage(
      c,
      <RequestPage ctx={ctxOf(c, 'requests')} {...found} form={c.var.form} error={errors} />,
      400,
    );

  app.post('/requests/:id/revise', formBody(), csrfCheck(), async (c) => {
    const own = await ownRequest(c);
    if (!own.found) return own.response;
    const { found, path } = own;
    const result = checkRequestForm(
      deps,
      c.var.form,
      found.request.requestId,
      found.request.version + 1,
    );
    if (!result.ok) return requestPageWith(c, found, result.errors);
    // Every version carries the whole set of documents: the revision keeps those held.
    const body = withAttachments(result.value, attachmentsToWire(found.attachments));
    return actAndReturn(deps, c, { kind: 'service.request', body }, { path, done: 'revised' });
  });

  app.post('/requests/:id/withdraw', formBody(), csrfCheck(), async (c) => {
    const own = await ownRequest(c);
    if (!own.found) return own.response;
    const { found, path } = own;
    return withdrawAndReturn(
      deps,
      c,
      {
        recordKind: REQUEST_RECORD_KIND,
        recordId: found.request.requestId,
        path,
        defaultReason: 'withdrawn by the partner that opened it',
      },
      (errors) => requestPageWith(c, found, errors),
    );
  });

  // ---- warranty claims ----

  const findClaim = (partnerId: number, id: string) =>
    id.length > 200
      ? Promise.resolve(null)
      : deps.store.read(async (tx) => {
          const claim = await tx.service.findClaim(partnerId, id);
          return claim ? { claim, events: await tx.service.claimEvents(claim.id) } : null;
        });

  app.get('/claims', async (c) => {
    const after = afterIdOf(c);
    const rows = await deps.store.read((tx) =>
      tx.service.listClaims(
        { partnerId: c.var.viewer.partner.id },
        { limit: PORTAL_PAGE_SIZE + 1, ...(after !== undefined && { after }) },
      ),
    );
    const { shown, nextCursor } = cutPage(rows, PORTAL_PAGE_SIZE);
    return sendPage(
      c,
      <ClaimListPage ctx={ctxOf(c, 'claims')} claims={shown} nextCursor={nextCursor} />,
    );
  });

  app.get('/claims/new', (c) => sendPage(c, <NewClaimPage ctx={ctxOf(c, 'claims')} />));

  app.post('/claims', formBody(), csrfCheck(), async (c) => {
    const form = c.var.form;
    const claimId = newMessageId();
    const result = checkClaimForm(deps, form, claimId, 1, null);
    if (!result.ok) {
      return sendPage(
        c,
        <NewClaimPage ctx={ctxOf(c, 'claims')} form={form} error={result.errors} />,
        400,
      );
    }
    return actAndReturn(
      deps,
      c,
      { kind: 'warranty.claim', body: result.value },
      {
        path: `/claims/${encodeURIComponent(claimId)}`,
        done: 'filed',
        refused: (code) =>
          sendPage(c, <NewClaimPage ctx={ctxOf(c, 'claims')} form={form} refused={code} />, 409),
      },
    );
  });

  app.get('/claims/:id', async (c) => {
    const found = await findClaim(c.var.viewer.partner.id, c.req.param('id'));
    if (!found) return noClaim(c);
    return sendPage(
      c,
      <ClaimPage
        ctx={ctxOf(c, 'claims')}
        {...found}
        done={c.req.query('done')}
        refused={c.req.query('error')}
      />,
    );
  });

  // A new version of the claim, while the vendor has not decided for good.
  app.post('/claims/:id/amend', formBody(), csrfCheck(), async (c) => {
    const found = await findClaim(c.var.viewer.partner.id, c.req.param('id'));
    if (!found) return noClaim(c);
    const { claim } = found;
    const path = `/claims/${encodeURIComponent(claim.claimId)}`;
    if (claim.owner !== 'partner') return backTo(c, path, { error: 'not_owner' });
    if (claim.withdrawnAt) return backTo(c, path, { error: 'withdrawn' });
    if (!mayAmend(claim.status)) return backTo(c, path, { error: 'claim_decided' });
    const result = checkClaimForm(
      deps,
      c.var.form,
      claim.claimId,
      claim.version + 1,
      claim.requestId,
    );
    if (!result.ok) {
      return sendPage(
        c,
        <ClaimPage ctx={ctxOf(c, 'claims')} {...found} form={c.var.form} error={result.errors} />,
        400,
      );
    }
    return actAndReturn(
      deps,
      c,
      { kind: 'warranty.claim', body: result.value },
      { path, done: 'amended_claim' },
    );
  });

  app.post('/claims/:id/withdraw', formBody(), csrfCheck(), async (c) => {
    const found = await findClaim(c.var.viewer.partner.id, c.req.param('id'));
    if (!found) return noClaim(c);
    const { claim } = found;
    const path = `/claims/${encodeURIComponent(claim.claimId)}`;
    if (claim.owner !== 'partner') return backTo(c, path, { error: 'not_owner' });
    if (claim.withdrawnAt) return backTo(c, path, { error: 'withdrawn' });
    return withdrawAndReturn(
      deps,
      c,
      {
        recordKind: CLAIM_RECORD_KIND,
        recordId: claim.claimId,
        path,
        defaultReason: 'withdrawn by the claimant',
      },
      (errors) =>
        sendPage(
          c,
          <ClaimPage ctx={ctxOf(c, 'claims')} {...found} form={c.var.form} error={errors} />,
          400,
        ),
    );
  });

  return app;
}
