/**
 * Partners by node id, kept in memory so that the inbox's first check of every message (is the
 * sender a partner?) does not queue for the one SQLite connection. A flood of forged messages
 * naming a partner would otherwise put a read on that queue per message, ahead of the
 * legitimate messages' writes.
 *
 * Entries come only from reads through the queue, so they hold committed rows. The cache is
 * emptied whenever a partner row may change: any write through the partner repo, any rollback
 * (the write it undoes may have been cached after it), and any commit by another connection
 * (`PRAGMA data_version`). A read whose result could predate such a change is not cached.
 *
 * One write is the exception: a partner's declared profile, which every `partner.update` message
 * stores. Emptying the cache for it would send the next request of every partner back through
 * the queue. Instead the cached entry of that partner gets the new profile; a rollback of the
 * write empties the cache as before, so no entry outlives a write that did not commit.
 *
 * Reads by id are answered from the cache too when the partner is in it (frozen, like every
 * cached partner).
 */
import type Database from 'better-sqlite3';
import { markFrozenRecord, markImmutable, rememberJson } from '../../events/event-json.ts';
import type { PartnerRepo } from '../store.ts';
import type { Partner } from '../types.ts';

/** Enough for every partner a node has; unknown node ids (answered null) count too. */
const MAX_ENTRIES = 1_000;

export interface PartnerCache {
  /** The cached answer for `nodeId`: a partner, null (none), or undefined (not cached). */
  get(nodeId: string): Partner | null | undefined;
  /** A token to pass to {@link PartnerCache.set} for a read started now. */
  generation(): number;
  /** Caches a read's answer unless the cache was emptied since `generation`. */
  set(nodeId: string, partner: Partner | null, generation: number): void;
  /** Empties the cache (a partner row may have changed). */
  invalidate(): void;
  /** Wraps the repo so that each write empties the cache. */
  watch(repo: PartnerRepo): PartnerRepo;
  /**
   * This connection began a write transaction (BEGIN IMMEDIATE): checks once for other writers;
   * until {@link PartnerCache.writeLockReleased} no other connection can commit, so the reads of
   * the transaction (two per `partner.update`) need not ask again.
   */
  writeLockTaken(): void;
  /** The write transaction ended (committed or rolled back): other connections may commit again. */
  writeLockReleased(): void;
}

const READS = new Set<keyof PartnerRepo>(['getById', 'getByNodeId', 'list', 'listByIds']);

export function createPartnerCache(sqlite: Database.Database): PartnerCache {
  const entries = new Map<string, Partner | null>();
  /** Node id of each cached partner by row id, to find the entry a write by id changes. */
  const nodeIds = new Map<number, string>();
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  let seenVersion = dataVersion.get();
  let generation = 0;
  /** While this connection holds the write lock, `data_version` cannot change. */
  let writeLocked = false;

  function invalidate(): void {
    entries.clear();
    nodeIds.clear();
    generation++;
  }

  /** Another connection committed: anything cached may be stale. */
  function checkOtherWriters(): void {
    if (writeLocked) return;
    const version = dataVersion.get();
    if (version !== seenVersion) {
      seenVersion = version;
      invalidate();
    }
  }

  return {
    get(nodeId) {
      checkOtherWriters();
      return entries.get(nodeId);
    },
    generation() {
      checkOtherWriters();
      return generation;
    },
    set(nodeId, partner, at) {
      checkOtherWriters();
      if (at !== generation) return;
      if (entries.size >= MAX_ENTRIES) {
        entries.clear();
        nodeIds.clear();
      }
      entries.set(nodeId, partner === null ? null : frozen(partner));
      if (partner !== null) nodeIds.set(partner.id, nodeId);
    },
    invalidate,
    writeLockTaken() {
      writeLocked = false;
      checkOtherWriters();
      writeLocked = true;
    },
    writeLockReleased() {
      writeLocked = false;
    },
    watch(repo) {
      const watched = { ...repo };
      for (const name of Object.keys(repo) as Array<keyof PartnerRepo>) {
        if (READS.has(name) || name === 'updateDeclaredProfile') continue;
        const write = repo[name] as (...args: unknown[]) => Promise<unknown>;
        (watched as Record<string, unknown>)[name] = async (...args: unknown[]) => {
          invalidate();
          try {
            return await write(...args);
          } finally {
            invalidate();
          }
        };
      }
      // Every partner.update reads its partner by id twice (its handler's merge, its event's
      // record): a cached partner is the row as this connection reads it, so it answers them.
      watched.getById = async (id) => {
        checkOtherWriters();
        const nodeId = nodeIds.get(id);
        const cached = nodeId === undefined ? undefined : entries.get(nodeId);
        return cached && cached.id === id ? cached : repo.getById(id);
      };
      watched.updateDeclaredProfile = async (id, profile, asOf) => {
        const changed = await repo.updateDeclaredProfile(id, profile, asOf);
        if (changed) patchDeclared(id, profile, asOf);
        return changed;
      };
      return watched;
    },
  };

  /** The cached partner `id` (if any) as the row now reads: its declared profile changed. */
  function patchDeclared(id: number, profile: Record<string, unknown>, asOf: Date): void {
    const nodeId = nodeIds.get(id);
    const cached = nodeId === undefined ? undefined : entries.get(nodeId);
    if (!cached) return;
    // The row stores the profile as JSON; the copy is what a read of it would return, and the
    // text is what the partner's next event carries for it (events/event-json.ts).
    const text = JSON.stringify(profile);
    const declaredProfile = copyAsJson(profile) as Record<string, unknown>;
    rememberJson(declaredProfile, text);
    entries.set(
      nodeId!,
      frozen({ ...cached, declaredProfile, profileUpdatedAt: new Date(asOf.getTime()) }),
    );
  }
}

/**
 * Cached partners are shared by every caller, so none of them may change one. Being frozen, an
 * event that carries one reuses the text of its unchanged parts (events/event-json.ts): its keys,
 * kinds and profile come from JSON and hold no Date.
 */
function frozen(partner: Partner): Partner {
  for (const value of Object.values(partner)) {
    if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      deepFreeze(value);
      markImmutable(value);
    }
  }
  markFrozenRecord(partner);
  return Object.freeze(partner);
}

function deepFreeze(value: object): void {
  for (const inner of Object.values(value)) {
    if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
  }
  Object.freeze(value);
}

/**
 * `JSON.parse(JSON.stringify(value))` for a value that is plain JSON data already (a profile
 * merged from parsed messages and stored JSON), copied member by member: a tenth of the time of
 * the round trip through text, which every `partner.update` paid. Anything the round trip would
 * change (a -0, a non-finite number, undefined, a Date or other class instance) takes the round
 * trip itself, so the answer is the same.
 */
export function copyAsJson(value: unknown): unknown {
  try {
    return copyPlain(value);
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
    return JSON.parse(JSON.stringify(value)) as unknown;
  }
}

const NOT_PLAIN = Symbol('not plain JSON data');

function copyPlain(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value) || Object.is(value, -0)) throw NOT_PLAIN;
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        // By index: a hole reads as undefined, which is not plain (JSON writes null there).
        const items: unknown[] = [];
        for (let i = 0; i < value.length; i++) items.push(copyPlain(value[i]));
        return items;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const item = copyPlain((value as Record<string, unknown>)[key]);
        // As JSON.parse makes it: an own property, even for "__proto__".
        if (key === '__proto__') {
          Object.defineProperty(copy, key, {
            value: item,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else copy[key] = item;
      }
      return copy;
    }
    default:
      throw NOT_PLAIN;
  }
}
