/**
 * The distributor: turns queued distributions (a push to a partner, or the answer to its
 * sync.request) into outbox messages, one distribution per unit of work so that the store is
 * never held for long. For each it picks delta when the partner is known to hold an earlier
 * version (every part of it receipted, or named in its sync.request) and the delta is smaller,
 * otherwise full; then cuts the version into parts sized for that partner.
 *
 * Versions are immutable, so their lines and the parts cut from them are cached for one run: a
 * push of one version to twenty partners reads and validates it once, not twenty times.
 */
import { newMessageId } from '../../protocol/index.ts';
import type {
  CatalogShare,
  CatalogVersion,
  Distribution,
  ListKind,
  StoredLine,
} from '../store/catalog-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { CatalogDeps } from './catalog-deps.ts';
import { computeDelta } from './delta.ts';
import { SPECS, type ListKindSpec } from './list-kinds.ts';
import { cutParts, MAX_PARTS, partBudget, type CutResult } from './parts.ts';
import { recentLines } from './recent-lines.ts';

export interface DistributionProgress {
  distribution: Distribution;
  partnerName: string;
  mode: 'full' | 'delta' | null;
  parts: number;
  /** Distributions still queued after this one. */
  remaining: number;
}

export interface RunOptions {
  onProgress?: (progress: DistributionProgress) => void;
}

interface RunCache {
  lines: Map<number, readonly StoredLine[]>;
  parts: Map<string, CutResult>;
}

const running = new WeakMap<object, { promise: Promise<number>; again: boolean }>();

/**
 * Processes every queued distribution; returns how many it handled. Calls made while a run is
 * going join it (and make it look once more, so that nothing queued meanwhile waits for the job).
 */
