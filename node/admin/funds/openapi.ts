/** The marketing funds admin API in the OpenAPI document: its paths and record schemas. */
import { REFUSAL_CODES } from '../../funds/claim-rules.ts';
import { DECISION_STATUSES, MAX_ACTIVITIES, MAX_LINES, MAX_PROOF } from '../../funds/input.ts';
import { EXPENSE_STATUSES } from '../../store/fund-store.ts';
import {
  closedObject,
  cursorPage,
  date,
  ok,
  operation,
  param,
  partnerNarrowingQuery,
  partnerOf,
  recordIdParam,
  recordRefusal,
  response,
  stringOrNull,
  time,
  timeOrNull,
} from '../openapi-builders.ts';
import { ref } from '../openapi-components.ts';
import type { PathItemObject, SchemaObject } from '../openapi-types.ts';

const TAG = 'funds';
const decimal: SchemaObject = {
  type: 'string',
  pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$',
  maxLength: 40,
  description: 'A decimal string, never a JSON number.',
};
const line: SchemaObject = { type: 'string', minLength: 1, maxLength: 200 };
const reason: SchemaObject = { type: 'string', minLength: 1, maxLength: 500 };
const owner: SchemaObject = { type: 'string', enum: ['self', 'partner'] };

const ownerQuery = (description: string) => ({
  name: 'owner',
  in: 'query' as const,
  description,
  schema: owner,
});

const balance: SchemaObject = {
  ...closedObject({
    currency: { type: 'string' },
    allocated: decimal,
    claimed: { ...decimal, description: 'Claims awaiting a decision.' },
    approved: { ...decimal, description: 'Approved or partially approved, not yet paid.' },
    paid: decimal,
    available: { ...decimal, description: 'allocated − claimed − approved − paid.' },
  }),
  description:
    'Computed exactly. A rejected claim takes nothing, a partial one its approved amount; a withdrawn allocation counts only what its claims hold.',
};

const allocationFields: Record<string, SchemaObject> = {
  amount: {
    ...decimal,
    description: 'More than zero; an amendment may not go below what claims hold.',
  },
  currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217; never changes.' },
  validFrom: { ...date, type: ['string', 'null'], description: 'First invoice date; null: none.' },
  validTo: { ...date, description: 'Last invoice date.' },
  claimDeadline: { ...date, description: 'Last filing day (UTC); not before validTo.' },
  activities: {
    type: 'array',
    minItems: 1,
    maxItems: MAX_ACTIVITIES,
    items: line,
  },
  note: { ...reason, type: ['string', 'null'] },
};
const { currency: _currency, ...amendableFields } = allocationFields;

const allocation: Record<string, SchemaObject> = {
  id: { type: 'integer', description: "This node's number for the allocation." },
  allocationId: { type: 'string', description: "The vendor's id for it, on the wire." },
  partner: partnerOf,
  owner: { ...owner, description: 'self: we allocated it (to the partner); partner: to us.' },
  amount: decimal,
  currency: { type: 'string' },
  validFrom: { ...date, type: ['string', 'null'] },
  validTo: date,
  claimDeadline: date,
  activities: { type: 'array', items: { type: 'string' } },
  note: stringOrNull,
  version: { type: 'integer' },
  balance,
  withdrawn: { type: 'boolean' },
  withdrawnAt: timeOrNull,
  withdrawnReason: stringOrNull,
  createdAt: time,
  updatedAt: time,
  refusal: recordRefusal('allocation'),
};

const expenseLine = closedObject({ description: line, amount: decimal });
const proofRef = closedObject(
  {
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    name: line,
    size: { type: 'integer', minimum: 0 },
  },
  ['sha256', 'name'],
);

const claim: Record<string, SchemaObject> = {
  id: { type: 'integer', description: "This node's number for the claim." },
  claimId: { type: 'string', description: "The partner's id for it, on the wire." },
  partner: partnerOf,
  owner: { ...owner, description: 'self: we filed it (with the vendor); partner: filed with us.' },
  allocationId: { type: 'string' },
  invoiceNumber: { type: 'string' },
  invoiceDate: date,
  activity: { type: 'string' },
  lines: { type: 'array', items: expenseLine },
  total: decimal,
  currency: { type: 'string' },
  proof: { type: 'array', items: proofRef },
  filedAt: time,
  status: { type: 'string', enum: EXPENSE_STATUSES },
  decisionVersion: { type: 'integer', description: '0 before the first decision.' },
  approvedAmount: { ...stringOrNull, description: 'With approved, partial and paid.' },
  paidAmount: stringOrNull,
  paymentReference: stringOrNull,
  reason: stringOrNull,
  reasonCode: {
    type: ['string', 'null'],
    description: `With rejected: the rule that refused the claim on arrival, if one did: ${REFUSAL_CODES.join(', ')}.`,
  },
  decidedAt: timeOrNull,
  paidAt: timeOrNull,
  createdAt: time,
  updatedAt: time,
  refusal: recordRefusal('claim'),
};

