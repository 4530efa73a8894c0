/** The leads admin API's part of the OpenAPI document (merged by node/admin/openapi.ts). */
import { OWNED_LEAD_STATUSES, RECEIVED_STATUSES } from '../../leads/lead-status.ts';
import { ok, operation, param, response } from '../openapi-builders.ts';
import { ref } from '../openapi-components.ts';
import type { ParameterObject, PathItemObject, SchemaObject } from '../openapi-types.ts';
import { object } from './openapi-schemas.ts';

export { LEAD_OPENAPI_SCHEMAS } from './openapi-schemas.ts';

const TAG = 'leads';

const leadId: ParameterObject = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The lead id (URL-encoded).',
  schema: { type: 'string' },
};
const ruleId: ParameterObject = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'integer', minimum: 1 },
};
const owner: ParameterObject = {
  name: 'owner',
  in: 'query',
  description:
    'The owner partner (id or node id), needed only when two owners offered the same lead id.',
  schema: { type: 'string' },
};
const pageParams: ParameterObject[] = [
  {
    name: 'limit',
    in: 'query',
    schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
];

const lead = ok('The lead, with its offers.', ref('OwnedLead'));
const received = ok('The received lead.', ref('ReceivedLead'));
const list = (key: string, item: string): SchemaObject =>
  object({ [key]: { type: 'array', items: ref(item) } });
const errors = { '404': response('NotFound'), '409': response('Conflict') };

export const LEAD_OPENAPI_PATHS: Record<string, PathItemObject> = {
  '/leads': {
    post: operation('createLead', {
      summary: 'Create a lead (and route it by the rules when route is true)',
      tag: TAG,
      body: { schema: ref('CreateLeadRequest') },
      responses: { '201': ok('Created.', ref('OwnedLead')), '409': response('Conflict') },
    }),
    get: operation('listLeads', {
      summary: 'Leads this node owns, newest first',
      tag: TAG,
      parameters: [
        { name: 'status', in: 'query', schema: { type: 'string', enum: OWNED_LEAD_STATUSES } },
        param('partnerFilter'),
        ...pageParams,
      ],
      responses: { '200': ok('Leads.', list('leads', 'OwnedLead')), '400': response('BadRequest') },
    }),
  },
  '/leads/{id}': {
    get: operation('getLead', {
      summary: 'One owned lead with its offers',
      tag: TAG,
      parameters: [leadId],
      responses: { '200': lead, '404': response('NotFound') },
    }),
    patch: operation('updateLead', {
      summary: 'Change its fields: the version advances, partners holding it get the new one',
      tag: TAG,
      parameters: [leadId],
      body: { schema: ref('UpdateLeadRequest') },
      responses: { '200': lead, ...errors },
    }),
  },
  '/leads/{id}/offers': {
    post: operation('offerLead', {
      summary: 'Offer the lead to one partner (exclusive) or several',
      tag: TAG,
      description:
        'Refused with 409 lead_closed, already_offered, partner_declined, offered_before, lead_taken or partner_removed.',
      parameters: [leadId],
      body: { schema: ref('OfferLeadRequest') },
      responses: { '200': lead, ...errors },
    }),
  },
  '/leads/{id}/route': {
    post: operation('routeLead', {
      summary: 'Let the routing rules choose candidates and offer to the first',
      tag: TAG,
      parameters: [leadId],
      responses: { '200': lead, ...errors },
    }),
  },
  '/leads/{id}/recall': {
    post: operation('recallLead', {
      summary: "Take back one partner's open or accepted offer (lead.recall)",
      tag: TAG,
      parameters: [leadId],
      body: { schema: ref('RecallLeadRequest') },
      responses: { '200': lead, ...errors },
    }),
  },
  '/leads/{id}/withdraw': {
    post: operation('withdrawLead', {
      summary: 'Stop sharing the lead (record.withdraw to every partner holding it)',
      tag: TAG,
      parameters: [leadId],
      body: { schema: ref('WithdrawLeadRequest'), optional: true },
      responses: { '200': lead, '404': response('NotFound') },
    }),
  },
  '/leads/{id}/timeline': {
    get: operation('getLeadTimeline', {
      summary: 'Every event of the lead: who, when, and the signed message involved',
      tag: TAG,
      parameters: [leadId],
      responses: {
        '200': ok('Events, oldest first.', list('events', 'LeadEvent')),
        '404': response('NotFound'),
      },
    }),
  },
  '/lead-routing/rules': {
    get: operation('listRoutingRules', {
      summary: 'Routing rules in the order they are tried',
      tag: TAG,
      responses: { '200': ok('Rules.', list('rules', 'RoutingRule')) },
    }),
    post: operation('createRoutingRule', {
      summary: 'Add a routing rule (name required)',
      tag: TAG,
      body: { schema: ref('RoutingRuleRequest') },
      responses: { '201': ok('Created.', ref('RoutingRule')) },
    }),
  },
  '/lead-routing/rules/{id}': {
    patch: operation('updateRoutingRule', {
      summary: 'Change a routing rule: only the fields given change',
      tag: TAG,
      parameters: [ruleId],
      body: { schema: ref('RoutingRuleRequest') },
      responses: { '200': ok('The rule.', ref('RoutingRule')), '404': response('NotFound') },
    }),
    delete: operation('deleteRoutingRule', {
      summary: 'Delete a routing rule',
      tag: TAG,
      parameters: [ruleId],
      responses: { '204': { description: 'Deleted.' }, '404': response('NotFound') },
    }),
  },
  '/lead-routing/partners': {
    get: operation('listPartnerRouting', {
      summary: 'Every partner with its routing attributes (tier, regions, product lines)',
      tag: TAG,
      responses: { '200': ok('Partners.', list('partners', 'PartnerRouting')) },
    }),
  },
  '/lead-routing/partners/{ref}': {
    put: operation('setPartnerRouting', {
      summary: "Set a partner's routing attributes: the fields given replace the stored ones",
      tag: TAG,
      parameters: [param('partnerRef')],
      body: { schema: ref('PartnerRoutingRequest') },
      responses: {
        '200': ok('The attributes.', ref('PartnerRouting')),
        '404': response('NotFound'),
      },
    }),
  },
  '/lead-tracking': {
    get: operation('getLeadTracking', {
      summary: 'Per partner: offers, accepted, declined, expired, median time to accept, won',
      tag: TAG,
      parameters: [param('partnerFilter')],
      responses: {
        '200': ok('Tracking.', list('partners', 'LeadTracking')),
        '400': response('BadRequest'),
      },
    }),
  },
  '/lead-tracking/black-holes': {
    get: operation('getLeadBlackHoles', {
      summary: 'Accepted leads with no progress for `days` days (default 14)',
      tag: TAG,
      parameters: [
        { name: 'days', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 3650 } },
        param('partnerFilter'),
      ],
      responses: {
        '200': ok(
          'Silent leads, longest silence first.',
          object({ days: { type: 'integer' }, leads: { type: 'array', items: ref('BlackHole') } }),
        ),
        '400': response('BadRequest'),
      },
    }),
  },
  '/received-leads': {
    get: operation('listReceivedLeads', {
      summary: 'Leads partners offered this node, newest first',
      tag: TAG,
      parameters: [
        { name: 'status', in: 'query', schema: { type: 'string', enum: RECEIVED_STATUSES } },
        owner,
        ...pageParams,
      ],
      responses: {
        '200': ok('Leads.', list('leads', 'ReceivedLead')),
        '400': response('BadRequest'),
      },
    }),
  },
  '/received-leads/{id}': {
    get: operation('getReceivedLead', {
      summary: 'One received lead',
      tag: TAG,
      parameters: [leadId, owner],
      responses: { '200': received, ...errors },
    }),
  },
  '/received-leads/{id}/accept': {
    post: operation('acceptReceivedLead', {
      summary: 'Accept the offer (lead.accept to the owner)',
      tag: TAG,
      description: '409 lead_closed, offer_expired, ambiguous_lead or partner_removed.',
      parameters: [leadId, owner],
      responses: { '200': received, ...errors },
    }),
  },
  '/received-leads/{id}/decline': {
    post: operation('declineReceivedLead', {
      summary: 'Decline the offer with a reason (lead.decline to the owner)',
      tag: TAG,
      parameters: [leadId, owner],
      body: { schema: ref('DeclineLeadRequest') },
      responses: { '200': received, ...errors },
    }),
  },
  '/received-leads/{id}/progress': {
    post: operation('progressReceivedLead', {
      summary: 'Report progress on an accepted lead (lead.progress to the owner)',
      tag: TAG,
      description: '409 not_accepted, lead_closed, ambiguous_lead or partner_removed.',
      parameters: [leadId, owner],
      body: { schema: ref('ProgressLeadRequest') },
      responses: { '200': received, ...errors },
    }),
  },
};
