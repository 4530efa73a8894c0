/**
 * The owner's side: creating lists and their versions. A version is immutable from the moment it
 * is created (stricter than "once pushed": what was pushed can then never differ from what is
 * stored); a change is a new version, whole or as lines and removed SKUs against a base.
 */
import { AppError, badRequest, conflict } from '../errors.ts';
import type { CatalogList, CatalogVersion, StoredLine } from '../store/catalog-store.ts';
import { SELF_OWNER } from '../store/catalog-store.ts';
import type { StoreTx } from '../store/store.ts';
import { assertOwn, type CatalogDeps } from './catalog-deps.ts';
import { compareLines, hashSortedLines, lineKey } from './lines.ts';
import type { ListKindSpec, WireLine } from './list-kinds.ts';
import { rememberLines } from './recent-lines.ts';
import { parseValidity, type Validity } from './validity.ts';

export interface NewList {
  listId: string;
  name: string;
  currency: string | null;
}

export async function createList(
  deps: CatalogDeps,
  spec: ListKindSpec,
  input: NewList,
): Promise<CatalogList> {
  if (spec.priced && input.currency === null) {
    throw badRequest('invalid_field', 'currency is required', 'currency');
  }
  return deps.store.transact(async (tx) => {
    // Refused even when only a partner's copy has the id: an id must say whose list it is.
    if ((await tx.catalog.listsById(spec.kind, input.listId)).length > 0) {
      throw conflict('list_exists', `a ${spec.label} with the id ${input.listId} exists`);
    }
    return tx.catalog.insertList({
      kind: spec.kind,
      listId: input.listId,
      ownerPartnerId: SELF_OWNER,
      name: input.name,
      currency: spec.priced ? input.currency : null,
      at: deps.clock.now(),
    });
  });
}

export interface NewVersion {
  version?: number;
  name?: string;
  currency?: string;
  validFrom?: string;
  validTo?: string | null;
  /** With a base: lines put in place of the base's (same key) or added. */
  lines: readonly WireLine[];
  /** With a base: SKUs whose lines are dropped first. */
  removed?: readonly string[];
  baseVersion?: number;
}

/** Creates a version of one of our lists in one unit of work; returns it applied. */
export async function createVersion(
  deps: CatalogDeps,
  spec: ListKindSpec,
  listRowId: number,
  input: NewVersion,
): Promise<CatalogVersion> {
  const stored = input.lines.map((l) => spec.toStored(l));
  const repeat = firstRepeat(stored, input.baseVersion === undefined);
  if (repeat !== null) {
    throw badRequest(
      'invalid_field',
      `line ${repeat + 1} repeats the key of an earlier line`,
      'lines',
    );
  }
  if (input.removed && input.removed.length > 0 && input.baseVersion === undefined) {
    throw badRequest('invalid_field', 'removed needs baseVersion', 'removed');
  }
  const now = deps.clock.now();
  let lines: StoredLine[] = [];
  const created = await deps.store.transact(async (tx) => {
    const list = await tx.catalog.getList(listRowId);
    if (!list) throw new AppError(404, 'not_found', `${spec.label} not found`);
    assertOwn(spec, list);
    const [latest] = await tx.catalog.listVersions(list.id);
    const version = input.version ?? (latest?.version ?? 0) + 1;
    if (latest && version <= latest.version) {
      throw badRequest(
        'invalid_field',
        `version must be greater than ${latest.version}: versions are immutable`,
        'version',
      );
    }
    const validity = spec.priced ? validityOf(input, now) : null;
    const currency = spec.priced ? (input.currency ?? list.currency) : null;
    const name = input.name ?? list.name;
    const inserted = await tx.catalog.insertVersion({
      listRowId: list.id,
      header: {
        version,
        name,
        currency,
        validFrom: validity?.validFrom ?? null,
        validTo: validity?.validTo ?? null,
        validFromMs: validity?.validFromMs ?? null,
        validToMs: validity?.validToMs ?? null,
        contentHash: '',
        mode: 'full',
        baseVersion: null,
        parts: 1,
      },
      status: 'applied',
      lineCount: 0,
      at: now,
    });
    lines = await fillLines(tx, spec, list, inserted.id, stored, input);
    const contentHash = hashSortedLines(lines);
    await tx.catalog.updateVersion(inserted.id, { contentHash, lineCount: lines.length });
    if (name !== list.name || currency !== list.currency) {
      await tx.catalog.updateList(list.id, { name, ...(currency && { currency }) }, now);
    }
    return { ...inserted, contentHash, lineCount: lines.length };
  });
  // Committed: a push that follows cuts these instead of reading them back (recent-lines.ts).
  rememberLines(spec.kind, created.contentHash, lines);
  return created;
}

/**
 * The index of the first line whose key an earlier line has, or null. A whole version is put in
 * key order here (it is stored and hashed so): then a repeat sits next to its twin, and a set of
 * 100,000 keys is only built to name the line when there is one.
 */
function firstRepeat(stored: StoredLine[], sortInPlace: boolean): number | null {
  let inputOrder: readonly StoredLine[] = stored;
  if (sortInPlace) {
    inputOrder = stored.slice();
    stored.sort(compareLines);
    const repeats = stored.some((l, i) => i > 0 && compareLines(stored[i - 1]!, l) === 0);
    if (!repeats) return null;
  }
  const seen = new Set<string>();
  for (const [i, l] of inputOrder.entries()) {
    const key = lineKey(l);
    if (seen.has(key)) return i;
    seen.add(key);
  }
  return null;
}

/** Writes the version's lines; returns them all in key order (what the hash covers). */
async function fillLines(
  tx: StoreTx,
  spec: ListKindSpec,
  list: CatalogList,
  versionRowId: number,
  stored: StoredLine[],
  input: NewVersion,
): Promise<StoredLine[]> {
  if (input.baseVersion === undefined) {
    stored.sort(compareLines);
    await tx.catalog.insertLines(versionRowId, stored);
    return stored;
  }
  const base = await tx.catalog.getVersion(list.id, input.baseVersion);
  if (!base || base.status !== 'applied') {
    throw badRequest(
      'invalid_field',
      `no version ${input.baseVersion} of this ${spec.label}`,
      'baseVersion',
    );
  }
  await tx.catalog.copyLines(base.id, versionRowId);
  await tx.catalog.removeSkus(versionRowId, input.removed ?? []);
  await tx.catalog.putLines(versionRowId, stored);
  return tx.catalog.readLines(versionRowId);
}

function validityOf(input: NewVersion, now: Date): Validity {
  const parsed = parseValidity(input.validFrom ?? now.toISOString(), input.validTo ?? null);
  if (!parsed.ok) throw badRequest('invalid_field', parsed.message, parsed.field);
  return parsed.validity;
}
