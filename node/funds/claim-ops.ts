/**
 * What an operator does with expense claims: file one against an allocation a vendor made to us
 * (checked here first, so a claim that would be refused is never sent), or decide one filed with
 * us (approve, approve in part, reject, mark paid). Each writes the claim and its message in one
 * unit of work.
 */
import { newMessageId } from '../../protocol/index.ts';
import {
  assertCanSend,
  assertValidBody,
  enqueueTo,
  partnerOf,
} from '../domain-kernel/send-to-partner.ts';
import { AppError, badRequest } from '../errors.ts';
import type {
  ClaimDecisionState,
  ClaimFields,
  ExpenseClaim,
  ExpenseDecisionStatus,
  ExpenseStatus,
  FundAllocation,
} from '../store/fund-store.ts';
import type { StoreTx } from '../store/store.ts';
import { heldAccountingOf } from '../catalog/accounting-check.ts';
import { unknownClaimCode } from './claim-accounting.ts';
import { checkClaim } from './claim-rules.ts';
import { checkApprovedAmount, mayMove } from './decision-rules.ts';
import { findAllocationRef, findClaimRef, type RecordRef } from './find-record.ts';
import type { FundDeps } from './fund-deps.ts';
import type { ClaimInput, DecisionInput } from './input.ts';
import { CLAIM_KIND, claimBody, DECISION_KIND, decisionBody } from './wire.ts';

/** The claims held on an allocation's partner that count against it, whichever side we are. */
export function claimsAgainst(tx: StoreTx, allocation: FundAllocation): Promise<ExpenseClaim[]> {
  return tx.funds.claimsOfPartner(
    allocation.partnerId,
    allocation.owner === 'self' ? 'partner' : 'self',
  );
}

/** The claim's fields from operator input; the currency defaults to the allocation's. */
export function claimFieldsFrom(input: ClaimInput, allocation: FundAllocation): ClaimFields {
  return {
    allocationId: allocation.allocationId,
    invoiceNumber: input.invoiceNumber,
    invoiceDate: input.invoiceDate,
    activity: input.activity,
    lines: input.lines,
    total: input.total,
    currency: input.currency ?? allocation.currency,
    proof: input.proof,
  };
}

/**
 * Refuses a claim that breaks a rule, as the operator's error: a total that is not the sum of
 * the lines is bad input (400 naming `total`), the rest are state conflicts (409).
 */
export async function assertClaimAllowed(
  tx: StoreTx,
  allocation: FundAllocation,
  fields: ClaimFields,
  now: Date,
): Promise<void> {
  const check = checkClaim(allocation, await claimsAgainst(tx, allocation), fields, now);
  if (check.ok) {
    // We are the partner: the vendor's accounting data we hold says which codes count.
    const unknown = await unknownClaimCode(
      await heldAccountingOf(tx, allocation.partnerId),
      fields,
    );
    if (unknown) throw badRequest('unknown_code', unknown.detail, unknown.field);
    return;
  }
  if (check.code === 'total_mismatch') throw badRequest(check.code, check.detail, check.field);
  throw new AppError(409, check.code, check.detail, { field: check.field });
}

export async function fileExpenseClaim(
  deps: FundDeps,
  input: ClaimInput,
  vendor?: RecordRef['partner'],
): Promise<ExpenseClaim> {
  const now = deps.clock.now();
  const claimId = newMessageId();
  const claim = await deps.store.transact(async (tx) => {
    const allocation = await findAllocationRef(tx, {
      ref: input.allocation,
      ...(vendor && { partner: vendor }),
    }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') {
        throw badRequest('invalid_field', `no allocation ${input.allocation}`, 'allocation');
      }
      throw error;
    });
    if (allocation.owner !== 'partner') {
      throw new AppError(
        409,
        'not_recipient',
        'only the partner an allocation was made to files claims against it',
        { field: 'allocation' },
      );
    }
    const partner = await partnerOf(tx, allocation.partnerId);
    assertCanSend(partner);
    const fields = claimFieldsFrom(input, allocation);
    const body = claimBody(claimId, fields);
    assertValidBody(deps.schemas, CLAIM_KIND, body, { wrapper: 'claim' });
    await assertClaimAllowed(tx, allocation, fields, now);
    const created = await tx.funds.insertClaim({
      claimId,
      partnerId: partner.id,
      owner: 'self',
      fields,
      filedAt: now,
      at: now,
    });
    await enqueueTo(tx, partner, { messageId: newMessageId(), kind: CLAIM_KIND, body }, now);
    return created;
  });
  deps.notifyOutbox();
  return claim;
}

