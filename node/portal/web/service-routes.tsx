/**
 * Service requests and warranty claims of the signed-in partner: open or file, comment and change
 * status, follow the vendor's answers. Records are found by their wire id AND the signed-in
 * partner; each action is the message the partner's node would send.
 */
import { Hono, type Context } from 'hono';
import { newMessageId } from '../../../protocol/index.ts';
import { badRequest } from '../../errors.ts';
import { parseClaimFields, parseRequestFields } from '../../service/input.ts';
import { claimBody, requestBody, type ServiceUpdateBody } from '../../service/wire.ts';
import { REQUEST_STATUSES, type RequestStatus } from '../../store/service-store.ts';
import type { ActDeps } from '../act-as-partner.ts';
import { errorPage } from './error-page.tsx';
import { formBody } from './form-body.ts';
import { pageCtx, sendPage } from './layout.tsx';
import { actAndReturn, backTo, formErrorOf, given } from './portal-action.ts';
import type { PortalEnv } from './portal-env.ts';
import { ClaimListPage, ClaimPage, NewClaimPage } from './claim-pages.tsx';
import { NewRequestPage, partnerVisible, RequestListPage, RequestPage } from './service-pages.tsx';
import { csrfCheck } from './session-guard.ts';

const LIST_LIMIT = 200;
const LABELS: Record<string, string> = {
  category: 'Category',
  subject: 'Subject',
  description: 'Description',
  priority: 'Priority',
  product: 'Product',
  serial: 'Serial number',
  status: 'Status',
  comment: 'Comment',
  purchaseDate: 'Purchase date',
  failureDate: 'Failure date',
  failure: 'What failed',
  claimedAmount: 'Amount claimed',
  currency: 'Currency',
};

/** The form's non-empty fields, as the input parsers read an operator's JSON. */
function filled(form: Record<string, string>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.flatMap((f) => (given(form[f]) ? [[f, given(form[f])!]] : [])));
}

function checked(deps: ActDeps, kind: string, body: unknown): void {
  const valid = deps.schemas.validateBody(kind, body);
  if (!valid.ok) {
    const field = valid.pointer.split('/').filter(Boolean).at(-1) ?? 'body';
    throw badRequest('invalid_field', `${field}: ${valid.detail}`, field);
  }
}

export function createServiceRoutes(deps: ActDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const ctxOf = (c: Context<PortalEnv>, section: 'requests' | 'claims') =>
    pageCtx(c, deps.clock.now(), section);
  const noRequest = (c: Context<PortalEnv>) =>
    errorPage(c, 404, 'There is no such service request of yours.');
  const noClaim = (c: Context<PortalEnv>) =>
    errorPage(c, 404, 'There is no such warranty claim of yours.');

  const findRequest = (partnerId: number, id: string) =>
    id.length > 200
      ? Promise.resolve(null)
      : deps.store.read(async (tx) => {
          const request = await tx.service.findRequest(partnerId, id);
          return request
            ? { request, events: partnerVisible(await tx.service.events(request.id)) }
            : null;
        });

  // ---- service requests ----

  app.get('/requests', async (c) => {
    const requests = await deps.store.read((tx) =>
      tx.service.listRequests({ partnerId: c.var.viewer.partner.id }, { limit: LIST_LIMIT }),
    );
    return sendPage(c, <RequestListPage ctx={ctxOf(c, 'requests')} requests={requests} />);
  });

  app.get('/requests/new', (c) => sendPage(c, <NewRequestPage ctx={ctxOf(c, 'requests')} />));

  app.post('/requests', formBody(), csrfCheck(), async (c) => {
    const form = c.var.form;
    const requestId = newMessageId();
    let body;
    try {
      const fields = parseRequestFields(
        filled(form, ['category', 'subject', 'description', 'priority', 'product', 'serial']),
      );
      body = requestBody(requestId, fields, 1);
      checked(deps, 'service.request', body);
    } catch (error) {
      const e = formErrorOf(error, {}, LABELS);
      return sendPage(c, <NewRequestPage ctx={ctxOf(c, 'requests')} form={form} error={e} />, 400);
    }
    return actAndReturn(
      deps,
      c,
      { kind: 'service.request', body },
      { path: `/requests/${encodeURIComponent(requestId)}`, done: 'opened' },
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
    const invalid = (field: string, message: string) =>
      sendPage(
        c,
        <RequestPage
          ctx={ctxOf(c, 'requests')}
          {...found}
          form={form}
          error={{ field, message }}
        />,
        400,
      );
    if (status !== undefined && !(REQUEST_STATUSES as readonly string[]).includes(status)) {
      return invalid('status', 'Choose a status from the list.');
    }
    if (status === undefined && comment === undefined) {
      return invalid('comment', 'Choose a status or write a comment.');
    }
    if (comment !== undefined && comment.length > 5000) {
      return invalid('comment', 'The comment may be at most 5000 characters.');
    }
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
      return invalid('comment', formErrorOf(error, { text: 'comment' }, LABELS).message);
    }
    return actAndReturn(deps, c, { kind: 'service.update', body }, { path, done: 'updated' });
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
    const claims = await deps.store.read((tx) =>
      tx.service.listClaims({ partnerId: c.var.viewer.partner.id }, { limit: LIST_LIMIT }),
    );
    return sendPage(c, <ClaimListPage ctx={ctxOf(c, 'claims')} claims={claims} />);
  });

  app.get('/claims/new', (c) => sendPage(c, <NewClaimPage ctx={ctxOf(c, 'claims')} />));

  app.post('/claims', formBody(), csrfCheck(), async (c) => {
    const form = c.var.form;
    const claimId = newMessageId();
    let body;
    try {
      const input = filled(form, [
        'product',
        'serial',
        'purchaseDate',
        'failureDate',
        'failure',
        'claimedAmount',
        'currency',
      ]);
      if (input.currency) input.currency = input.currency.toUpperCase();
      const fields = parseClaimFields(input);
      if (fields.failureDate < fields.purchaseDate) {
        throw badRequest('invalid_field', 'failureDate is before purchaseDate', 'failureDate');
      }
      body = claimBody(claimId, fields, 1);
      checked(deps, 'warranty.claim', body);
    } catch (error) {
      const e = formErrorOf(error, {}, LABELS);
      return sendPage(c, <NewClaimPage ctx={ctxOf(c, 'claims')} form={form} error={e} />, 400);
    }
    return actAndReturn(
      deps,
      c,
      { kind: 'warranty.claim', body },
      { path: `/claims/${encodeURIComponent(claimId)}`, done: 'filed' },
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

  return app;
}
