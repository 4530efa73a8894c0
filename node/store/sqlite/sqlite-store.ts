/**
 * The embedded default store: one SQLite file in WAL mode behind the domain-level interface.
 * better-sqlite3 is synchronous and has one connection, so units of work are serialized; a
 * unit's store calls run synchronously inside BEGIN IMMEDIATE … COMMIT, and the `await`s between
 * them never yield to another unit.
 */
import { openDatabase } from '../../db/open-database.ts';
import type { Store, StoreTx } from '../store.ts';
import { createAdminTokenRepo } from './admin-token-repo.ts';
import { createDealRepo } from './deal-repo.ts';
import { createLeadRepo } from './lead-repo.ts';
import { createServiceRepo } from './service-repo.ts';
import { createInboxRepo } from './inbox-repo.ts';
import { createInvitationRepo } from './invitation-repo.ts';
import { createOutboxRepo } from './outbox-repo.ts';
import { createPartnerRepo } from './partner-repo.ts';
import { SerialQueue } from './serial-queue.ts';

export function createSqliteStore(file: string): Store {
  const { db, sqlite } = openDatabase(file);
  const queue = new SerialQueue();
  let savepoints = 0;

  const tx: StoreTx = {
    partners: createPartnerRepo(db),
    invitations: createInvitationRepo(db),
    inbox: createInboxRepo(db),
    outbox: createOutboxRepo(db),
    adminTokens: createAdminTokenRepo(db),
    leads: createLeadRepo(db),
    deals: createDealRepo(db),
    service: createServiceRepo(db),
    async nested(fn) {
      const name = `sp${++savepoints}`;
      sqlite.exec(`SAVEPOINT ${name}`);
      try {
        const result = await fn();
        sqlite.exec(`RELEASE ${name}`);
        return result;
      } catch (error) {
        sqlite.exec(`ROLLBACK TO ${name}`);
        sqlite.exec(`RELEASE ${name}`);
        throw error;
      } finally {
        savepoints--;
      }
    },
  };

  let closed = false;
  const unit = <T>(begin: string, fn: (tx: StoreTx) => Promise<T>): Promise<T> =>
    queue.run(async () => {
      if (closed) throw new Error('store is closed');
      sqlite.exec(begin);
      try {
        const result = await fn(tx);
        sqlite.exec('COMMIT');
        return result;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw error;
      }
    });

  return {
    transact: (fn) => unit('BEGIN IMMEDIATE', fn),
    read: (fn) => unit('BEGIN DEFERRED', fn),
    async ping() {
      try {
        return queue.run(async () => sqlite.prepare('SELECT 1 AS ok').get() !== undefined);
      } catch {
        return false;
      }
    },
    async close() {
      await queue.run(async () => {
        closed = true;
        sqlite.close();
      });
    },
  };
}
