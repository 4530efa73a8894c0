/** Conversions between the deal registrations tables' rows and the domain's records, for both stores. */
import { and, eq, gt, lte, or, type SQL } from 'drizzle-orm';
import { deals, type DealRow } from '../../db/schema/deals.ts';
import { normalizeCompanyName, normalizeDomain } from '../../records/normalize-customer.ts';
import type { Deal, DealConflict, DealFields, DealRole, DealStatus } from '../deal-store.ts';

export function statusAsOf(status: DealStatus, now: number): SQL {
  const ended = and(eq(deals.status, 'approved'), lte(deals.protectedUntil, now))!;
  if (status === 'approved')
    return and(eq(deals.status, 'approved'), gt(deals.protectedUntil, now))!;
  if (status === 'expired') return or(eq(deals.status, 'expired'), ended)!;
  return eq(deals.status, status);
}

export const EMPTY_FIELDS: DealFields = {
  endCustomer: { name: '', country: '', domain: null },
  products: [],
  estimatedValue: '',
  currency: '',
  expectedCloseDate: '',
  notes: null,
};

export type FieldColumns = ReturnType<typeof fieldColumns>;

export function fieldColumns(f: DealFields) {
  return {
    customerName: f.endCustomer.name,
    customerCountry: f.endCustomer.country,
    customerDomain: f.endCustomer.domain,
    normalizedName: normalizeCompanyName(f.endCustomer.name),
    normalizedDomain: f.endCustomer.domain === null ? null : normalizeDomain(f.endCustomer.domain),
    products: JSON.stringify(f.products),
    estimatedValue: f.estimatedValue,
    currency: f.currency,
    expectedCloseDate: f.expectedCloseDate,
    notes: f.notes,
  };
}

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export function dealFromColumns(row: DealRow): Omit<Deal, 'refusal'> {
  return {
    id: row.id,
    role: row.role as DealRole,
    partnerId: row.partnerId,
    dealId: row.dealId,
    version: row.version,
    endCustomer: {
      name: row.customerName,
      country: row.customerCountry,
      domain: row.customerDomain,
    },
    products: JSON.parse(row.products) as string[],
    estimatedValue: row.estimatedValue,
    currency: row.currency,
    expectedCloseDate: row.expectedCloseDate,
    notes: row.notes,
    status: row.status as DealStatus,
    decisionVersion: row.decisionVersion,
    decidedVersion: row.decidedVersion,
    decidedAt: dateOrNull(row.decidedAt),
    decisionReason: row.decisionReason,
    protectedUntil: dateOrNull(row.protectedUntil),
    conflicts: row.conflicts === null ? null : (JSON.parse(row.conflicts) as DealConflict[]),
    withdrawnAt: dateOrNull(row.withdrawnAt),
    withdrawnReason: row.withdrawnReason,
    registeredAt: new Date(row.registeredAt),
    updatedAt: new Date(row.updatedAt),
  };
}

/** The deal_conflict_links rows of a decision's conflicts: one per earlier registration. */
export function conflictLinksOf(
  laterRowId: number,
  conflicts: readonly DealConflict[] | null | undefined,
): { earlierRowId: number; laterRowId: number }[] {
  const earlier = new Set<number>();
  for (const c of conflicts ?? []) if (c.type === 'deal') earlier.add(c.dealRowId);
  return [...earlier].map((earlierRowId) => ({ earlierRowId, laterRowId }));
}