export const FUND_OPENAPI_SCHEMAS: Record<string, SchemaObject> = {
  FundBalance: balance,
  FundAllocation: closedObject(allocation),
  FundAllocationDetail: closedObject({
    ...allocation,
    claims: { type: 'array', items: ref('ExpenseClaim') },
  }),
  FundAllocationPage: cursorPage('allocations', 'FundAllocation'),
  FundAllocationCreate: closedObject({ partner: ref('PartnerRef'), ...allocationFields }, [
    'partner',
    'amount',
    'currency',
    'validTo',
    'claimDeadline',
    'activities',
  ]),
  FundAllocationAmendment: {
    ...closedObject(amendableFields, []),
    minProperties: 1,
    description: 'A new version with the fields given changed; the partner is told.',
  },
  FundWithdrawal: closedObject({ reason }),
  FundBalances: closedObject({
    balances: {
      type: 'array',
      items: closedObject({
        partner: partnerOf,
        owner: {
          ...owner,
          description: 'self: funds we allocated; partner: funds allocated to us.',
        },
        balances: { type: 'array', items: ref('FundBalance'), description: 'One per currency.' },
      }),
    },
  }),
  ExpenseClaim: closedObject(claim),
  ExpenseClaimPage: cursorPage('claims', 'ExpenseClaim'),
  ExpenseClaimFile: closedObject(
    {
      allocation: {
        oneOf: [{ type: 'integer', minimum: 1 }, line],
        description: "The allocation: this node's number for it, or the vendor's id.",
      },
      invoiceNumber: line,
      invoiceDate: { ...date, description: 'Within the allocation’s validity.' },
      activity: { ...line, description: 'One of the allocation’s activities.' },
      lines: { type: 'array', minItems: 1, maxItems: MAX_LINES, items: expenseLine },
      total: { ...decimal, description: 'Exactly the sum of the lines (else 400 total_mismatch).' },
      currency: {
        type: 'string',
        pattern: '^[A-Z]{3}$',
        description: 'Default: the allocation’s.',
      },
      proof: { type: 'array', maxItems: MAX_PROOF, items: proofRef },
    },
    ['allocation', 'invoiceNumber', 'invoiceDate', 'activity', 'lines', 'total'],
  ),
  ExpenseDecisionRequest: closedObject(
    {
      status: { type: 'string', enum: DECISION_STATUSES },
      approvedAmount: {
        ...decimal,
        description:
          'approved: the total (the default); partial: above zero and below the total (required).',
      },
      reason: {
        ...reason,
        description: 'Sent to the partner; required with partial and rejected.',
      },
      paymentReference: { ...line, description: 'With paid only.' },
    },
    ['status'],
  ),
};

const notFound = response('NotFound');
const conflict = response('Conflict');
const allocationOk = ok('The allocation with its claims and balance.', ref('FundAllocationDetail'));
const claimOk = ok('The claim.', ref('ExpenseClaim'));