/**
 * The vendor decides a claim filed with it. Decisions only move forward; the same decision
 * again (same status and amount) changes nothing and sends nothing.
 */
export async function decideExpenseClaim(
  deps: FundDeps,
  target: RecordRef,
  input: DecisionInput,
): Promise<ExpenseClaim> {
  const now = deps.clock.now();
  const { id, sent } = await deps.store.transact(async (tx) => {
    const claim = await findClaimRef(tx, target);
    if (claim.owner !== 'partner') {
      throw new AppError(409, 'not_vendor', 'only the vendor a claim was filed with decides it');
    }
    const next = nextState(claim, input, now);
    if (next === null) return { id: claim.id, sent: false };
    const partner = await partnerOf(tx, claim.partnerId);
    assertCanSend(partner);
    const body = decisionBody(claim.claimId, {
      ...next,
      status: next.status as ExpenseDecisionStatus,
    });
    assertValidBody(deps.schemas, DECISION_KIND, body);
    await tx.funds.updateClaim(claim.id, next, now);
    await enqueueTo(tx, partner, { messageId: newMessageId(), kind: DECISION_KIND, body }, now);
    return { id: claim.id, sent: true };
  });
  if (sent) deps.notifyOutbox();
  return deps.store.read(async (tx) => (await tx.funds.getClaim(id))!);
}

/** The claim's state after the decision, or null when it is the decision already taken. */
export function nextState(
  claim: ExpenseClaim,
  input: DecisionInput,
  now: Date,
): ClaimDecisionState | null {
  const { status } = input;
  const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);
  let approvedAmount: string | null = null;
  if (status === 'approved' || status === 'partial') {
    approvedAmount = input.approvedAmount ?? (status === 'approved' ? claim.total : null);
    if (approvedAmount === null) {
      throw invalid('approvedAmount', 'a partial approval needs the approved amount');
    }
    const check = checkApprovedAmount(status, approvedAmount, claim.total);
    if (!check.ok) throw invalid('approvedAmount', check.detail);
    if (status === 'partial' && input.reason === undefined) {
      throw invalid('reason', 'a partial approval needs a reason');
    }
  } else if (input.approvedAmount !== undefined && status === 'rejected') {
    throw invalid('approvedAmount', 'a rejection carries no amount');
  }
  if (status === 'rejected' && input.reason === undefined) {
    throw invalid('reason', 'a rejection needs a reason');
  }
  if (status === 'paid' && input.approvedAmount !== undefined) {
    if (claim.approvedAmount === null || input.approvedAmount !== claim.approvedAmount) {
      throw invalid('approvedAmount', 'paid pays the approved amount; leave the amount out');
    }
  }

  if (claim.status === status) {
    const same = status !== 'approved' && status !== 'partial';
    if (same || approvedAmount === claim.approvedAmount) return null;
    throw new AppError(409, 'claim_decided', `the claim was decided (${claim.status})`);
  }
  const movable = status === 'paid' ? isApproved(claim.status) : mayMove(claim.status, status);
  if (!movable) {
    if (status === 'paid' && !isFinalStatus(claim.status)) {
      throw new AppError(
        409,
        'claim_not_approved',
        `only an approved or partially approved claim is paid; it is ${claim.status}`,
      );
    }
    throw new AppError(409, 'claim_decided', `the claim was decided (${claim.status})`);
  }
  const base = { ...stateOf(claim), decisionVersion: claim.decisionVersion + 1 };
  if (status === 'paid') {
    return {
      ...base,
      status,
      paidAmount: claim.approvedAmount,
      paymentReference: input.paymentReference ?? null,
      paidAt: now,
    };
  }
  return {
    ...base,
    status,
    approvedAmount,
    reason: input.reason ?? null,
    reasonCode: null,
    decidedAt: now,
  };
}

const isApproved = (s: ExpenseStatus) => s === 'approved' || s === 'partial';
const isFinalStatus = (s: ExpenseStatus) => s === 'rejected' || s === 'paid';

function stateOf(c: ExpenseClaim): ClaimDecisionState {
  return {
    status: c.status,
    decisionVersion: c.decisionVersion,
    approvedAmount: c.approvedAmount,
    paidAmount: c.paidAmount,
    paymentReference: c.paymentReference,
    reason: c.reason,
    reasonCode: c.reasonCode,
    decidedAt: c.decidedAt,
    paidAt: c.paidAt,
  };
}
