/** The marketing funds admin operations, declared once, with the answers they give. */
import { z } from 'zod';
import { REFUSAL_CODES } from '../../funds/claim-rules.ts';
import {
  ExpenseClaimFile,
  ExpenseDecisionRequest,
  FundAllocationAmendment,
  FundAllocationCreate,
  FundWithdrawal,
} from '../../funds/fund-schemas.ts';
import { queryEnum, queryText } from '../../input/input-atoms.ts';
import { EXPENSE_STATUSES } from '../../store/fund-store.ts';
import { errorResponses as errors, jsonRequest, jsonResponse, operationsOf } from '../operation.ts';
import {
  date,
  decimal,
  nextCursor,
  pageQuery,
  partnerFilter,
  partnerNarrowing,
  partnerOf,
  recordIdParams,
} from '../record-schemas.ts';
import { RECORD_OWNERS } from '../record-params.ts';
import { READ, rolesOf } from '../role-rule.ts';
import { recordRefusal, stringOrNull, time, timeOrNull } from '../view-schemas.ts';

const declare = operationsOf('funds');
const WRITE = rolesOf('funds');
const DECIDE = rolesOf('fund decisions');
const owner = (description: string) => queryEnum(RECORD_OWNERS).optional().meta({ description });

const FundBalance = z
  .strictObject({
    currency: z.string(),
    allocated: decimal,
    claimed: decimal.meta({ description: 'Claims awaiting a decision.' }),
    approved: decimal.meta({ description: 'Approved or partially approved, not yet paid.' }),
    paid: decimal,
    available: decimal.meta({ description: 'allocated − claimed − approved − paid.' }),
  })
  .meta({
    id: 'FundBalance',
    description:
      'Computed exactly. A rejected claim takes nothing, a partial one its approved amount; a withdrawn allocation counts only what its claims hold.',
  });

const allocationFields = {
  id: z.number().int().meta({ description: "This node's number for the allocation." }),
  allocationId: z.string().meta({ description: "The vendor's id for it, on the wire." }),
  partner: partnerOf,
  owner: z
    .enum(RECORD_OWNERS)
    .meta({ description: 'self: we allocated it (to the partner); partner: to us.' }),
  amount: decimal,
  currency: z.string(),
  validFrom: date.nullable(),
  validTo: date,
  claimDeadline: date,
  activities: z.array(z.string()),
  note: stringOrNull,
  version: z.number().int(),
  balance: FundBalance,
  withdrawn: z.boolean(),
  withdrawnAt: timeOrNull,
  withdrawnReason: stringOrNull,
  createdAt: time,
  updatedAt: time,
  refusal: recordRefusal('allocation'),
};

const FundAllocation = z.strictObject(allocationFields).meta({ id: 'FundAllocation' });

const ExpenseClaim = z
  .strictObject({
    id: z.number().int().meta({ description: "This node's number for the claim." }),
    claimId: z.string().meta({ description: "The partner's id for it, on the wire." }),
    partner: partnerOf,
    owner: z
      .enum(RECORD_OWNERS)
      .meta({ description: 'self: we filed it (with the vendor); partner: filed with us.' }),
    allocationId: z.string(),
    invoiceNumber: z.string(),
    invoiceDate: date,
    activity: z.string(),
    lines: z.array(
      z.strictObject({
        description: z.string(),
        amount: decimal,
        accountCode: z.string().optional(),
      }),
    ),
    total: decimal,
    currency: z.string(),
    proof: z.array(
      z.strictObject({
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        name: z.string(),
        size: z.number().int().min(0).optional(),
      }),
    ),
    filedAt: time,
    status: z.enum(EXPENSE_STATUSES),
    decisionVersion: z.number().int().meta({ description: '0 before the first decision.' }),
    approvedAmount: stringOrNull.meta({ description: 'With approved, partial and paid.' }),
    paidAmount: stringOrNull,
    paymentReference: stringOrNull,
    reason: stringOrNull,
    reasonCode: stringOrNull.meta({
      description: `With rejected: the rule that refused the claim on arrival, if one did: ${REFUSAL_CODES.join(', ')}.`,
    }),
    decidedAt: timeOrNull,
    paidAt: timeOrNull,
    createdAt: time,
    updatedAt: time,
    refusal: recordRefusal('claim'),
  })
  .meta({ id: 'ExpenseClaim' });

