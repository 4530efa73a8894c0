/** The leads admin operations, declared once: the owner's leads, routing, tracking, received leads. */
import { z } from 'zod';
import { MAX_LEAD_PAGE } from '../../leads/lead-queries.ts';
import {
  CreateLeadRequest,
  DeclineLeadRequest,
  OfferLeadRequest,
  PartnerRoutingRequest,
  ProgressLeadRequest,
  RecallLeadRequest,
  RoutingRuleRequest,
  UpdateLeadRequest,
  WithdrawLeadRequest,
} from '../../leads/lead-schemas.ts';
import { OWNED_LEAD_STATUSES, RECEIVED_STATUSES } from '../../leads/lead-status.ts';
import { queryEnum, queryInteger, queryText } from '../../input/input-atoms.ts';
import { errorResponses as errors, jsonRequest, jsonResponse, operationsOf } from '../operation.ts';
import { READ, rolesOf } from '../role-rule.ts';
import {
  BlackHole,
  LeadEvent,
  LeadTracking,
  OwnedLead,
  PartnerRouting,
  ReceivedLead,
  RoutingRule,
} from './lead-view-schemas.ts';

export const DEFAULT_LEAD_PAGE = 50;
export const DEFAULT_BLACK_HOLE_DAYS = 14;

const declare = operationsOf('leads');
const WRITE = rolesOf('leads');

const leadId = z.object({
  id: z.string().min(1).meta({ description: 'The lead id (URL-encoded).' }),
});
const ruleId = z.object({ id: z.string().regex(/^\d{1,9}$/) });
const partnerRef = z.object({
  ref: z.string().min(1).meta({ description: 'Partner id, or its node id URL-encoded.' }),
});
const owner = queryText().optional().meta({
  description:
    'The owner partner (id or node id), needed only when two owners offered the same lead id.',
});
const partnerFilter = queryText().optional().meta({ description: 'Partner id or node id.' });
const page = {
  limit: queryInteger(1, MAX_LEAD_PAGE).optional(),
  offset: queryInteger(0, 1_000_000).optional(),
};
const noQuery = z.strictObject({});
const ownerQuery = z.strictObject({ owner });
const leadAnswer = { 200: jsonResponse('The lead, with its offers.', OwnedLead), ...errors };
const receivedAnswer = { 200: jsonResponse('The received lead.', ReceivedLead), ...errors };
const statusEnum = <T extends string>(values: readonly T[]) =>
  queryEnum(values as unknown as [T, ...T[]]);

export const createLead = declare(
  {
    method: 'post',
    path: '/leads',
    operationId: 'createLead',
    roles: WRITE,
    body: 'required',
    summary: 'Create a lead (and route it by the rules when route is true)',
    description:
      'Stores a lead this node owns. Its fields are judged by the lead.offer wire schema, so what is accepted here can be offered as is; the domain is stored bare. With `route: true` the routing rules choose candidates and the lead is offered to the first at once (409 when it cannot be).',
  },
  {
    request: { body: jsonRequest(CreateLeadRequest) },
    responses: { 201: jsonResponse('Created.', OwnedLead), 400: errors[400], 409: errors[409] },
  },
);

export const listLeads = declare(
  {
    method: 'get',
    path: '/leads',
    operationId: 'listLeads',
    roles: READ,
    summary: 'Leads this node owns, newest first',
    description:
      'Owned leads with their offers, optionally of one status (decided in the query, so every page is full) or offered to one partner; page on with `after` (the nextCursor of the previous page), or with offset.',
  },
  {
    request: {
      query: z.strictObject({
        status: statusEnum(OWNED_LEAD_STATUSES).optional(),
        partner: partnerFilter,
        ...page,
        after: queryText()
          .optional()
          .meta({ description: 'The nextCursor of the previous page (instead of offset).' }),
      }),
    },
    responses: {
      200: jsonResponse(
        'Leads.',
        z.strictObject({
          leads: z.array(OwnedLead),
          nextCursor: z
            .string()
            .nullable()
            .meta({ description: 'Pass as `after` for the next page; null on the last page.' }),
        }),
      ),
      400: errors[400],
    },
  },
);

