/**
 * What a vendor's operator does with fund allocations: allocate to a partner, amend (a new
 * version: amount, validity, deadline, activities, note; never the currency), withdraw. Each
 * writes the allocation and its message in one unit of work.
 */
import { newMessageId } from '../../protocol/index.ts';
import {
  assertCanSend,
  assertValidBody,
  enqueueTo,
  partnerOf,
} from '../domain-kernel/send-to-partner.ts';
import { sendWithdraw } from '../domain-kernel/send-withdraw.ts';
import { AppError } from '../errors.ts';
import type { AllocationFields, FundAllocation } from '../store/fund-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { committedOf } from './balance.ts';
import { findAllocationRef, type RecordRef } from './find-record.ts';
import type { FundDeps } from './fund-deps.ts';
import { assertAllocationDates } from './input.ts';
import { ALLOCATION_KIND, ALLOCATION_RECORD_KIND, allocationBody } from './wire.ts';

export async function allocateFunds(
  deps: FundDeps,
  partner: Partner,
  fields: AllocationFields,
): Promise<FundAllocation> {
  assertCanSend(partner);
  const allocationId = newMessageId();
  const body = allocationBody(allocationId, fields, 1);
  assertValidBody(deps.schemas, ALLOCATION_KIND, body, { wrapper: 'allocation' });
  const now = deps.clock.now();
  const allocation = await deps.store.transact(async (tx) => {
    const created = await tx.funds.insertAllocation({
      allocationId,
      partnerId: partner.id,
      owner: 'self',
      fields,
      version: 1,
      at: now,
    });
    await enqueueTo(tx, partner, { messageId: newMessageId(), kind: ALLOCATION_KIND, body }, now);
    return created;
  });
  deps.notifyOutbox();
  return allocation;
}

/**
 * A new version of an allocation we made. The amount may go down, but never below what the
 * claims on it already hold (`allocation_below_committed`).
 */
export async function amendAllocation(
  deps: FundDeps,
  target: RecordRef,
  changes: Partial<AllocationFields>,
): Promise<FundAllocation> {
  const now = deps.clock.now();
  const id = await deps.store.transact(async (tx) => {
    const allocation = await ownAllocation(tx, target);
    if (allocation.withdrawnAt !== null) {
      throw new AppError(409, 'allocation_withdrawn', 'the allocation was withdrawn');
    }
    const partner = await partnerOf(tx, allocation.partnerId);
    assertCanSend(partner);
    const fields: AllocationFields = { ...fieldsOf(allocation), ...changes };
    assertAllocationDates(fields);
    const claims = await tx.funds.claimsOfPartner(partner.id, 'partner');
    const committed = committedOf(allocation, claims);
    if (committed.greaterThan(fields.amount)) {
      throw new AppError(
        409,
        'allocation_below_committed',
        `claims already hold ${committed.toFixed()} ${fields.currency} of this allocation`,
        { field: 'amount' },
      );
    }
    const version = allocation.version + 1;
    const body = allocationBody(allocation.allocationId, fields, version);
    assertValidBody(deps.schemas, ALLOCATION_KIND, body, { wrapper: 'allocation' });
    await tx.funds.updateAllocation(allocation.id, { ...fields, version }, now);
    await enqueueTo(tx, partner, { messageId: newMessageId(), kind: ALLOCATION_KIND, body }, now);
    return allocation.id;
  });
  deps.notifyOutbox();
  return reload(deps, id);
}

/**
 * Stops an allocation we made: no new claims against it; claims already filed are still decided
 * and paid. Withdrawing again changes nothing.
 */
export async function withdrawAllocation(
  deps: FundDeps,
  target: RecordRef,
  reason: string,
): Promise<FundAllocation> {
  const now = deps.clock.now();
  const { id, sent } = await deps.store.transact(async (tx) => {
    const allocation = await ownAllocation(tx, target);
    if (allocation.withdrawnAt !== null) return { id: allocation.id, sent: false };
    const partner = await partnerOf(tx, allocation.partnerId);
    await sendWithdraw(
      tx,
      deps.schemas,
      partner,
      { recordKind: ALLOCATION_RECORD_KIND, recordId: allocation.allocationId, reason },
      now,
    );
    await tx.funds.updateAllocation(
      allocation.id,
      { withdrawnAt: now, withdrawnReason: reason },
      now,
    );
    return { id: allocation.id, sent: true };
  });
  if (sent) deps.notifyOutbox();
  return reload(deps, id);
}

async function ownAllocation(tx: StoreTx, target: RecordRef): Promise<FundAllocation> {
  const allocation = await findAllocationRef(tx, target);
  if (allocation.owner !== 'self') {
    throw new AppError(409, 'not_owner', 'only the vendor that made an allocation changes it');
  }
  return allocation;
}

async function reload(deps: FundDeps, id: number): Promise<FundAllocation> {
  return deps.store.read(async (tx) => (await tx.funds.getAllocation(id))!);
}

export function fieldsOf(a: FundAllocation): AllocationFields {
  return {
    amount: a.amount,
    currency: a.currency,
    validFrom: a.validFrom,
    validTo: a.validTo,
    claimDeadline: a.claimDeadline,
    activities: a.activities,
    note: a.note,
  };
}