export const FUND_OPENAPI_PATHS: Record<string, PathItemObject> = {
  '/funds/allocations': {
    get: operation('listFundAllocations', {
      summary: 'Fund allocations with their balances, newest first: made by us and made to us',
      tag: TAG,
      parameters: [
        param('partnerFilter'),
        ownerQuery('self: allocations we made; partner: allocations made to us.'),
        param('limit'),
        param('after'),
      ],
      responses: {
        '200': ok('A page.', ref('FundAllocationPage')),
        '400': response('BadRequest'),
      },
    }),
    post: operation('allocateFunds', {
      summary: 'Allocate marketing funds to a partner (fund.allocation)',
      tag: TAG,
      body: { schema: ref('FundAllocationCreate') },
      responses: { '201': allocationOk, '409': conflict },
    }),
  },
  '/funds/allocations/{id}': {
    get: operation('getFundAllocation', {
      summary: 'One allocation with its claims and balance',
      tag: TAG,
      parameters: [recordIdParam('allocation'), partnerNarrowingQuery],
      responses: { '200': allocationOk, '404': notFound, '409': conflict },
    }),
    patch: operation('amendFundAllocation', {
      summary: 'Amend an allocation we made (a new version; fund.allocation)',
      description:
        'Conflicts: not_owner, allocation_withdrawn, allocation_below_committed (the amount is below what claims hold).',
      tag: TAG,
      parameters: [recordIdParam('allocation'), partnerNarrowingQuery],
      body: { schema: ref('FundAllocationAmendment') },
      responses: { '200': allocationOk, '404': notFound, '409': conflict },
    }),
  },
  '/funds/allocations/{id}/withdraw': {
    post: operation('withdrawFundAllocation', {
      summary: 'Withdraw an allocation we made: no new claims (record.withdraw)',
      tag: TAG,
      parameters: [recordIdParam('allocation'), partnerNarrowingQuery],
      body: { schema: ref('FundWithdrawal') },
      responses: { '200': allocationOk, '404': notFound, '409': conflict },
    }),
  },
  '/funds/balances': {
    get: operation('listFundBalances', {
      summary: 'Balances per partner and direction, one per currency',
      tag: TAG,
      parameters: [
        param('partnerFilter'),
        ownerQuery('self: funds we allocated; partner: funds allocated to us.'),
      ],
      responses: { '200': ok('The balances.', ref('FundBalances')), '400': response('BadRequest') },
    }),
  },
  '/funds/claims': {
    get: operation('listExpenseClaims', {
      summary: 'Expense claims, newest first: filed by us and filed with us',
      tag: TAG,
      parameters: [
        param('partnerFilter'),
        ownerQuery('self: claims we filed; partner: claims filed with us.'),
        { name: 'status', in: 'query', schema: { type: 'string', enum: EXPENSE_STATUSES } },
        {
          name: 'allocation',
          in: 'query',
          description: "Only claims against this allocation (the vendor's id).",
          schema: { type: 'string' },
        },
        param('limit'),
        param('after'),
      ],
      responses: {
        '200': ok('A page.', ref('ExpenseClaimPage')),
        '400': response('BadRequest'),
      },
    }),
    post: operation('fileExpenseClaim', {
      summary: 'File an expense claim against an allocation made to us (expense.claim)',
      description: `Checked before anything is sent: 400 total_mismatch (field total) or invalid_field; 409 ${REFUSAL_CODES.filter((c) => c !== 'total_mismatch').join(', ')}, not_recipient, partner_removed.`,
      tag: TAG,
      parameters: [
        {
          ...partnerNarrowingQuery,
          description: 'The vendor, when two use the same allocation id.',
        },
      ],
      body: { schema: ref('ExpenseClaimFile') },
      responses: { '201': claimOk, '409': conflict },
    }),
  },
  '/funds/claims/{id}': {
    get: operation('getExpenseClaim', {
      summary: 'One expense claim with its decision',
      tag: TAG,
      parameters: [recordIdParam('claim'), partnerNarrowingQuery],
      responses: { '200': claimOk, '404': notFound, '409': conflict },
    }),
  },
  '/funds/claims/{id}/decision': {
    post: operation('decideExpenseClaim', {
      summary: 'Approve, partially approve, reject or mark paid a claim filed with us',
      description:
        'Decisions only move forward; the same decision again changes nothing. Conflicts: not_vendor, claim_decided, claim_not_approved (paid before an approval).',
      tag: TAG,
      parameters: [recordIdParam('claim'), partnerNarrowingQuery],
      body: { schema: ref('ExpenseDecisionRequest') },
      responses: { '200': claimOk, '404': notFound, '409': conflict },
    }),
  },
  '/funds/claims/{id}/proof/{sha256}': {
    get: operation('getExpenseProofFile', {
      summary: 'A proof file a portal partner uploaded with a claim',
      tag: TAG,
      parameters: [
        recordIdParam('claim'),
        {
          name: 'sha256',
          in: 'path',
          required: true,
          schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        },
        partnerNarrowingQuery,
      ],
      responses: {
        '200': {
          description: 'The file (PDF, PNG or JPEG) as uploaded.',
          content: {
            'application/pdf': { schema: { type: 'string', format: 'binary' } },
            'image/png': { schema: { type: 'string', format: 'binary' } },
            'image/jpeg': { schema: { type: 'string', format: 'binary' } },
          },
        },
        '404': notFound,
        '409': conflict,
      },
    }),
  },
};
