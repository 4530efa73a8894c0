/**
 * The leads domain's admin API, mounted under /api: the owner's leads, offers, routing and
 * tracking, and the partner side's received leads. Its OpenAPI part is in ./openapi.ts.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../app.ts';
import { parseDecline, parseProgress } from '../../leads/answer-input.ts';
import { parseCreateLead } from '../../leads/lead-input.ts';
import {
  leadBlackHoles,
  leadTimeline,
  leadTracking,
  listOwnedLeads,
  listReceivedLeads,
  showLead,
  showReceivedLead,
} from '../../leads/lead-queries.ts';
import { OWNED_LEAD_STATUSES, RECEIVED_STATUSES } from '../../leads/lead-status.ts';
import {
  createLead,
  offerLead,
  recallLead,
  routeLead,
  updateLead,
  withdrawLead,
} from '../../leads/owner-service.ts';
import {
  acceptReceived,
  declineReceived,
  progressReceived,
  type ReceivedRef,
} from '../../leads/partner-service.ts';
import {
  createRule,
  deleteRule,
  listPartnerRouting,
  listRules,
  setPartnerRouting,
  updateRule,
} from '../../leads/routing-service.ts';
import { findPartner } from '../../partners/partner-admin.ts';
import { notFound } from '../../errors.ts';
import type { AdminEnv } from '../admin-env.ts';
import {
  invalidField,
  optionalString,
  queryValue,
  rejectUnknownFields,
  rejectUnknownQuery,
} from '../fields.ts';
import { jsonBody } from '../json-body.ts';
import { partnerForField } from '../partner-ref.ts';
import {
  blackHoleDays,
  leadPage,
  offerExpiryField,
  partnersField,
  queryEnum,
  queryPartner,
} from './lead-query-params.ts';

export { LEAD_OPENAPI_PATHS, LEAD_OPENAPI_SCHEMAS } from './openapi.ts';

const DEFAULT_WITHDRAW_REASON = 'withdrawn by the lead owner';

export function createLeadRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const now = () => deps.clock.now();

  // ---- the owner's leads ----

  app.post('/leads', jsonBody(), async (c) => {
    const id = await createLead(deps, parseCreateLead(deps.schemas, c.var.body));
    return c.json(await showLead(deps.store, id), 201);
  });

  app.get('/leads', async (c) => {
    rejectUnknownQuery(c, ['status', 'partner', 'limit', 'offset']);
    const status = queryEnum(c, 'status', OWNED_LEAD_STATUSES);
    const partnerId = await queryPartner(deps.store, c, 'partner');
    const leads = await listOwnedLeads(
      deps.store,
      { ...(status && { status }), ...(partnerId !== undefined && { partnerId }) },
      leadPage(c),
    );
    return c.json({ leads });
  });

  app.get('/leads/:id', async (c) => {
    rejectUnknownQuery(c, []);
    return c.json(await showLead(deps.store, c.req.param('id')));
  });

  app.patch('/leads/:id', jsonBody(), async (c) => {
    await updateLead(deps, c.req.param('id'), c.var.body);
    return c.json(await showLead(deps.store, c.req.param('id')));
  });

  app.post('/leads/:id/offers', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['partners', 'exclusive', 'offerHours', 'offerExpiresAt']);
    const partners = await partnersField(deps.store, body.partners);
    if (body.exclusive !== undefined && typeof body.exclusive !== 'boolean') {
      throw invalidField('exclusive', 'exclusive must be true or false');
    }
    const exclusive = (body.exclusive as boolean | undefined) ?? partners.length === 1;
    const expiresAt = offerExpiryField(body, now());
    await offerLead(deps, c.req.param('id'), { partners, exclusive, expiresAt });
    return c.json(await showLead(deps.store, c.req.param('id')));
  });

  app.post('/leads/:id/route', async (c) => {
    await routeLead(deps, c.req.param('id'));
    return c.json(await showLead(deps.store, c.req.param('id')));
  });

  app.post('/leads/:id/recall', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['partner', 'reason']);
    const partner = await partnerForField(deps.store, body.partner, 'partner');
    const reason = body.reason ?? 'withdrawn';
    if (reason !== 'withdrawn' && reason !== 'reassigned') {
      throw invalidField('reason', 'reason must be withdrawn or reassigned');
    }
    await recallLead(deps, c.req.param('id'), partner, reason);
    return c.json(await showLead(deps.store, c.req.param('id')));
  });

  app.post('/leads/:id/withdraw', jsonBody({ optional: true }), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['reason']);
    const reason = optionalString(body, 'reason', { min: 1, max: 500 }) ?? DEFAULT_WITHDRAW_REASON;
    await withdrawLead(deps, c.req.param('id'), reason);
    return c.json(await showLead(deps.store, c.req.param('id')));
  });

  app.get('/leads/:id/timeline', async (c) => {
    rejectUnknownQuery(c, []);
    return c.json({ events: await leadTimeline(deps.store, c.req.param('id')) });
  });

  // ---- routing ----

  app.get('/lead-routing/rules', async (c) => c.json({ rules: await listRules(deps.store) }));

  app.post('/lead-routing/rules', jsonBody(), async (c) =>
    c.json(await createRule(deps.store, c.var.body, now()), 201),
  );

  app.patch('/lead-routing/rules/:id', jsonBody(), async (c) =>
    c.json(await updateRule(deps.store, ruleId(c), c.var.body, now())),
  );

  app.delete('/lead-routing/rules/:id', async (c) => {
    await deleteRule(deps.store, ruleId(c));
    return c.body(null, 204);
  });

  app.get('/lead-routing/partners', async (c) =>
    c.json({ partners: await listPartnerRouting(deps.store) }),
  );

  app.put('/lead-routing/partners/:ref', jsonBody(), async (c) => {
    const partner = await findPartner(deps.store, c.req.param('ref'));
    return c.json(await setPartnerRouting(deps.store, partner, c.var.body, now()));
  });

  // ---- tracking ----

  app.get('/lead-tracking', async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const partnerId = await queryPartner(deps.store, c, 'partner');
    return c.json({ partners: await leadTracking(deps.store, partnerId) });
  });

  app.get('/lead-tracking/black-holes', async (c) => {
    rejectUnknownQuery(c, ['days', 'partner']);
    const days = blackHoleDays(c);
    const partnerId = await queryPartner(deps.store, c, 'partner');
    return c.json({ days, leads: await leadBlackHoles(deps.store, now(), days, partnerId) });
  });

  // ---- leads partners offered us ----

  const receivedRef = (c: Context): ReceivedRef => {
    const owner = queryValue(c, 'owner');
    return { leadId: c.req.param('id')!, ...(owner !== undefined && { owner }) };
  };

  app.get('/received-leads', async (c) => {
    rejectUnknownQuery(c, ['status', 'owner', 'limit', 'offset']);
    const status = queryEnum(c, 'status', RECEIVED_STATUSES);
    const ownerPartnerId = await queryPartner(deps.store, c, 'owner');
    const leads = await listReceivedLeads(
      deps.store,
      { ...(status && { status }), ...(ownerPartnerId !== undefined && { ownerPartnerId }) },
      leadPage(c),
    );
    return c.json({ leads });
  });

  app.get('/received-leads/:id', async (c) => {
    rejectUnknownQuery(c, ['owner']);
    return c.json(await showReceivedLead(deps.store, receivedRef(c)));
  });

  app.post('/received-leads/:id/accept', async (c) => {
    rejectUnknownQuery(c, ['owner']);
    await acceptReceived(deps, receivedRef(c));
    return c.json(await showReceivedLead(deps.store, receivedRef(c)));
  });

  app.post('/received-leads/:id/decline', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['owner']);
    await declineReceived(deps, receivedRef(c), parseDecline(deps.schemas, c.var.body));
    return c.json(await showReceivedLead(deps.store, receivedRef(c)));
  });

  app.post('/received-leads/:id/progress', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['owner']);
    const input = parseProgress(deps.schemas, c.var.body, now());
    await progressReceived(deps, receivedRef(c), input);
    return c.json(await showReceivedLead(deps.store, receivedRef(c)));
  });

  return app;
}

function ruleId(c: Context): number {
  const raw = c.req.param('id') ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw notFound(`routing rule ${raw}`);
  return Number(raw);
}
