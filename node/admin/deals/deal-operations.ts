/** The deal registration admin operations, declared once, with the answers they give. */
import { z } from 'zod';
import {
  DealAmendment,
  DealDecisionRequest,
  DealRegistration,
  DealSettingsRequest,
  DealWithdrawal,
} from '../../deals/deal-schemas.ts';
import { DEAL_STATUSES } from '../../deals/deal-status.ts';
import { queryEnum, queryInteger, queryText } from '../../input/input-atoms.ts';
import { MAX_PAGE_LIMIT } from '../fields.ts';
import { errorResponses as errors, jsonRequest, jsonResponse, operationsOf } from '../operation.ts';
import { READ, rolesOf } from '../role-rule.ts';
import { refusalOrNull } from '../record-schemas.ts';
import { stringOrNull, time, timeOrNull } from '../view-schemas.ts';

const declare = operationsOf('deals');
const WRITE = rolesOf('deals');
const intOrNull = z.number().int().nullable();

const partnerOf = z.strictObject({
  id: z.number().int(),
  name: stringOrNull,
  nodeId: stringOrNull,
});

export const Deal = z
  .strictObject({
    id: z.number().int().meta({ description: "This node's number for the registration." }),
    role: z.enum(['partner', 'vendor']).meta({
      description:
        'partner: we registered it with a vendor; vendor: a partner registered it with us.',
    }),
    dealId: z.string().meta({ description: "The registering partner's id for the deal." }),
    version: z.number().int(),
    partner: partnerOf.meta({
      description: 'The vendor (role partner) or the registering partner.',
    }),
    status: z.enum(DEAL_STATUSES as unknown as [string, ...string[]]).meta({
      description: 'As of now: an approval whose protection ended shows expired.',
    }),
    endCustomer: z.strictObject({
      name: z.string(),
      country: z.string(),
      domain: stringOrNull,
    }),
    products: z.array(z.string()),
    estimatedValue: z.string(),
    currency: z.string(),
    expectedCloseDate: z.string(),
    notes: stringOrNull,
    decisionVersion: z.number().int().meta({ description: '0 before the first decision.' }),
    decidedVersion: intOrNull,
    decidedAt: timeOrNull,
    reason: stringOrNull.meta({ description: "The vendor's reason for its last decision." }),
    protectedUntil: timeOrNull,
    conflicts: z
      .array(
        z.object({
          type: z.enum(['deal', 'lead']),
          id: z.number().int().optional(),
          dealId: z.string().optional(),
          leadId: z.string().optional(),
          partner: partnerOf,
          products: z.array(z.string()).optional(),
        }),
      )
      .nullable()
      .meta({
        description:
          'Role vendor: the records an automatic conflict decision clashed with (never sent to the partner).',
      }),
    laterConflicts: z
      .array(
        z.strictObject({
          id: z.number().int(),
          dealId: z.string(),
          partner: partnerOf,
          status: z.enum(DEAL_STATUSES as unknown as [string, ...string[]]),
          registeredAt: time,
          products: z.array(z.string()),
        }),
      )
      .nullable()
      .meta({
        description:
          'Role vendor: registrations that arrived after this one and were decided `conflict` because they clashed with it, oldest first, with the products they share (never sent to the partner). Role partner: null.',
      }),
    withdrawnAt: timeOrNull,
    withdrawnReason: stringOrNull,
    registeredAt: time,
    updatedAt: time,
    refusal: refusalOrNull,
  })
  .meta({ id: 'Deal' });

const DealPage = z
  .strictObject({
    deals: z.array(Deal),
    nextCursor: intOrNull.meta({
      description: 'The id of the last deal; pass as `after` for the next page.',
    }),
  })
  .meta({ id: 'DealPage' });

