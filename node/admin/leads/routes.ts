/**
 * The leads domain's admin API, mounted under /api: the owner's leads, offers, routing and
 * tracking, and the partner side's received leads. Declared in ./lead-operations.ts.
 */
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
import type { OwnedLeadStatus } from '../../leads/lead-status.ts';
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
import type { ReceivedStatus } from '../../store/lead-store.ts';
import { createOperationRouter } from '../operation.ts';
import { invalidField } from '../fields.ts';
import { partnerForField } from '../partner-ref.ts';
import { offerExpiryField, partnersField, queryPartner } from './lead-query-params.ts';
import * as ops from './lead-operations.ts';

const DEFAULT_WITHDRAW_REASON = 'withdrawn by the lead owner';

export function createLeadRoutes(deps: AppDeps) {
  const app = createOperationRouter();
  const now = () => deps.clock.now();
  const pageOf = (q: { limit?: number | undefined; offset?: number | undefined }) => ({
    limit: q.limit ?? ops.DEFAULT_LEAD_PAGE,
    offset: q.offset ?? 0,
  });
  const show = async (id: string) => showLead(deps.store, id);

  // ---- the owner's leads ----

  app.openapi(ops.createLead, async (c) => {
    const id = await createLead(
      c.var.deps,
      parseCreateLead(c.var.deps.schemas, c.req.valid('json')),
    );
    return c.json(await show(id), 201);
  });

  app.openapi(ops.listLeads, async (c) => {
    const query = c.req.valid('query');
    const status = query.status as OwnedLeadStatus | undefined;
    const partnerId = await queryPartner(c.var.deps.store, query.partner, 'partner');
    if (query.after !== undefined && query.offset !== undefined) {
      throw invalidField('after', 'give after or offset, not both');
    }
    const page = await listOwnedLeads(
      c.var.deps.store,
      { ...(status && { status }), ...(partnerId !== undefined && { partnerId }) },
      query.after === undefined
        ? pageOf(query)
        : { limit: query.limit ?? ops.DEFAULT_LEAD_PAGE, after: query.after },
    );
    return c.json(page, 200);
  });

  app.openapi(ops.getLead, async (c) => c.json(await show(c.req.valid('param').id), 200));

  app.openapi(ops.updateLead, async (c) => {
    const { id } = c.req.valid('param');
    await updateLead(c.var.deps, id, c.req.valid('json'));
    return c.json(await show(id), 200);
  });

  app.openapi(ops.offerLead, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const partners = await partnersField(c.var.deps.store, body.partners);
    const exclusive = body.exclusive ?? partners.length === 1;
    const expiresAt = offerExpiryField(body, now());
    await offerLead(c.var.deps, id, { partners, exclusive, expiresAt });
    return c.json(await show(id), 200);
  });

  app.openapi(ops.routeLead, async (c) => {
    const { id } = c.req.valid('param');
    await routeLead(c.var.deps, id);
    return c.json(await show(id), 200);
  });

  app.openapi(ops.recallLead, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const partner = await partnerForField(c.var.deps.store, body.partner, 'partner');
    await recallLead(c.var.deps, id, partner, body.reason ?? 'withdrawn');
    return c.json(await show(id), 200);
  });

  app.openapi(ops.withdrawLead, async (c) => {
    const { id } = c.req.valid('param');
    await withdrawLead(c.var.deps, id, c.req.valid('json').reason ?? DEFAULT_WITHDRAW_REASON);
    return c.json(await show(id), 200);
  });

  app.openapi(ops.getLeadTimeline, async (c) =>
    c.json({ events: await leadTimeline(c.var.deps.store, c.req.valid('param').id) }, 200),
  );

  // ---- routing ----

  app.openapi(ops.listRoutingRules, async (c) =>
    c.json({ rules: await listRules(c.var.deps.store) }, 200),
  );

  app.openapi(ops.createRoutingRule, async (c) =>
    c.json(await createRule(c.var.deps.store, c.req.valid('json'), now()), 201),
  );

  app.openapi(ops.updateRoutingRule, async (c) =>
    c.json(
      await updateRule(
        c.var.deps.store,
        Number(c.req.valid('param').id),
        c.req.valid('json'),
        now(),
      ),
      200,
    ),
  );

  app.openapi(ops.deleteRoutingRule, async (c) => {
    await deleteRule(c.var.deps.store, Number(c.req.valid('param').id));
    return c.body(null, 204);
  });

  app.openapi(ops.listPartnerRouting, async (c) =>
    c.json({ partners: await listPartnerRouting(c.var.deps.store) }, 200),
  );

  app.openapi(ops.setPartnerRouting, async (c) => {
    const partner = await findPartner(c.var.deps.store, c.req.valid('param').ref);
    return c.json(
      await setPartnerRouting(c.var.deps.store, partner, c.req.valid('json'), now()),
      200,
    );
  });

  // ---- tracking ----

  app.openapi(ops.getLeadTracking, async (c) => {
    const partnerId = await queryPartner(c.var.deps.store, c.req.valid('query').partner, 'partner');
    return c.json({ partners: await leadTracking(c.var.deps.store, partnerId) }, 200);
  });

  app.openapi(ops.getLeadBlackHoles, async (c) => {
    const query = c.req.valid('query');
    const days = query.days ?? ops.DEFAULT_BLACK_HOLE_DAYS;
    const partnerId = await queryPartner(c.var.deps.store, query.partner, 'partner');
    return c.json(
      { days, leads: await leadBlackHoles(c.var.deps.store, now(), days, partnerId) },
      200,
    );
  });

  // ---- leads partners offered us ----

  const receivedRef = (id: string, owner: string | undefined): ReceivedRef => ({
    leadId: id,
    ...(owner !== undefined && { owner }),
  });

  app.openapi(ops.listReceivedLeads, async (c) => {
    const query = c.req.valid('query');
    const status = query.status as ReceivedStatus | undefined;
    const ownerPartnerId = await queryPartner(c.var.deps.store, query.owner, 'owner');
    const leads = await listReceivedLeads(
      c.var.deps.store,
      { ...(status && { status }), ...(ownerPartnerId !== undefined && { ownerPartnerId }) },
      pageOf(query),
    );
    return c.json({ leads }, 200);
  });

  app.openapi(ops.getReceivedLead, async (c) => {
    const ref = receivedRef(c.req.valid('param').id, c.req.valid('query').owner);
    return c.json(await showReceivedLead(c.var.deps.store, ref), 200);
  });

  app.openapi(ops.acceptReceivedLead, async (c) => {
    const ref = receivedRef(c.req.valid('param').id, c.req.valid('query').owner);
    await acceptReceived(c.var.deps, ref);
    return c.json(await showReceivedLead(c.var.deps.store, ref), 200);
  });

  app.openapi(ops.declineReceivedLead, async (c) => {
    const ref = receivedRef(c.req.valid('param').id, c.req.valid('query').owner);
    await declineReceived(c.var.deps, ref, parseDecline(c.var.deps.schemas, c.req.valid('json')));
    return c.json(await showReceivedLead(c.var.deps.store, ref), 200);
  });

  app.openapi(ops.progressReceivedLead, async (c) => {
    const ref = receivedRef(c.req.valid('param').id, c.req.valid('query').owner);
    await progressReceived(
      c.var.deps,
      ref,
      parseProgress(c.var.deps.schemas, c.req.valid('json'), now()),
    );
    return c.json(await showReceivedLead(c.var.deps.store, ref), 200);
  });

  return app;
}