export const getLead = declare(
  {
    method: 'get',
    path: '/leads/{id}',
    operationId: 'getLead',
    roles: READ,
    summary: 'One owned lead with its offers',
    description:
      "One lead this node owns: its fields, status, version, routing choice and every offer with the partner's progress.",
  },
  {
    request: { params: leadId, query: noQuery },
    responses: { 200: leadAnswer[200], 404: errors[404] },
  },
);

export const updateLead = declare(
  {
    method: 'patch',
    path: '/leads/{id}',
    operationId: 'updateLead',
    roles: WRITE,
    body: 'required',
    summary: 'Change its fields: the version advances, partners holding it get the new one',
    description:
      'Only the fields given change and null clears an optional one; `contact` is replaced whole. A change that changes nothing keeps the version; otherwise partners holding a live offer receive the new version.',
  },
  { request: { params: leadId, body: jsonRequest(UpdateLeadRequest) }, responses: leadAnswer },
);

export const offerLead = declare(
  {
    method: 'post',
    path: '/leads/{id}/offers',
    operationId: 'offerLead',
    roles: WRITE,
    body: 'required',
    summary: 'Offer the lead to one partner (exclusive) or several',
    description:
      'Sends lead.offer to each partner named; the offer expires after offerHours or at offerExpiresAt. Refused with 409 lead_closed, already_offered, partner_declined, offered_before, lead_taken or partner_removed.',
  },
  { request: { params: leadId, body: jsonRequest(OfferLeadRequest) }, responses: leadAnswer },
);

export const routeLead = declare(
  {
    method: 'post',
    path: '/leads/{id}/route',
    operationId: 'routeLead',
    roles: WRITE,
    summary: 'Let the routing rules choose candidates and offer to the first',
    description:
      'The first enabled rule (by priority) that matches the lead chooses the partners, in order; the lead is offered to the first of them. 409 when no rule or no partner matches, or the lead is already offered.',
  },
  { request: { params: leadId }, responses: leadAnswer },
);

export const recallLead = declare(
  {
    method: 'post',
    path: '/leads/{id}/recall',
    operationId: 'recallLead',
    roles: WRITE,
    body: 'required',
    summary: "Take back one partner's open or accepted offer (lead.recall)",
    description:
      'Sends lead.recall to the partner with the reason (withdrawn or reassigned); its offer closes. 409 when that partner holds no live offer.',
  },
  { request: { params: leadId, body: jsonRequest(RecallLeadRequest) }, responses: leadAnswer },
);

export const withdrawLead = declare(
  {
    method: 'post',
    path: '/leads/{id}/withdraw',
    operationId: 'withdrawLead',
    roles: WRITE,
    body: 'optional',
    summary: 'Stop sharing the lead (record.withdraw to every partner holding it)',
    description:
      'Closes every live offer and sends record.withdraw with the reason to each partner that held one; the lead stays listed as withdrawn.',
  },
  {
    request: { params: leadId, body: jsonRequest(WithdrawLeadRequest, { optional: true }) },
    responses: { 200: leadAnswer[200], 404: errors[404] },
  },
);

export const getLeadTimeline = declare(
  {
    method: 'get',
    path: '/leads/{id}/timeline',
    operationId: 'getLeadTimeline',
    roles: READ,
    summary: 'Every event of the lead: who, when, and the signed message involved',
    description:
      'The lead history oldest first: created, updated, routed, offered, answered, progress, recalled, expired and withdrawn, each with the node that acted and the signed message involved.',
  },
  {
    request: { params: leadId, query: noQuery },
    responses: {
      200: jsonResponse('Events, oldest first.', z.strictObject({ events: z.array(LeadEvent) })),
      404: errors[404],
    },
  },
);