const DealProof = z
  .strictObject({
    deal: Deal,
    counterpart: partnerOf,
    sent: z.array(
      z.strictObject({
        messageId: z.string(),
        kind: z.string(),
        version: intOrNull,
        createdAt: time,
        jws: stringOrNull.meta({
          description: 'The message as we signed it; null until first sent.',
        }),
        sentAt: timeOrNull,
        receipt: stringOrNull.meta({ description: "The counterpart's signed receipt." }),
        receivedAt: stringOrNull.meta({
          description: 'When the counterpart received it, from its verified receipt.',
        }),
        receiptVerified: z.boolean(),
      }),
    ),
    received: z.array(
      z.strictObject({
        messageId: z.string(),
        kind: z.string(),
        version: intOrNull,
        receivedAt: time,
        jws: z.string().meta({ description: 'The message exactly as the counterpart signed it.' }),
        signatureVerified: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'DealProof' });

const DealSettings = z
  .strictObject({ protectionDays: z.number().int() })
  .meta({ id: 'DealSettings' });

const dealIdParams = z.object({
  id: z.string().min(1).max(200).meta({
    description:
      "This node's number for the registration (`id` in the listing), or its deal id (`dealId`); `?partner=` narrows a deal id two partners share.",
  }),
});
const dealIdQuery = z.object({
  partner: z.string().min(1).max(2000).optional().meta({ description: 'Partner id or node id.' }),
});
const dealAnswer = { 200: jsonResponse('The registration.', Deal), ...errors };

export const listDeals = declare(
  {
    method: 'get',
    path: '/deals',
    operationId: 'listDeals',
    roles: READ,
    summary: 'Deal registrations, newest first: ours with vendors and those partners made with us',
    description:
      'Registrations in both roles with their status as of now (an approval past its protection shows expired), optionally of one role, one status or with one partner; page with `after`.',
  },
  {
    request: {
      query: z.strictObject({
        role: queryEnum(['partner', 'vendor']).optional(),
        status: queryEnum(DEAL_STATUSES as unknown as [string, ...string[]]).optional(),
        partner: queryText().optional().meta({ description: 'Partner id or node id.' }),
        limit: queryInteger(1, MAX_PAGE_LIMIT).optional(),
        after: queryInteger(0, Number.MAX_SAFE_INTEGER).optional(),
      }),
    },
    responses: { 200: jsonResponse('A page.', DealPage), 400: errors[400] },
  },
);

export const registerDeal = declare(
  {
    method: 'post',
    path: '/deals',
    operationId: 'registerDeal',
    roles: WRITE,
    body: 'required',
    summary: 'Register a deal with a vendor (deal.register)',
    description:
      'Sends a signed deal.register to the vendor: the end customer, products, value and expected close date. Country and currency must be real ISO codes; a domain may be pasted as a URL or e-mail address. 409 when the vendor is not active.',
  },
  {
    request: { body: jsonRequest(DealRegistration) },
    responses: { 201: jsonResponse('Registered.', Deal), 400: errors[400], 409: errors[409] },
  },
);

export const getDealSettings = declare(
  {
    method: 'get',
    path: '/deals/settings',
    operationId: 'getDealSettings',
    roles: READ,
    summary: 'Deal registration settings',
    description: 'The default protection window an approval grants, in days.',
  },
  { responses: { 200: jsonResponse('The settings.', DealSettings) } },
);

export const updateDealSettings = declare(
  {
    method: 'put',
    path: '/deals/settings',
    operationId: 'updateDealSettings',
    roles: WRITE,
    body: 'required',
    summary: 'Change deal registration settings (only the ones given)',
    description:
      'Sets the default protection window of approvals from now on; approvals already given keep theirs.',
  },
  {
    request: { body: jsonRequest(DealSettingsRequest) },
    responses: { 200: jsonResponse('The settings.', DealSettings), 400: errors[400] },
  },
);

export const getDeal = declare(
  {
    method: 'get',
    path: '/deals/{id}',
    operationId: 'getDeal',
    roles: READ,
    summary: 'One registration',
    description: 'One registration in either role, with its status as of now and its decision.',
  },
  {
    request: { params: dealIdParams, query: dealIdQuery },
    responses: { 200: dealAnswer[200], 404: errors[404] },
  },
);

export const amendDeal = declare(
  {
    method: 'patch',
    path: '/deals/{id}',
    operationId: 'amendDeal',
    roles: WRITE,
    body: 'required',
    summary: 'Amend our registration while undecided (a new version, checked again)',
    description:
      'Changes the fields given of a registration we made and sends the new version to the vendor, which checks it again. 409 once decided or withdrawn.',
  },
  {
    request: { params: dealIdParams, query: dealIdQuery, body: jsonRequest(DealAmendment) },
    responses: dealAnswer,
  },
);

export const decideDeal = declare(
  {
    method: 'post',
    path: '/deals/{id}/decision',
    operationId: 'decideDeal',
    roles: WRITE,
    body: 'required',
    summary: 'Decide a registration a partner made with us (deal.decision)',
    description:
      'Approves (with a protection window), rejects, returns for changes or marks a conflict, and sends the signed deal.decision to the partner. A returned or conflict decision needs a reason. 409 when the registration is not ours to decide or is withdrawn.',
  },
  {
    request: { params: dealIdParams, query: dealIdQuery, body: jsonRequest(DealDecisionRequest) },
    responses: dealAnswer,
  },
);

export const withdrawDeal = declare(
  {
    method: 'post',
    path: '/deals/{id}/withdraw',
    operationId: 'withdrawDeal',
    roles: WRITE,
    body: 'optional',
    summary: 'Withdraw our registration (record.withdraw to the vendor)',
    description:
      'Ends a registration we made and tells the vendor with record.withdraw and the reason. 409 when already withdrawn or not ours.',
  },
  {
    request: {
      params: dealIdParams,
      query: dealIdQuery,
      body: jsonRequest(DealWithdrawal, { optional: true }),
    },
    responses: dealAnswer,
  },
);

export const getDealProof = declare(
  {
    method: 'get',
    path: '/deals/{id}/proof',
    operationId: 'getDealProof',
    roles: READ,
    summary: 'The signed messages and receipts a registration rests on, checked',
    description:
      'Evidence for a dispute: every message sent and received about the registration, as signed, with the signatures and receipts verified now.',
  },
  {
    request: { params: dealIdParams, query: dealIdQuery },
    responses: { 200: jsonResponse('The evidence.', DealProof), 404: errors[404] },
  },
);

export const DEAL_OPERATIONS = [
  listDeals,
  registerDeal,
  getDealSettings,
  updateDealSettings,
  getDeal,
  amendDeal,
  decideDeal,
  withdrawDeal,
  getDealProof,
];
