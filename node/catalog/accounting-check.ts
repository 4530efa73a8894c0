/**
 * Checking what a document uses against a counterpart's accounting data. The sender checks
 * against the copies it holds of the recipient's data sets (before it sends anything); the
 * recipient checks against its own data sets it has pushed to the sender. Where no data set
 * applies (none held, none pushed), nothing is checked, so flows without accounting data are
 * unchanged. Several data sets of one owner count together.
 */
import { SELF_OWNER } from '../store/catalog-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { EntryType } from './accounting-entries.ts';

/** The codes in force, per type; null when no accounting data applies. */
export type AccountingCodes = ReadonlyMap<EntryType, ReadonlySet<string>>;

async function codesOfLists(tx: StoreTx, listRowIds: number[]): Promise<AccountingCodes | null> {
  const codes = new Map<EntryType, Set<string>>();
  let any = false;
  for (const id of listRowIds) {
    const version = await tx.catalog.latestApplied(id);
    if (!version) continue;
    any = true;
    for (const line of await tx.catalog.readLines(version.id)) {
      const entry = JSON.parse(line.line) as { type: EntryType; code: string };
      let set = codes.get(entry.type);
      if (!set) codes.set(entry.type, (set = new Set()));
      set.add(entry.code);
    }
  }
  return any ? codes : null;
}

/** Sender side: the accounting data `partnerId` pushed to us (copies not withdrawn). */
export async function heldAccountingOf(
  tx: StoreTx,
  partnerId: number,
): Promise<AccountingCodes | null> {
  const lists = await tx.catalog.listLists({ kind: 'accounting', ownerPartnerId: partnerId });
  return codesOfLists(
    tx,
    lists.filter((l) => l.withdrawnAt === null).map((l) => l.id),
  );
}

/** Our accounting data sets shared with `partnerId` (pushed, not withdrawn). */
async function listsSharedWith(tx: StoreTx, partnerId: number): Promise<number[]> {
  const lists = await tx.catalog.listLists({ kind: 'accounting', ownerPartnerId: SELF_OWNER });
  const shared: number[] = [];
  for (const list of lists) {
    const share = await tx.catalog.getShare(list.id, partnerId);
    if (share && share.withdrawnAt === null) shared.push(list.id);
  }
  return shared;
}

/** Recipient side: the codes of our accounting data shared with `partnerId`. */
export async function pushedAccountingTo(
  tx: StoreTx,
  partnerId: number,
): Promise<AccountingCodes | null> {
  return codesOfLists(tx, await listsSharedWith(tx, partnerId));
}

/**
 * The entries of one type in our accounting data shared with `partnerId` (the latest applied
 * versions), e.g. the payment terms a portal partner may choose on an order.
 */
export async function ownEntriesOf(
  tx: StoreTx,
  partnerId: number,
  type: EntryType,
): Promise<Array<Readonly<Record<string, string>>>> {
  const entries: Array<Readonly<Record<string, string>>> = [];
  for (const id of await listsSharedWith(tx, partnerId)) {
    const version = await tx.catalog.latestApplied(id);
    if (!version) continue;
    for (const line of await tx.catalog.readLines(version.id)) {
      const entry = JSON.parse(line.line) as Record<string, string>;
      if (entry.type === type) entries.push(entry);
    }
  }
  return entries;
}

/**
 * One entry of our accounting data shared with `partnerId` (its latest applied versions), or
 * null: what a document we issue to that partner refers to, e.g. the payment terms' `days`.
 */
export async function ownEntryFor(
  tx: StoreTx,
  partnerId: number,
  type: EntryType,
  code: string,
): Promise<Readonly<Record<string, string>> | null> {
  return (await ownEntriesOf(tx, partnerId, type)).find((e) => e.code === code) ?? null;
}

export interface CodeUse {
  /** The field as the sender's admin API names it: `currency`, `lines[0].accountCode`. */
  field: string;
  type: EntryType;
  code: string;
}

export interface UnknownCode extends CodeUse {
  detail: string;
}

/** The first use of a code the data does not have, or null. */
export function firstUnknownCode(
  codes: AccountingCodes,
  uses: readonly CodeUse[],
): UnknownCode | null {
  for (const use of uses) {
    if (!codes.get(use.type)?.has(use.code)) {
      return {
        ...use,
        detail: `${use.field}: ${use.code} is not a ${use.type} of the counterpart's accounting data`,
      };
    }
  }
  return null;
}
