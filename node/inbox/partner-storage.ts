/**
 * The bytes of received messages each partner has stored on the node, for its storage quota
 * (partner-limits.ts). The inbox only grows: nothing deletes received messages.
 *
 * A process reads a partner's stored bytes when it first sees the partner, and adds what it
 * stores itself. With several processes (PostgreSQL) it also reads, at most once every REFRESH_MS
 * per partner and only when the partner sends, what the partner's messages added since its last
 * read: the rows with a seq above the highest it read, found by the inbound_partner_seq index, so
 * a read costs what was stored since (a second's worth), not the partner's whole inbox, and
 * nothing is written on the inbox's path. Write units run one at a time across the processes
 * (postgres-store.ts), so seq order is commit order and no row is skipped.
 *
 * So a process sees what the others stored at most REFRESH_MS (and one read) late: the node
 * stores for a partner past its quota at most what the other processes store for it in that time
 * (at most a second of its message rate each). Messages this process stored while a read ran may
 * be counted twice until its next read, which refuses a partner close to its quota early, never
 * late. With one process (SQLite) the first read is the only one.
 *
 * Measured (2-core box under heavy load, local PostgreSQL, a partner with 20,000 stored messages):
 * a read of the last second's 20 rows, 140 µs of node CPU and 1.4 ms wall, once a second per
 * sending partner and process (some 7 µs a message at 20 a second); answered from memory
 * between reads, 0.5 µs. Re-reading the whole inbox would cost 5-6 ms CPU and 40-60 ms wall
 * (a read unit alone costs some 4 ms CPU: hence store.partnerStoredBytes, outside any unit).
 */
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';

/** How stale a process's view of a partner's stored bytes may be when the partner sends. */
export const REFRESH_MS = 1000;

export interface PartnerStorage {
  /** The bytes the partner has stored, as this process knows them; reads them when stale. */
  bytes(partnerId: number): Promise<number>;
  /** Counts bytes this process stored for a partner (committed); its new total. */
  stored(partnerId: number, bytes: number): number;
  /** The bytes of each partner seen since the start, by partner id. */
  known(): ReadonlyMap<number, number>;
}

interface Known {
  /** The bytes of the partner's rows up to `lastSeq`, as read. */
  read: number;
  lastSeq: number;
  /** Bytes this process stored since its last read began (some may be in that read). */
  own: number;
  readAt: number;
  /** The read under way, shared by the partner's requests meanwhile. */
  reading: Promise<void> | null;
}

export function createPartnerStorage(deps: {
  store: Pick<Store, 'partnerStoredBytes'>;
  clock: Clock;
  /** Whether other processes may store for the same partners (PostgreSQL). */
  sharedByProcesses: boolean;
}): PartnerStorage {
  const known = new Map<number, Known>();

  const readSince = (partnerId: number, k: Known) => {
    const ownBefore = k.own;
    k.readAt = deps.clock.now().getTime();
    k.reading = deps.store.partnerStoredBytes(partnerId, k.lastSeq).then(
      ({ bytes, lastSeq }) => {
        k.read += bytes;
        k.lastSeq = lastSeq;
        // What this process had stored before the read began was committed by then: the read
        // counted it. What it stored since may be in the read too (counted twice until the next).
        k.own -= ownBefore;
        k.reading = null;
      },
      (error: unknown) => {
        // Tried again by the partner's next request.
        k.reading = null;
        k.readAt = 0;
        throw error;
      },
    );
    return k.reading;
  };

  return {
    async bytes(partnerId) {
      let k = known.get(partnerId);
      if (!k) {
        k = { read: 0, lastSeq: 0, own: 0, readAt: 0, reading: null };
        known.set(partnerId, k);
        await readSince(partnerId, k);
      } else if (k.reading) {
        await k.reading;
      } else if (
        k.readAt === 0 ||
        (deps.sharedByProcesses && deps.clock.now().getTime() - k.readAt >= REFRESH_MS)
      ) {
        await readSince(partnerId, k);
      }
      return k.read + k.own;
    },
    stored(partnerId, bytes) {
      const k = known.get(partnerId);
      // A partner's messages are stored only after bytes() was read for it.
      if (!k) return bytes;
      k.own += bytes;
      return k.read + k.own;
    },
    known() {
      const result = new Map<number, number>();
      for (const [id, k] of known) result.set(id, k.read + k.own);
      return result;
    },
  };
}
