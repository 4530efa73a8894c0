/**
 * What an operator does with warranty claims: file one with a vendor, amend it (a new version,
 * while submitted or when the vendor asked for more information), decide one filed with us, or
 * withdraw one we filed. Each writes the claim and its message in one unit of work.
 */
import { newMessageId } from '../../protocol/index.ts';
import {
  assertCanSend,
  assertValidBody,
  enqueueTo,
  partnerOf,
} from '../domain-kernel/send-to-partner.ts';
import { sendWithdraw } from '../domain-kernel/send-withdraw.ts';
import { AppError, badRequest } from '../errors.ts';
import type {
  ClaimFields,
  DecisionStatus,
  NewWarrantyEvent,
  WarrantyClaim,
} from '../store/service-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { assertWarrantyCodes } from './claim-accounting.ts';
import { checkApprovedAmount, isFinal, mayAmend } from './claim-rules.ts';
import { findClaimRef } from './find-record.ts';
import type { ServiceDeps } from './service-deps.ts';
import { CLAIM_RECORD_KIND, claimBody, type WarrantyDecisionBody } from './wire.ts';

export interface ClaimRef {
  ref: string;
  partner?: Partner;
}

export async function fileClaim(
  deps: ServiceDeps,
  vendor: Partner,
  fields: ClaimFields,
): Promise<WarrantyClaim> {
  assertCanSend(vendor);
  assertDates(fields);
  const claimId = newMessageId();
  const body = claimBody(claimId, fields, 1);
  assertValidBody(deps.schemas, 'warranty.claim', body, { wrapper: 'claim' });
  const now = deps.clock.now();
  const messageId = newMessageId();
  const claim = await deps.store.transact(async (tx) => {
    await assertSharedRequest(tx, vendor, fields.requestId);
    await assertWarrantyCodes(tx, vendor.id, fields);
    const created = await tx.service.insertClaim({
      claimId,
      partnerId: vendor.id,
      owner: 'self',
      fields,
      version: 1,
      at: now,
    });
    await tx.service.addClaimEvent(
      filedEvent(deps, created.id, now, messageId, 1, fields.claimedAmount),
    );
    await enqueueTo(tx, vendor, { messageId, kind: 'warranty.claim', body }, now);
    return created;
  });
  deps.notifyOutbox();
  return claim;
}

export async function amendClaim(
  deps: ServiceDeps,
  target: ClaimRef,
  changes: Partial<ClaimFields>,
): Promise<WarrantyClaim> {
  const now = deps.clock.now();
  await deps.store.transact(async (tx) => {
    const { claim, partner } = await loadForChange(tx, target);
    if (claim.owner !== 'self') {
      throw new AppError(409, 'not_owner', 'only the claimant amends a claim');
    }
    if (!mayAmend(claim.status)) {
      throw new AppError(409, 'claim_decided', `the claim was decided (${claim.status})`);
    }
    assertCanSend(partner);
    const fields = { ...fieldsOf(claim), ...changes };
    assertDates(fields);
    await assertSharedRequest(tx, partner, fields.requestId);
    await assertWarrantyCodes(tx, partner.id, fields);
    const version = claim.version + 1;
    const body = claimBody(claim.claimId, fields, version);
    assertValidBody(deps.schemas, 'warranty.claim', body, { wrapper: 'claim' });
    const messageId = newMessageId();
    await tx.service.updateClaim(claim.id, { ...fields, version, status: 'submitted' }, now);
    await tx.service.addClaimEvent(
      filedEvent(deps, claim.id, now, messageId, version, fields.claimedAmount),
    );
    await enqueueTo(tx, partner, { messageId, kind: 'warranty.claim', body }, now);
  });
  deps.notifyOutbox();
  return reload(deps, target);
}

export interface DecisionInput {
  status: DecisionStatus;
  approvedAmount?: string;
  reason?: string;
}