export function runDistributions(deps: CatalogDeps, options: RunOptions = {}): Promise<number> {
  const current = running.get(deps.store);
  if (current && !options.onProgress) {
    current.again = true;
    return current.promise;
  }
  const state = { promise: Promise.resolve(0), again: false };
  state.promise = (async () => {
    let total = 0;
    try {
      do {
        state.again = false;
        const cache: RunCache = { lines: new Map(), parts: new Map() };
        for (;;) {
          // A read first: the job looks every second, and an idle look must not take the writer.
          if ((await deps.store.read((tx) => tx.catalog.countQueued())) === 0) break;
          const done = await deps.store.transact((tx) => distributeNext(deps, tx, cache));
          if (!done) break;
          total++;
          options.onProgress?.(done);
          // Let requests in between: one distribution of a large version is CPU-heavy.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } while (state.again);
    } finally {
      running.delete(deps.store);
    }
    if (total > 0) deps.notifyOutbox();
    return total;
  })();
  running.set(deps.store, state);
  return state.promise;
}

async function distributeNext(
  deps: CatalogDeps,
  tx: StoreTx,
  cache: RunCache,
): Promise<DistributionProgress | null> {
  const d = await tx.catalog.nextQueued();
  if (!d) return null;
  const now = deps.clock.now();
  const [list, version, partner] = await Promise.all([
    tx.catalog.getList(d.listRowId),
    tx.catalog.getVersionById(d.versionRowId),
    tx.partners.getById(d.partnerId),
  ]);
  const skip = async (detail: string) => {
    await tx.catalog.finishDistribution(d.id, { status: 'skipped', detail, at: now });
    return {
      distribution: d,
      partnerName: partner?.name ?? String(d.partnerId),
      mode: null,
      parts: 0,
      remaining: await tx.catalog.countQueued(),
    };
  };
  if (!list || !version || version.status !== 'applied') return skip('the version is gone');
  if (!partner || partner.status === 'removed') return skip('the partner was removed');
  const spec = SPECS[list.kind];

  const share = await tx.catalog.getShare(list.id, partner.id);
  const held = await heldVersion(tx, share);
  const lines = await linesOf(list.kind, tx, cache, version);
  let mode: 'full' | 'delta' = 'full';
  let base: CatalogVersion | null = null;
  let delta: { lines: readonly StoredLine[]; removed: string[] } = { lines, removed: [] };
  if (!d.forceFull && held !== null && held !== version.version) {
    base = await tx.catalog.getVersion(list.id, held);
    if (base?.status === 'applied') {
      const candidate = computeDelta(await linesOf(list.kind, tx, cache, base), lines);
      // A delta that is not smaller than the version is no saving: send it whole.
      if (candidate.lines.length + candidate.removed.length < lines.length) {
        mode = 'delta';
        delta = candidate;
      }
    }
  }
  const header = headerOf(spec, list.listId, version, mode === 'delta' ? base!.version : null);
  const budget = partBudget(partner.maxBodyBytes, {
    headerBytes: Buffer.byteLength(JSON.stringify(header)) + 64,
    nodeIdBytes: Buffer.byteLength(deps.nodeId) + Buffer.byteLength(partner.nodeId),
  });
  const key = `${version.id}:${mode}:${base?.id ?? 0}:${budget}`;
  let cut = cache.parts.get(key);
  if (!cut) {
    cut = cutParts({ header, linesField: spec.linesField, ...delta, budgetBytes: budget });
    if (cut.bodies.length > MAX_PARTS)
      return skip(`the version needs more than ${MAX_PARTS} parts`);
    // Built by this node from validated data: a failure is a programmer error.
    for (const body of cut.bodies) {
      const check = deps.schemas.validateBody(spec.messageKind, body);
      if (!check.ok) throw new Error(`${spec.messageKind} body fails its schema: ${check.detail}`);
    }
    cache.parts.set(key, cut);
  }
  const drafts = cut.bodies.map((body) => ({
    messageId: newMessageId(),
    partnerId: partner.id,
    toNodeId: partner.nodeId,
    kind: spec.messageKind,
    ref: d.ref,
    body,
  }));
  await tx.outbox.enqueue(drafts, now);
  await tx.catalog.saveShare({
    listRowId: list.id,
    partnerId: partner.id,
    heldVersion: held,
    pendingVersion: version.version,
    pendingMessageIds: drafts.map((m) => m.messageId),
    withdrawnAt: null,
    at: now,
  });
  await tx.catalog.finishDistribution(d.id, {
    status: 'enqueued',
    mode,
    baseVersion: base && mode === 'delta' ? base.version : null,
    parts: drafts.length,
    bytes: cut.bytes,
    at: now,
  });
  return {
    distribution: d,
    partnerName: partner.name,
    mode,
    parts: drafts.length,
    remaining: await tx.catalog.countQueued(),
  };
}

/**
 * The version the partner is known to hold: the last one sent, once every part of it was
 * receipted; else what it held before. A receipt proves storage, not application; a partner
 * that could not apply a delta's base asks again with sync.request, which resets this.
 */
async function heldVersion(tx: StoreTx, share: CatalogShare | null): Promise<number | null> {
  if (!share) return null;
  if (share.pendingVersion === null || share.pendingMessageIds.length === 0) {
    return share.heldVersion;
  }
  const pending = share.pendingMessageIds;
  const delivered = await tx.outbox.countDelivered(share.partnerId, pending);
  return delivered === pending.length ? share.pendingVersion : share.heldVersion;
}

async function linesOf(
  kind: ListKind,
  tx: StoreTx,
  cache: RunCache,
  version: CatalogVersion,
): Promise<readonly StoredLine[]> {
  let lines = cache.lines.get(version.id);
  if (!lines) {
    // A version created here lately is mostly still in memory (recent-lines.ts).
    lines = recentLines(kind, version.contentHash) ?? (await tx.catalog.readLines(version.id));
    cache.lines.set(version.id, lines);
  }
  return lines;
}

/** The fields every part of a version repeats, in the kind's wire names. */
export function headerOf(
  spec: ListKindSpec,
  listId: string,
  version: CatalogVersion,
  baseVersion: number | null,
): Record<string, unknown> {
  return {
    [spec.idField]: listId,
    name: version.name,
    ...(spec.priced && {
      currency: version.currency,
      validFrom: version.validFrom,
      ...(version.validTo !== null && { validTo: version.validTo }),
    }),
    version: version.version,
    mode: baseVersion === null ? 'full' : 'delta',
    ...(baseVersion !== null && { baseVersion }),
    contentHash: version.contentHash,
  };
}
