/**
 * The store on PostgreSQL, for nodes that run as several processes on several machines over one
 * database. Same interface and the same domain code as the SQLite default (sqlite-store.ts).
 *
 * Units of work: a write unit is one transaction that first takes one transaction-scoped advisory
 * lock, so write units run one at a time across every process, as they do on SQLite's single
 * writer. The domain code above the store was written against that serial order (read, decide,
 * write), and it keeps it here without retrying anything. A read unit takes a snapshot
 * (REPEATABLE READ, read only) and waits for no one.
 */
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { withDomainEvents } from '../../events/emitting-tx.ts';
import { NODE_CAUSE, type EventCause } from '../../events/event-cause.ts';
import { AppError } from '../../errors.ts';
import { createSecretBox, type SecretBox } from '../../identity/secret-box.ts';
import { connectPostgres, migratePostgres, pgDrizzle, type PgDb } from '../../db/open-postgres.ts';
import type { Store, StoreTx } from '../store.ts';
import { partnerFromRow } from '../rows/row-mapping.ts';
import { partners } from '../../db/pg-schema/foundation.ts';
import { eq } from 'drizzle-orm';
import { createAdminTokenRepo } from './admin-token-repo.ts';
import { createAuditRepo } from './audit-repo.ts';
import { createCatalogRepo } from './catalog-repo.ts';
import { createDealRepo } from './deal-repo.ts';
import { createEventRepo } from './event-repo.ts';
import { createFundRepo } from './fund-repo.ts';
import { createInboxRepo } from './inbox-repo.ts';
import { createInventoryRepo } from './inventory-repo.ts';
import { createInvitationRepo } from './invitation-repo.ts';
import { createLeadRepo } from './lead-repo.ts';
import { createOrderRepo } from './order-repo.ts';
import { createOutboxRepo } from './outbox-repo.ts';
import { createPartnerRepo } from './partner-repo.ts';
import { createPortalRepo } from './portal-repo.ts';
import { createRefusalRepo } from './refusal-repo.ts';
import { createStaffNotificationRepo } from './staff-notification-repo.ts';
import { createServiceRepo } from './service-repo.ts';
import { createSharedServiceRepo } from './shared-service-repo.ts';
import { createScorecardRepo } from './scorecard-repo.ts';
import { createStaffRepo } from './staff-repo.ts';
import { createWebhookRepo } from './webhook-repo.ts';
import { createSearchRepo } from './search-repo.ts';
import { createRateBucketRepo } from './rate-bucket-repo.ts';
import { auditedTransact } from '../../staff/audit-scope.ts';
import { joinProcesses, type ProcessPresence } from './process-presence.ts';
import { createWritePipeline, type WritePipeline } from './write-pipeline.ts';

/** The channel on which a process tells the others that it queued outbound messages. */
export const OUTBOX_CHANNEL = 'partner_sync_outbox';

/** The channel on which a process tells the others that it rotated the signing key. */
const KEYS_CHANNEL = 'partner_sync_keys';

/**
 * inbox-repo.ts's storedBytes as one prepared statement outside any unit (a read unit costs some
 * 4 ms of node CPU; this, tens of µs), by the inbound_partner_seq index.
 */
const STORED_BYTES = `
  SELECT coalesce(sum(octet_length(jws)), 0)::float8 AS bytes, max(seq) AS last_seq
  FROM inbound_messages WHERE partner_id = $1::bigint AND seq > $2::bigint`;

/** The advisory lock every write unit holds until it commits (any constant key). */
export const WRITE_LOCK = 7_270_002;

export interface PostgresStoreOptions {
  /** Seals the secrets the database holds; without it they are written in the clear. */
  secrets?: SecretBox;
  now?: () => Date;
  /** False only to measure what emitting costs. */
  domainEvents?: boolean;
  /** Connections this process holds at most. */
  maxConnections?: number;
}

/** True for the URLs this store takes (postgres:// or postgresql://). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Applies the migrations the database lacks, then opens the store. */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<Store> {
  await migratePostgres(url);
  // One more than asked: the presence session (process-presence.ts) keeps one for itself.
  const client = connectPostgres(url, { max: (options.maxConnections ?? 10) + 1 });
  return createPostgresStore(client, await joinProcesses(client), options);
}

