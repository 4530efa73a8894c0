/** Conversions between the warranty claims and their events tables' rows and the domain's records, for both stores. */
import { type WarrantyClaimRow, type WarrantyEventRow } from '../../db/schema/service.ts';
import type {
  ClaimChanges,
  ClaimStatus,
  RecordOwner,
  WarrantyClaim,
  WarrantyEvent,
} from '../service-store.ts';

export function changeColumns(c: ClaimChanges): Partial<WarrantyClaimRow> {
  const time = (d: Date | null | undefined) =>
    d === undefined ? undefined : (d?.getTime() ?? null);
  const columns: Partial<Record<keyof WarrantyClaimRow, unknown>> = {
    product: c.product,
    serial: c.serial,
    purchaseDate: c.purchaseDate,
    failureDate: c.failureDate,
    failure: c.failure,
    claimedAmount: c.claimedAmount,
    currency: c.currency,
    requestId: c.requestId,
    version: c.version,
    status: c.status,
    decisionVersion: c.decisionVersion,
    decidedVersion: c.decidedVersion,
    approvedAmount: c.approvedAmount,
    decisionReason: c.decisionReason,
    decidedAt: time(c.decidedAt),
    withdrawnAt: time(c.withdrawnAt),
    withdrawnReason: c.withdrawnReason,
  };
  return Object.fromEntries(
    Object.entries(columns).filter(([, v]) => v !== undefined),
  ) as Partial<WarrantyClaimRow>;
}

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export function claimColumns(row: WarrantyClaimRow): Omit<WarrantyClaim, 'refusal'> {
  return {
    id: row.id,
    claimId: row.claimId,
    partnerId: row.partnerId,
    owner: row.owner as RecordOwner,
    product: row.product,
    serial: row.serial,
    purchaseDate: row.purchaseDate,
    failureDate: row.failureDate,
    failure: row.failure,
    claimedAmount: row.claimedAmount,
    currency: row.currency,
    requestId: row.requestId,
    version: row.version,
    status: row.status as ClaimStatus,
    decisionVersion: row.decisionVersion,
    decidedVersion: row.decidedVersion,
    approvedAmount: row.approvedAmount,
    decisionReason: row.decisionReason,
    decidedAt: dateOrNull(row.decidedAt),
    withdrawnAt: dateOrNull(row.withdrawnAt),
    withdrawnReason: row.withdrawnReason,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

export function eventFromRow(row: WarrantyEventRow): WarrantyEvent {
  return {
    ...row,
    type: row.type as WarrantyEvent['type'],
    side: row.side as RecordOwner,
    at: new Date(row.at),
  };
}
