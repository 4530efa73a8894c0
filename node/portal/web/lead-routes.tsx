/**
 * Leads offered to the signed-in partner: list, one lead, and its answers (accept, decline with a
 * reason, progress). Every lookup is by the lead id AND the signed-in partner: a lead not offered
 * to it is "not found", whatever the URL says. An answer is the message the partner's node would
 * send, through the node's own inbound pipeline.
 */
import { Hono, type Context } from 'hono';
import { parseDecline, parseProgress } from '../../leads/answer-input.ts';
import { pageOwnedLeads } from '../../leads/lead-queries.ts';
import { PARTNER_OFFER_STATES } from '../../store/lead-store.ts';
import type { Store } from '../../store/store.ts';
import type { ActDeps } from '../act-as-partner.ts';
import { errorPage } from './error-page.tsx';
import { formBody } from './form-body.ts';
import { pageCtx, sendPage } from './layout.tsx';
import { LeadListPage, LeadPage, offerState, type OfferedLead } from './lead-pages.tsx';
import { actAndReturn, backTo, checkForm, given, labelsIn } from './portal-action.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import type { FormValues } from './portal-env.ts';
import type { PortalEnv } from './portal-env.ts';
import { afterTokenOf, PORTAL_PAGE_SIZE, statusOf } from './list-pager.tsx';
import { csrfCheck } from './session-guard.ts';

const LABELS: Record<string, MessageKey> = {
  reasonCode: 'field.reason',
  comment: 'field.comment',
  stage: 'field.stage',
  amount: 'field.amount',
  currency: 'field.currency',
  note: 'field.note',
};

export async function offeredLead(
  store: Store,
  partnerId: number,
  leadId: string,
): Promise<OfferedLead | null> {
  if (leadId.length > 200) return null;
  return store.read(async (tx) => {
    const offer = await tx.leads.latestOffer(leadId, partnerId);
    const lead = offer ? await tx.leads.getLead(leadId) : null;
    return offer && lead ? { lead, offer } : null;
  });
}

export function createLeadRoutes(deps: ActDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const notFound = (c: Context<PortalEnv>) => errorPage(c, 404, t('lead.notFound'));

  app.get('/leads', async (c) => {
    const partnerId = c.var.viewer.partner.id;
    const now = deps.clock.now();
    const status = statusOf(c, PARTNER_OFFER_STATES);
    const after = afterTokenOf(c);
    const page = await deps.store.read(async (tx) => {
      const { leads, nextCursor } = await pageOwnedLeads(
        tx,
        { partnerId, ...(status && { partnerOffer: { state: status, now } }) },
        { limit: PORTAL_PAGE_SIZE, ...(after !== undefined && { after }) },
      );
      const shown: OfferedLead[] = [];
      for (const lead of leads) {
        const offer = await tx.leads.latestOffer(lead.id, partnerId);
        if (offer) shown.push({ lead, offer });
      }
      return { leads: shown, nextCursor };
    });
    return sendPage(c, <LeadListPage ctx={pageCtx(c, now, 'leads')} status={status} {...page} />);
  });

  app.get('/leads/:id', async (c) => {
    const o = await offeredLead(deps.store, c.var.viewer.partner.id, c.req.param('id'));
    if (!o) return notFound(c);
    return sendPage(
      c,
      <LeadPage
        ctx={pageCtx(c, deps.clock.now(), 'leads')}
        o={o}
        done={c.req.query('done')}
        refused={c.req.query('error')}
      />,
    );
  });

  app.post('/leads/:id/accept', formBody(), csrfCheck(), async (c) => {
    const o = await offeredLead(deps.store, c.var.viewer.partner.id, c.req.param('id'));
    if (!o) return notFound(c);
    const path = `/leads/${encodeURIComponent(o.lead.id)}`;
    const state = offerState(o, deps.clock.now());
    if (state === 'accepted') return backTo(c, path, { done: 'accepted' });
    if (state === 'expired') return backTo(c, path, { error: 'offer_expired' });
    if (state !== 'open') return backTo(c, path, { error: 'lead_closed' });
    return actAndReturn(
      deps,
      c,
      { kind: 'lead.accept', body: { leadId: o.lead.id }, ref: o.offer.offerMessageId },
      { path, done: 'accepted' },
    );
  });

  app.post('/leads/:id/decline', formBody(), csrfCheck(), async (c) => {
    const o = await offeredLead(deps.store, c.var.viewer.partner.id, c.req.param('id'));
    if (!o) return notFound(c);
    const path = `/leads/${encodeURIComponent(o.lead.id)}`;
    const form = c.var.form;
    const state = offerState(o, deps.clock.now());
    if (state === 'accepted') return backTo(c, path, { error: 'already_accepted' });
    if (state !== 'open')
      return backTo(c, path, { error: state === 'expired' ? 'offer_expired' : 'lead_closed' });
    const checked = checkForm(form, {
      sample: { reasonCode: 'no_capacity', comment: '' },
      parse: (values: FormValues) =>
        parseDecline(deps.schemas, {
          reasonCode: values.reasonCode ?? '',
          ...(given(values.comment) && { comment: given(values.comment) }),
        }),
      labels: labelsIn(LABELS),
    });
    if (!checked.ok) {
      const ctx = pageCtx(c, deps.clock.now(), 'leads');
      return sendPage(c, <LeadPage ctx={ctx} o={o} error={checked.errors} form={form} />, 400);
    }
    const reason = checked.value;
    return actAndReturn(
      deps,
      c,
      { kind: 'lead.decline', body: { leadId: o.lead.id, ...reason }, ref: o.offer.offerMessageId },
      { path, done: 'declined' },
    );
  });

  app.post('/leads/:id/progress', formBody(), csrfCheck(), async (c) => {
    const o = await offeredLead(deps.store, c.var.viewer.partner.id, c.req.param('id'));
    if (!o) return notFound(c);
    const path = `/leads/${encodeURIComponent(o.lead.id)}`;
    const form = c.var.form;
    if (offerState(o, deps.clock.now()) !== 'accepted') {
      return backTo(c, path, { error: o.offer.status === 'open' ? 'not_accepted' : 'lead_closed' });
    }
    const now = deps.clock.now();
    const checked = checkForm(form, {
      sample: { stage: 'contacted', amount: '', currency: '', note: '' },
      parse: (values: FormValues) => {
        const amount = given(values.amount);
        const currency = given(values.currency)?.toUpperCase();
        return parseProgress(
          deps.schemas,
          {
            stage: values.stage ?? '',
            ...(amount && { amount }),
            ...(amount && currency && { currency }),
            ...(given(values.note) && { note: given(values.note) }),
          },
          now,
        );
      },
      labels: labelsIn(LABELS),
    });
    if (!checked.ok) {
      return sendPage(
        c,
        <LeadPage ctx={pageCtx(c, now, 'leads')} o={o} error={checked.errors} form={form} />,
        400,
      );
    }
    const progress = checked.value;
    const body = {
      leadId: o.lead.id,
      stage: progress.stage,
      ...(progress.amount !== undefined && { amount: progress.amount }),
      ...(progress.currency !== undefined && { currency: progress.currency }),
      ...(progress.note !== undefined && { note: progress.note }),
      lastActivityAt: (progress.lastActivityAt ?? now).toISOString(),
      // The partner's own progress version: one past what the vendor holds from it.
      version: o.offer.progress.version + 1,
    };
    return actAndReturn(
      deps,
      c,
      { kind: 'lead.progress', body, ref: o.offer.offerMessageId },
      { path, done: 'progress' },
    );
  });

  return app;
}