const FundAllocationDetail = z
  .strictObject({ ...allocationFields, claims: z.array(ExpenseClaim) })
  .meta({ id: 'FundAllocationDetail' });

const allocationParams = recordIdParams('allocation');
const claimParams = recordIdParams('claim');
const allocationOk = jsonResponse(
  'The allocation with its claims and balance.',
  FundAllocationDetail,
);
const claimOk = jsonResponse('The claim.', ExpenseClaim);

export const listFundAllocations = declare(
  {
    method: 'get',
    path: '/funds/allocations',
    operationId: 'listFundAllocations',
    roles: READ,
    summary: 'Fund allocations with their balances, newest first: made by us and made to us',
    description:
      'Allocations in both directions, each with its balance, optionally with one partner or in one direction; page with `after`.',
  },
  {
    request: {
      query: z.strictObject({
        partner: partnerFilter,
        owner: owner('self: allocations we made; partner: allocations made to us.'),
        ...pageQuery,
      }),
    },
    responses: {
      200: jsonResponse(
        'A page.',
        z
          .strictObject({ allocations: z.array(FundAllocation), nextCursor })
          .meta({ id: 'FundAllocationPage' }),
      ),
      400: errors[400],
    },
  },
);

export const allocateFunds = declare(
  {
    method: 'post',
    path: '/funds/allocations',
    operationId: 'allocateFunds',
    roles: WRITE,
    body: 'required',
    summary: 'Allocate marketing funds to a partner (fund.allocation)',
    description:
      'Sends a signed fund.allocation to the partner: an amount in one currency, the invoice dates it covers (validFrom ≤ validTo ≤ claimDeadline) and the activities claims may be for. 409 when the partner is not active.',
  },
  {
    request: { body: jsonRequest(FundAllocationCreate) },
    responses: { 201: allocationOk, 400: errors[400], 409: errors[409] },
  },
);

export const getFundAllocation = declare(
  {
    method: 'get',
    path: '/funds/allocations/{id}',
    operationId: 'getFundAllocation',
    roles: READ,
    summary: 'One allocation with its claims and balance',
    description: 'One allocation in either direction with every claim against it and its balance.',
  },
  {
    request: { params: allocationParams, query: partnerNarrowing },
    responses: { 200: allocationOk, 404: errors[404], 409: errors[409] },
  },
);

export const amendFundAllocation = declare(
  {
    method: 'patch',
    path: '/funds/allocations/{id}',
    operationId: 'amendFundAllocation',
    roles: WRITE,
    body: 'required',
    summary: 'Amend an allocation we made (a new version; fund.allocation)',
    description:
      'Changes the fields given (at least one; the currency never) and sends the new version to the partner. Conflicts: not_owner, allocation_withdrawn, allocation_below_committed (the amount is below what claims hold).',
  },
  {
    request: {
      params: allocationParams,
      query: partnerNarrowing,
      body: jsonRequest(FundAllocationAmendment),
    },
    responses: { 200: allocationOk, ...errors },
  },
);

export const withdrawFundAllocation = declare(
  {
    method: 'post',
    path: '/funds/allocations/{id}/withdraw',
    operationId: 'withdrawFundAllocation',
    roles: WRITE,
    body: 'required',
    summary: 'Withdraw an allocation we made: no new claims (record.withdraw)',
    description:
      'Ends an allocation we made and tells the partner with record.withdraw and the reason; claims already filed stay and may still be decided. 409 when not ours or already withdrawn.',
  },
  {
    request: {
      params: allocationParams,
      query: partnerNarrowing,
      body: jsonRequest(FundWithdrawal),
    },
    responses: { 200: allocationOk, ...errors },
  },
);

export const listFundBalances = declare(
  {
    method: 'get',
    path: '/funds/balances',
    operationId: 'listFundBalances',
    roles: READ,
    summary: 'Balances per partner and direction, one per currency',
    description:
      'What is allocated, claimed, approved, paid and still available, per partner and direction and per currency, over all allocations.',
  },
  {
    request: {
      query: z.strictObject({
        partner: partnerFilter,
        owner: owner('self: funds we allocated; partner: funds allocated to us.'),
      }),
    },
    responses: {
      200: jsonResponse(
        'The balances.',
        z
          .strictObject({
            balances: z.array(
              z.strictObject({
                partner: partnerOf,
                owner: z.enum(RECORD_OWNERS).meta({
                  description: 'self: funds we allocated; partner: funds allocated to us.',
                }),
                balances: z.array(FundBalance).meta({ description: 'One per currency.' }),
              }),
            ),
          })
          .meta({ id: 'FundBalances' }),
      ),
      400: errors[400],
    },
  },
);

