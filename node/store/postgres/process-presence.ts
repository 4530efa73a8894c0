/**
 * How the processes of one node on one PostgreSQL database know of each other, through advisory
 * locks held by one session of each (a connection reserved for the store's life). A lock of a
 * session ends with the session, so a process that dies however it dies (SIGKILL, a lost
 * machine) is gone from here as soon as the server sees its connection close.
 *
 * - Presence: every process holds the PRESENT lock shared; a process is alone when it can also
 *   take it exclusively (its own shared hold does not conflict with itself).
 * - Tasks: a timed job runs under a try-lock of its name, so two processes never run it at once.
 * - Owners: each process holds a lock on its own random id, which it writes on the outbox rows it
 *   leases; rows whose owner's lock is gone are a dead process's, claimable again at once.
 */
import { randomInt } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type postgres from 'postgres';

/** Any constant keys, apart from the store's write and migration locks. */
const PRESENT = 7_270_003;
const TASK_CLASS = 7_270_004;
const OWNER_CLASS = 7_270_005;

/** The owner ids of the node's live processes, as a subquery (pg_locks shows every session's). */
export const LIVE_OWNERS: SQL = sql`(SELECT objid::bigint FROM pg_locks
  WHERE locktype = 'advisory' AND classid = ${OWNER_CLASS} AND objsubid = 2 AND granted
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))`;

export interface ProcessPresence {
  /** This process's owner id (written on the rows it leases). */
  id: number;
  /** True when no other process of the node has the database open now. */
  alone(): Promise<boolean>;
  /** Runs `fn` holding the task's lock; null, without running it, when another process holds it. */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | null>;
  close(): Promise<void>;
}

export async function joinProcesses(client: postgres.Sql): Promise<ProcessPresence> {
  const session = await client.reserve();
  await session`SELECT pg_advisory_lock_shared(${PRESENT})`;
  // Random, so that processes need no registry; a clash (1 in 2^31) is waited out below.
  let id = randomInt(1, 2 ** 31 - 1);
  while (!(await session`SELECT pg_try_advisory_lock(${OWNER_CLASS}, ${id}) AS ok`)[0]?.ok) {
    id = randomInt(1, 2 ** 31 - 1);
  }
  return {
    id,
    async alone() {
      const [row] = await session`SELECT pg_try_advisory_lock(${PRESENT}) AS ok`;
      if (!row?.ok) return false;
      await session`SELECT pg_advisory_unlock(${PRESENT})`;
      return true;
    },
    async exclusive(name, fn) {
      const [row] =
        await session`SELECT pg_try_advisory_lock(${TASK_CLASS}, hashtext(${name})) AS ok`;
      if (!row?.ok) return null;
      try {
        return await fn();
      } finally {
        await session`SELECT pg_advisory_unlock(${TASK_CLASS}, hashtext(${name}))`;
      }
    },
    async close() {
      // Back to the pool, which ends it with the store: its locks end with the session.
      await session`SELECT pg_advisory_unlock_all()`;
      session.release();
    },
  };
}
