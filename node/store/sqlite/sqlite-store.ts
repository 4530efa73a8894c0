/**
 * The embedded default store: one SQLite file in WAL mode behind the domain-level interface.
 * better-sqlite3 is synchronous and has one connection, so units of work are serialized; a
 * unit's store calls run synchronously inside BEGIN IMMEDIATE … COMMIT, and the `await`s between
 * them never yield to another unit.
 *
 * Group commit: units that wait together run one after the other in one transaction, each in its
 * own savepoint, and all of them resolve after its COMMIT. A unit that throws rolls back to its
 * savepoint and rejects; the others are unaffected. To each caller this is the serial execution
 * it had before (a unit sees the committed effects of the units before it, and its own effects
 * are durable when its promise resolves) at one disk sync per group instead of one per unit.
 */
import type Database from 'better-sqlite3';
import { withDomainEvents } from '../../events/emitting-tx.ts';
import { NODE_CAUSE, type CauseSlot, type EventCause } from '../../events/event-cause.ts';
import { openDatabase } from '../../db/open-database.ts';
import { backupSqliteFile } from './sqlite-backup.ts';
import type { Store, StoreTx } from '../store.ts';
import { createAdminTokenRepo } from './admin-token-repo.ts';
import { createCatalogRepo } from './catalog-repo.ts';
import { createDealRepo } from './deal-repo.ts';
import { createEventRepo } from './event-repo.ts';
import { createWebhookRepo } from './webhook-repo.ts';
import { createFundRepo } from './fund-repo.ts';
import { createInventoryRepo } from './inventory-repo.ts';
import { createOrderRepo } from './order-repo.ts';
import { createLeadRepo } from './lead-repo.ts';
import { createServiceRepo } from './service-repo.ts';
import { createSharedServiceRepo } from './shared-service-repo.ts';
import { createInboxRepo } from './inbox-repo.ts';
import { createInvitationRepo } from './invitation-repo.ts';
import { createOutboxRepo } from './outbox-repo.ts';
import { createPartnerCache } from './partner-cache.ts';
import { createPartnerRepo } from './partner-repo.ts';
import { createPortalRepo } from './portal-repo.ts';
import { createRefusalRepo } from './refusal-repo.ts';
import { createStaffNotificationRepo } from './staff-notification-repo.ts';
import { GroupQueue } from './serial-queue.ts';
import { createSecretBox, type SecretBox } from '../../identity/secret-box.ts';
import { createStaffRepo } from './staff-repo.ts';
import { createAuditRepo } from './audit-repo.ts';
import { auditedTransact } from '../../staff/audit-scope.ts';
import { createSearchRepo } from './search-repo.ts';
import { createScorecardRepo } from './scorecard-repo.ts';

/** How long a unit of work waits for another process's write lock before it fails. */
const BUSY_BUDGET_MS = 5_000;

/** Most units sharing one transaction, so that one group cannot hold the connection for long. */
const MAX_GROUP = 256;

type Job =
  | {
      type: 'unit';
      write: boolean;
      /** Who asked for the unit: its events name this cause. */
      cause: EventCause;
      fn: (tx: StoreTx) => Promise<unknown>;
      resolve(value: unknown): void;
      reject(error: unknown): void;
    }
  | { type: 'close'; resolve(value: unknown): void; reject(error: unknown): void };

type UnitJob = Extract<Job, { type: 'unit' }>;

export interface SqliteStoreOptions {
  /** Seals the secrets the database holds; without it they are written in the clear. */
  secrets?: SecretBox;
  now?: () => Date;
  /** False only to measure what emitting costs (bench/sections/events.ts). */
  domainEvents?: boolean;
}