export const listRoutingRules = declare(
  {
    method: 'get',
    path: '/lead-routing/rules',
    operationId: 'listRoutingRules',
    roles: READ,
    summary: 'Routing rules in the order they are tried',
    description:
      'The rules that choose partners for a lead, by priority (lower first): the regions and products they apply to, the tiers eligible and how partners are matched.',
  },
  {
    responses: {
      200: jsonResponse('Rules.', z.strictObject({ rules: z.array(RoutingRule) })),
    },
  },
);

export const createRoutingRule = declare(
  {
    method: 'post',
    path: '/lead-routing/rules',
    operationId: 'createRoutingRule',
    roles: WRITE,
    body: 'required',
    summary: 'Add a routing rule (name required)',
    description:
      'Adds a rule; fields not given take their defaults (priority 100, enabled, partners must cover the lead region and products, round robin).',
  },
  {
    request: { body: jsonRequest(RoutingRuleRequest) },
    responses: { 201: jsonResponse('Created.', RoutingRule), 400: errors[400] },
  },
);

export const updateRoutingRule = declare(
  {
    method: 'patch',
    path: '/lead-routing/rules/{id}',
    operationId: 'updateRoutingRule',
    roles: WRITE,
    body: 'required',
    summary: 'Change a routing rule: only the fields given change',
    description: 'Fields not given keep their value; `offerHours: null` clears the rule override.',
  },
  {
    request: { params: ruleId, body: jsonRequest(RoutingRuleRequest) },
    responses: { 200: jsonResponse('The rule.', RoutingRule), 404: errors[404] },
  },
);

export const deleteRoutingRule = declare(
  {
    method: 'delete',
    path: '/lead-routing/rules/{id}',
    operationId: 'deleteRoutingRule',
    roles: WRITE,
    summary: 'Delete a routing rule',
    description: 'The rule is no longer tried; leads it already routed keep their offers.',
  },
  {
    request: { params: ruleId },
    responses: { 204: { description: 'Deleted.' }, 404: errors[404] },
  },
);

export const listPartnerRouting = declare(
  {
    method: 'get',
    path: '/lead-routing/partners',
    operationId: 'listPartnerRouting',
    roles: READ,
    summary: 'Every partner with its routing attributes (tier, regions, product lines)',
    description:
      'What routing rules match partners against: each partner with its tier, regions and product lines (empty until set).',
  },
  {
    responses: {
      200: jsonResponse('Partners.', z.strictObject({ partners: z.array(PartnerRouting) })),
    },
  },
);

export const setPartnerRouting = declare(
  {
    method: 'put',
    path: '/lead-routing/partners/{ref}',
    operationId: 'setPartnerRouting',
    roles: WRITE,
    body: 'required',
    summary: "Set a partner's routing attributes: the fields given replace the stored ones",
    description: 'Fields not given keep their value; `tier: null` clears the tier.',
  },
  {
    request: { params: partnerRef, body: jsonRequest(PartnerRoutingRequest) },
    responses: {
      200: jsonResponse('The attributes.', PartnerRouting),
      400: errors[400],
      404: errors[404],
    },
  },
);

export const getLeadTracking = declare(
  {
    method: 'get',
    path: '/lead-tracking',
    operationId: 'getLeadTracking',
    roles: READ,
    summary: 'Per partner: offers, accepted, declined, expired, median time to accept, won',
    description:
      'How each partner handles the leads offered to it, optionally for one partner: counts by outcome, the median time to accept and the amounts won per currency.',
  },
  {
    request: { query: z.strictObject({ partner: partnerFilter }) },
    responses: {
      200: jsonResponse('Tracking.', z.strictObject({ partners: z.array(LeadTracking) })),
      400: errors[400],
    },
  },
);