/** The vendor decides a claim filed with it; approved, partial and rejected are final. */
export async function decideClaim(
  deps: ServiceDeps,
  target: ClaimRef,
  input: DecisionInput,
): Promise<WarrantyClaim> {
  const now = deps.clock.now();
  await deps.store.transact(async (tx) => {
    const { claim, partner } = await loadForChange(tx, target);
    if (claim.owner !== 'partner') {
      throw new AppError(409, 'not_vendor', 'only the vendor a claim was filed with decides it');
    }
    if (isFinal(claim.status)) {
      throw new AppError(409, 'claim_decided', `the claim was decided (${claim.status})`);
    }
    const amount = checkApprovedAmount(input.status, input.approvedAmount, claim.claimedAmount);
    if (!amount.ok) throw badRequest('invalid_field', amount.problem, 'approvedAmount');
    if ((input.status === 'rejected' || input.status === 'more_info') && !input.reason) {
      throw badRequest('invalid_field', `a ${input.status} decision needs a reason`, 'reason');
    }
    assertCanSend(partner);
    const version = claim.decisionVersion + 1;
    const body: WarrantyDecisionBody = {
      claimId: claim.claimId,
      claimVersion: claim.version,
      status: input.status,
      ...(input.approvedAmount !== undefined && { approvedAmount: input.approvedAmount }),
      ...(input.reason !== undefined && { reason: input.reason }),
      version,
    };
    assertValidBody(deps.schemas, 'warranty.decision', body);
    const messageId = newMessageId();
    await tx.service.updateClaim(
      claim.id,
      {
        status: input.status,
        decisionVersion: version,
        decidedVersion: claim.version,
        approvedAmount: input.approvedAmount ?? null,
        decisionReason: input.reason ?? null,
        decidedAt: now,
      },
      now,
    );
    await tx.service.addClaimEvent({
      ...baseEvent(deps, claim.id, now, messageId),
      type: 'decision',
      version,
      status: input.status,
      amount: input.approvedAmount ?? null,
      reason: input.reason ?? null,
    });
    await enqueueTo(tx, partner, { messageId, kind: 'warranty.decision', body }, now);
  });
  deps.notifyOutbox();
  return reload(deps, target);
}

/** Stops sharing a claim we filed; withdrawing again changes nothing. */
export async function withdrawClaim(
  deps: ServiceDeps,
  target: ClaimRef,
  reason: string,
): Promise<WarrantyClaim> {
  const now = deps.clock.now();
  const sent = await deps.store.transact(async (tx) => {
    const claim = await findClaimRef(tx, target.ref, target.partner);
    if (claim.owner !== 'self') {
      throw new AppError(409, 'not_owner', 'only the claimant withdraws a claim');
    }
    if (claim.withdrawnAt !== null) return false;
    const partner = await partnerOf(tx, claim.partnerId);
    const messageId = await sendWithdraw(
      tx,
      deps.schemas,
      partner,
      { recordKind: CLAIM_RECORD_KIND, recordId: claim.claimId, reason },
      now,
    );
    await tx.service.updateClaim(claim.id, { withdrawnAt: now, withdrawnReason: reason }, now);
    await tx.service.addClaimEvent({
      ...baseEvent(deps, claim.id, now, messageId),
      type: 'withdrawn',
      reason,
    });
    return true;
  });
  if (sent) deps.notifyOutbox();
  return reload(deps, target);
}

/** A failure cannot come before the purchase (RFC 3339 full-dates compare as strings). */
function assertDates(fields: ClaimFields): void {
  if (fields.failureDate < fields.purchaseDate) {
    throw badRequest('invalid_field', 'failureDate is before purchaseDate', 'failureDate');
  }
}

/** A linked request must be one we share with the same partner, or the vendor would refuse it. */
async function assertSharedRequest(tx: StoreTx, partner: Partner, requestId: string | null) {
  if (requestId === null) return;
  if (!(await tx.service.findRequest(partner.id, requestId))) {
    throw badRequest(
      'invalid_field',
      `no request ${requestId} is shared with partner ${partner.id}`,
      'requestId',
    );
  }
}

async function loadForChange(tx: StoreTx, target: ClaimRef) {
  const claim = await findClaimRef(tx, target.ref, target.partner);
  if (claim.withdrawnAt !== null) {
    throw new AppError(409, 'claim_withdrawn', 'the claim was withdrawn by its claimant');
  }
  return { claim, partner: await partnerOf(tx, claim.partnerId) };
}

function reload(deps: ServiceDeps, target: ClaimRef): Promise<WarrantyClaim> {
  return deps.store.read((tx) => findClaimRef(tx, target.ref, target.partner));
}

function baseEvent(deps: ServiceDeps, claimRowId: number, at: Date, messageId: string) {
  return {
    claimRowId,
    side: 'self' as const,
    byNodeId: deps.nodeId,
    at,
    messageId,
    version: null,
    status: null,
    amount: null,
    reason: null,
  };
}

function filedEvent(
  deps: ServiceDeps,
  claimRowId: number,
  at: Date,
  messageId: string,
  version: number,
  amount: string,
): NewWarrantyEvent {
  return {
    ...baseEvent(deps, claimRowId, at, messageId),
    type: 'filed',
    version,
    status: 'submitted',
    amount,
  };
}

export function fieldsOf(c: WarrantyClaim): ClaimFields {
  return {
    product: c.product,
    serial: c.serial,
    purchaseDate: c.purchaseDate,
    failureDate: c.failureDate,
    failure: c.failure,
    claimedAmount: c.claimedAmount,
    currency: c.currency,
    requestId: c.requestId,
  };
}