export const listExpenseClaims = declare(
  {
    method: 'get',
    path: '/funds/claims',
    operationId: 'listExpenseClaims',
    roles: READ,
    summary: 'Expense claims, newest first: filed by us and filed with us',
    description:
      'Claims in both directions, optionally with one partner, in one direction or status, or against one allocation; page with `after`.',
  },
  {
    request: {
      query: z.strictObject({
        partner: partnerFilter,
        owner: owner('self: claims we filed; partner: claims filed with us.'),
        status: queryEnum(EXPENSE_STATUSES).optional(),
        allocation: queryText()
          .optional()
          .meta({ description: "Only claims against this allocation (the vendor's id)." }),
        ...pageQuery,
      }),
    },
    responses: {
      200: jsonResponse(
        'A page.',
        z
          .strictObject({ claims: z.array(ExpenseClaim), nextCursor })
          .meta({ id: 'ExpenseClaimPage' }),
      ),
      400: errors[400],
    },
  },
);

export const fileExpenseClaim = declare(
  {
    method: 'post',
    path: '/funds/claims',
    operationId: 'fileExpenseClaim',
    roles: WRITE,
    body: 'required',
    summary: 'File an expense claim against an allocation made to us (expense.claim)',
    description: `Checked against the allocation's rules before anything is sent: 400 total_mismatch (field total) or invalid_field; 409 ${REFUSAL_CODES.filter((c) => c !== 'total_mismatch').join(', ')}, not_recipient, partner_removed.`,
  },
  {
    request: {
      query: z.strictObject({
        partner: queryText()
          .optional()
          .meta({ description: 'The vendor, when two use the same allocation id.' }),
      }),
      body: jsonRequest(ExpenseClaimFile),
    },
    responses: { 201: claimOk, ...errors },
  },
);

export const getExpenseClaim = declare(
  {
    method: 'get',
    path: '/funds/claims/{id}',
    operationId: 'getExpenseClaim',
    roles: READ,
    summary: 'One expense claim with its decision',
    description: 'One claim in either direction with its lines, proof and the decision on it.',
  },
  {
    request: { params: claimParams, query: partnerNarrowing },
    responses: { 200: claimOk, 404: errors[404], 409: errors[409] },
  },
);

export const decideExpenseClaim = declare(
  {
    method: 'post',
    path: '/funds/claims/{id}/decision',
    operationId: 'decideExpenseClaim',
    roles: DECIDE,
    body: 'required',
    summary: 'Approve, partially approve, reject or mark paid a claim filed with us',
    description:
      'Decisions only move forward; the same decision again changes nothing. Conflicts: not_vendor, claim_decided, claim_not_approved (paid before an approval).',
  },
  {
    request: {
      params: claimParams,
      query: partnerNarrowing,
      body: jsonRequest(ExpenseDecisionRequest),
    },
    responses: { 200: claimOk, ...errors },
  },
);

const binary = { schema: z.string().meta({ format: 'binary' }) };

export const getExpenseProofFile = declare(
  {
    method: 'get',
    path: '/funds/claims/{id}/proof/{sha256}',
    operationId: 'getExpenseProofFile',
    roles: READ,
    summary: 'A proof file a portal partner uploaded with a claim',
    description:
      'The file as uploaded, as an attachment (never rendered inline); 404 unless the claim lists it.',
  },
  {
    request: {
      params: claimParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
      query: partnerNarrowing,
    },
    responses: {
      200: {
        description: 'The file (PDF, PNG or JPEG) as uploaded.',
        content: { 'application/pdf': binary, 'image/png': binary, 'image/jpeg': binary },
      },
      404: errors[404],
      409: errors[409],
    },
  },
);

export const FUND_OPERATIONS = [
  listFundAllocations,
  allocateFunds,
  getFundAllocation,
  amendFundAllocation,
  withdrawFundAllocation,
  listFundBalances,
  listExpenseClaims,
  fileExpenseClaim,
  getExpenseClaim,
  decideExpenseClaim,
  getExpenseProofFile,
];