export function createPostgresStore(
  client: postgres.Sql,
  presence: ProcessPresence,
  options: PostgresStoreOptions = {},
): Store {
  const db = pgDrizzle(client);
  const secrets = options.secrets ?? createSecretBox(null);
  const now = options.now ?? (() => new Date());

  /** The repos of one unit, bound to its transaction; `queued` is set when it enqueues. */
  function unitTx(
    conn: PgDb,
    pipeline: WritePipeline,
    queued: { outbox: boolean } = { outbox: false },
    cause: EventCause = NODE_CAUSE,
  ): StoreTx {
    let savepoints = 0;
    const repo = createOutboxRepo(conn, pipeline, presence.id);
    const outbox = {
      ...repo,
      enqueue: (...args: Parameters<typeof repo.enqueue>) => {
        queued.outbox = true;
        return repo.enqueue(...args);
      },
    };
    const webhooks = createWebhookRepo(conn);
    const partnerRepo = createPartnerRepo(conn);
    // Leases at a worker's start are a dead process's only when no other process is alive: the
    // others' would be taken from deliveries under way. (Inside the write unit, a process that
    // arrives meanwhile claims nothing before this commits.)
    const releaseIfAlone = (release: () => Promise<number>) => async () =>
      (await presence.alone()) ? release() : 0;
    const raw: StoreTx = {
      partners: partnerRepo,
      invitations: createInvitationRepo(conn),
      inbox: createInboxRepo(conn, pipeline),
      outbox: { ...outbox, releaseLeases: releaseIfAlone(outbox.releaseLeases) },
      adminTokens: createAdminTokenRepo(conn),
      leads: createLeadRepo(conn),
      deals: createDealRepo(conn),
      service: createServiceRepo(conn),
      sharedServices: createSharedServiceRepo(conn),
      catalog: createCatalogRepo(conn),
      portal: createPortalRepo(conn, secrets),
      orders: createOrderRepo(conn),
      funds: createFundRepo(conn),
      inventory: createInventoryRepo(conn),
      staff: createStaffRepo(conn, secrets),
      audit: createAuditRepo(conn),
      refusals: createRefusalRepo(conn),
      events: createEventRepo(conn),
      webhooks: { ...webhooks, releaseLeases: releaseIfAlone(webhooks.releaseLeases) },
      search: createSearchRepo(conn),
      scorecards: createScorecardRepo(conn),
      staffNotifications: createStaffNotificationRepo(conn),
      // Without domain events no write names a cause.
      causedBy: (_cause, fn) => fn(),
      async nested(fn) {
        const name = `sp${++savepoints}`;
        // Taken and released without waiting: the statements after it follow it on the
        // connection (write-pipeline.ts). A rollback is waited for, and so is what it undid.
        pipeline.send(`SAVEPOINT ${name}`);
        const mark = pipeline.mark();
        try {
          const result = await fn();
          pipeline.send(`RELEASE SAVEPOINT ${name}`);
          return result;
        } catch (error) {
          await conn.execute(sql.raw(`ROLLBACK TO SAVEPOINT ${name}`));
          // A write sent inside the savepoint that failed is why the savepoint failed.
          const undone = await pipeline.rolledBack(mark);
          // The rows the partner repo kept may be from the writes just undone.
          partnerRepo.forget();
          await conn.execute(sql.raw(`RELEASE SAVEPOINT ${name}`));
          throw undone ?? error;
        } finally {
          savepoints--;
        }
      },
    };
    // Units run side by side on the pool: each has its own slot for its cause.
    return options.domainEvents === false ? raw : withDomainEvents(raw, now, { current: cause });
  }

  let closed = false;
  const open = () => {
    if (closed) throw new Error('store is closed');
  };

  return {
    // In an audit scope (a person's change, a CLI command) the unit appends its audit row.
    async transact(fn, scope) {
      open();
      const queued = { outbox: false };
      // The unit holding the write lock: one at a time in this process, as in every other.
      let writing: PgDb | null = null;
      const result = await auditedTransact(
        (f) =>
          db.transaction(async (conn) => {
            await conn.execute(sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
            writing = conn;
            return settled(createWritePipeline(conn), (pipeline) =>
              f(unitTx(conn, pipeline, queued, scope?.cause)),
            );
          }),
        fn,
        // Whether the unit has written: a transaction gets its id at its first write.
        async () => {
          const rows = await writing!.execute(
            sql`SELECT (pg_current_xact_id_if_assigned() IS NOT NULL)::int AS wrote`,
          );
          return Number((rows as unknown as Array<{ wrote: number }>)[0]!.wrote);
        },
        scope?.audit,
      );
      // After the commit, so that a woken process finds the rows.
      if (queued.outbox) {
        await client.notify(OUTBOX_CHANNEL, String(presence.id)).catch(() => {});
      }
      return result;
    },
    async read(fn) {
      open();
      return db.transaction(
        (conn) => settled(createWritePipeline(conn), (pipeline) => fn(unitTx(conn, pipeline))),
        {
          isolationLevel: 'repeatable read',
          accessMode: 'read only',
        },
      );
    },
    async partnerByNodeId(nodeId) {
      open();
      const [row] = await db.select().from(partners).where(eq(partners.nodeId, nodeId));
      return row ? partnerFromRow(row) : null;
    },
    async partnerStoredBytes(partnerId, afterSeq) {
      open();
      const [row] = await client.unsafe<Array<{ bytes: number; last_seq: string | null }>>(
        STORED_BYTES,
        [partnerId, afterSeq],
        { prepare: true },
      );
      return { bytes: Number(row!.bytes), lastSeq: Number(row!.last_seq ?? afterSeq) };
    },
    async ping() {
      try {
        await db.execute(sql`SELECT 1`);
        return true;
      } catch {
        return false;
      }
    },
    onOutboxWork(listener) {
      open();
      // A process's own enqueues wake its outbox directly; it listens for the others'.
      void client
        .listen(OUTBOX_CHANNEL, (from) => {
          if (from !== String(presence.id)) listener();
        })
        .catch(() => {});
    },
    async announceKeyRotation() {
      open();
      await client.notify(KEYS_CHANNEL, String(presence.id));
    },
    onKeyRotation(listener) {
      open();
      void client
        .listen(KEYS_CHANNEL, (from) => {
          if (from !== String(presence.id)) listener();
        })
        .catch(() => {});
    },
    rateBuckets: createRateBucketRepo(client),
    async exclusive(name, fn) {
      open();
      return presence.exclusive(name, fn);
    },
    async backup() {
      throw new AppError(
        400,
        'backup_unsupported',
        'this node keeps its data in PostgreSQL: back it up with pg_dump or a standby',
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await presence.close().catch(() => {});
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * Runs a unit's work, then waits for every statement it sent without waiting, before the commit:
 * a failed one fails the unit with its own error (the statements after it only fail as "the
 * transaction is aborted").
 */
async function settled<T>(
  pipeline: WritePipeline,
  work: (pipeline: WritePipeline) => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await work(pipeline);
  } catch (error) {
    await pipeline.settle().catch(() => {});
    throw pipeline.failure() ?? error;
  }
  await pipeline.settle();
  return result;
}