export function createSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const { db, sqlite } = openDatabase(file);
  const secrets = options.secrets ?? createSecretBox(null);
  let savepoints = 0;
  const partnerCache = createPartnerCache(sqlite);
  // Transaction control on every unit (BEGIN, SAVEPOINT, RELEASE, COMMIT), prepared once each:
  // `exec` compiles its SQL on every call. The names are a bounded set (unit0…unit255, sp1…).
  const controls = new Map<string, Database.Statement>();
  const control = (statement: string): void => {
    let prepared = controls.get(statement);
    if (!prepared) {
      prepared = sqlite.prepare(statement);
      controls.set(statement, prepared);
    }
    prepared.run();
  };

  const raw: StoreTx = {
    partners: partnerCache.watch(createPartnerRepo(db)),
    invitations: createInvitationRepo(db),
    inbox: createInboxRepo(db, sqlite),
    outbox: createOutboxRepo(db, sqlite),
    adminTokens: createAdminTokenRepo(db),
    leads: createLeadRepo(db),
    deals: createDealRepo(db),
    service: createServiceRepo(db),
    sharedServices: createSharedServiceRepo(db),
    catalog: createCatalogRepo(db, sqlite),
    portal: createPortalRepo(db, secrets),
    orders: createOrderRepo(db),
    funds: createFundRepo(db),
    inventory: createInventoryRepo(db),
    staff: createStaffRepo(db, secrets),
    audit: createAuditRepo(db),
    refusals: createRefusalRepo(db),
    events: createEventRepo(sqlite),
    webhooks: createWebhookRepo(sqlite),
    search: createSearchRepo(db),
    scorecards: createScorecardRepo(sqlite),
    staffNotifications: createStaffNotificationRepo(db),
    // Without domain events no write names a cause.
    causedBy: (_cause, fn) => fn(),
    async nested(fn) {
      const name = `sp${++savepoints}`;
      control(`SAVEPOINT ${name}`);
      try {
        const result = await fn();
        control(`RELEASE ${name}`);
        return result;
      } catch (error) {
        partnerCache.invalidate();
        sqlite.exec(`ROLLBACK TO ${name}`);
        sqlite.exec(`RELEASE ${name}`);
        throw error;
      } finally {
        savepoints--;
      }
    },
  };
  // One unit runs at a time on the one connection: one slot holds the running unit's cause.
  const cause: CauseSlot = { current: NODE_CAUSE };
  const tx =
    options.domainEvents === false
      ? raw
      : withDomainEvents(raw, options.now ?? (() => new Date()), cause);
  /** Runs one unit's function, its events naming the unit's cause. */
  const runUnit = (unit: UnitJob): Promise<unknown> => {
    cause.current = unit.cause;
    return unit.fn(tx);
  };

  let closed = false;

  /**
   * Starts a transaction, waiting for another process's write lock without blocking the event
   * loop: SQLite's own busy handler sleeps on the only thread, which would stall every request.
   */
  async function begin(statement: string): Promise<void> {
    const deadline = Date.now() + BUSY_BUDGET_MS;
    for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
      try {
        control(statement);
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== 'SQLITE_BUSY' || Date.now() + delay > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** Ends an open transaction; a failure here leaves nothing to undo, and must not hide the cause. */
  function rollback(): void {
    partnerCache.invalidate();
    try {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    } catch {
      // The connection already ended the transaction, or cannot: either way nothing commits.
    }
  }

  /** Runs one group; returns the units it did not start (after the transaction was lost). */
  async function runGroup(jobs: Job[]): Promise<Job[]> {
    const [first] = jobs;
    if (first?.type === 'close') {
      closed = true;
      try {
        sqlite.close();
        first.resolve(undefined);
      } catch (error) {
        first.reject(error);
      }
      return [];
    }
    const units = jobs as UnitJob[];
    if (closed) {
      for (const u of units) u.reject(new Error('store is closed'));
      return [];
    }
    const write = units.some((u) => u.write);
    try {
      await begin(write ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED');
      if (write) partnerCache.writeLockTaken();
    } catch (error) {
      rollback();
      for (const u of units) u.reject(error);
      return [];
    }
    try {
      return await runUnits(units);
    } finally {
      partnerCache.writeLockReleased();
    }
  }

  /** Runs the units of a group in the transaction begun for them, and ends it. */
  async function runUnits(units: UnitJob[]): Promise<Job[]> {
    // A lone unit needs no savepoint: the transaction is its own.
    if (units.length === 1) {
      const unit = units[0]!;
      try {
        const result = await runUnit(unit);
        control('COMMIT');
        unit.resolve(result);
      } catch (error) {
        rollback();
        unit.reject(error);
      }
      return [];
    }

    const done: Array<{ unit: UnitJob; result: unknown }> = [];
    for (const [i, unit] of units.entries()) {
      const name = `unit${i}`;
      try {
        control(`SAVEPOINT ${name}`);
        const result = await runUnit(unit);
        control(`RELEASE ${name}`);
        done.push({ unit, result });
      } catch (error) {
        partnerCache.invalidate();
        if (sqlite.inTransaction) {
          try {
            sqlite.exec(`ROLLBACK TO ${name}`);
            sqlite.exec(`RELEASE ${name}`);
            unit.reject(error);
            continue;
          } catch (rollbackError) {
            rollback();
            unit.reject(error);
            for (const d of done) d.unit.reject(rollbackError);
            return units.slice(i + 1);
          }
        }
        // SQLite ended the whole transaction (an I/O error, a full disk): the units before this
        // one lost their writes too. The ones after it have not started; they run next.
        unit.reject(error);
        for (const d of done) d.unit.reject(error);
        return units.slice(i + 1);
      }
    }
    try {
      control('COMMIT');
    } catch (error) {
      rollback();
      for (const d of done) d.unit.reject(error);
      return [];
    }
    for (const d of done) d.unit.resolve(d.result);
    return [];
  }

  const queue = new GroupQueue<Job>({
    runGroup,
    groupable: (job) => job.type === 'unit',
    maxGroup: MAX_GROUP,
  });

  const unit = <T>(
    write: boolean,
    fn: (tx: StoreTx) => Promise<T>,
    unitCause: EventCause = NODE_CAUSE,
  ): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      // The unit carries its cause, so that its events name it even when another caller's
      // group runs it.
      queue.push({
        type: 'unit',
        write,
        cause: unitCause,
        fn: fn as (tx: StoreTx) => Promise<unknown>,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
    });

  const totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
  return {
    // In an audit scope (a person's change, a CLI command) the unit appends its audit row.
    transact: (fn, scope) =>
      auditedTransact(
        (f) => unit(true, f, scope?.cause),
        fn,
        () => totalChanges.get() as number,
        scope?.audit,
      ),
    read: (fn) => unit(false, fn),
    async ping() {
      try {
        return await unit(false, async () => sqlite.prepare('SELECT 1 AS ok').get() !== undefined);
      } catch {
        return false;
      }
    },
    async partnerByNodeId(nodeId) {
      const cached = partnerCache.get(nodeId);
      if (cached !== undefined) return cached;
      const generation = partnerCache.generation();
      const partner = await unit(false, (tx) => tx.partners.getByNodeId(nodeId));
      partnerCache.set(nodeId, partner, generation);
      return partner;
    },
    partnerStoredBytes: (partnerId, afterSeq) =>
      unit(false, (tx) => tx.inbox.storedBytes(partnerId, afterSeq)),
    // One process serves a SQLite node (the data directory's lock): nothing to wait for.
    exclusive: (_name, fn) => fn(),
    onOutboxWork: () => {},
    announceKeyRotation: async () => {},
    onKeyRotation: () => {},
    backup: (target) => backupSqliteFile(file, target),
    close() {
      return new Promise<void>((resolve, reject) => {
        queue.push({ type: 'close', resolve: () => resolve(), reject });
      });
    },
  };
}