export const getLeadBlackHoles = declare(
  {
    method: 'get',
    path: '/lead-tracking/black-holes',
    operationId: 'getLeadBlackHoles',
    roles: READ,
    summary: 'Accepted leads with no progress for `days` days (default 14)',
    description:
      'Leads a partner accepted and then went silent on: no progress report for at least `days` days, longest silence first, optionally for one partner.',
  },
  {
    request: {
      query: z.strictObject({
        days: queryInteger(1, 3650).optional(),
        partner: partnerFilter,
      }),
    },
    responses: {
      200: jsonResponse(
        'Silent leads, longest silence first.',
        z.strictObject({ days: z.number().int(), leads: z.array(BlackHole) }),
      ),
      400: errors[400],
    },
  },
);

export const listReceivedLeads = declare(
  {
    method: 'get',
    path: '/received-leads',
    operationId: 'listReceivedLeads',
    roles: READ,
    summary: 'Leads partners offered this node, newest first',
    description:
      'Leads offered to this node by partners that own them, optionally of one status or from one owner; page with limit and offset.',
  },
  {
    request: {
      query: z.strictObject({
        status: statusEnum(RECEIVED_STATUSES).optional(),
        owner,
        ...page,
      }),
    },
    responses: {
      200: jsonResponse('Leads.', z.strictObject({ leads: z.array(ReceivedLead) })),
      400: errors[400],
    },
  },
);

export const getReceivedLead = declare(
  {
    method: 'get',
    path: '/received-leads/{id}',
    operationId: 'getReceivedLead',
    roles: READ,
    summary: 'One received lead',
    description:
      'One lead a partner offered us, with our answer and progress. 409 ambiguous_lead when two owners used the id and `owner` is not given.',
  },
  { request: { params: leadId, query: ownerQuery }, responses: receivedAnswer },
);

export const acceptReceivedLead = declare(
  {
    method: 'post',
    path: '/received-leads/{id}/accept',
    operationId: 'acceptReceivedLead',
    roles: WRITE,
    summary: 'Accept the offer (lead.accept to the owner)',
    description:
      'Sends lead.accept to the owner. 409 lead_closed, offer_expired, ambiguous_lead or partner_removed.',
  },
  { request: { params: leadId, query: ownerQuery }, responses: receivedAnswer },
);

export const declineReceivedLead = declare(
  {
    method: 'post',
    path: '/received-leads/{id}/decline',
    operationId: 'declineReceivedLead',
    roles: WRITE,
    body: 'required',
    summary: 'Decline the offer with a reason (lead.decline to the owner)',
    description:
      'Sends lead.decline with the reason code and an optional comment; the owner never offers us that lead again. 409 when the offer is closed.',
  },
  {
    request: { params: leadId, query: ownerQuery, body: jsonRequest(DeclineLeadRequest) },
    responses: receivedAnswer,
  },
);

export const progressReceivedLead = declare(
  {
    method: 'post',
    path: '/received-leads/{id}/progress',
    operationId: 'progressReceivedLead',
    roles: WRITE,
    body: 'required',
    summary: 'Report progress on an accepted lead (lead.progress to the owner)',
    description:
      'Sends lead.progress with the stage, an optional amount and note. 409 not_accepted, lead_closed, ambiguous_lead or partner_removed.',
  },
  {
    request: { params: leadId, query: ownerQuery, body: jsonRequest(ProgressLeadRequest) },
    responses: receivedAnswer,
  },
);

export const LEAD_OPERATIONS = [
  createLead,
  listLeads,
  getLead,
  updateLead,
  offerLead,
  routeLead,
  recallLead,
  withdrawLead,
  getLeadTimeline,
  listRoutingRules,
  createRoutingRule,
  updateRoutingRule,
  deleteRoutingRule,
  listPartnerRouting,
  setPartnerRouting,
  getLeadTracking,
  getLeadBlackHoles,
  listReceivedLeads,
  getReceivedLead,
  acceptReceivedLead,
  declineReceivedLead,
  progressReceivedLead,
];
