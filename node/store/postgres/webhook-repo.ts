/** Webhook endpoints and their FIFO delivery queues in PostgreSQL (see node/store/webhook-store.ts). */
import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { PgDb } from '../../db/open-postgres.ts';
import { webhookDeliveries, webhookEndpoints } from '../../db/pg-schema/events.ts';
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../../db/schema/events.ts';
import type { WebhookRepo } from '../webhook-store.ts';
import { deliveryFromRow, endpointFromRow, secretsFromRow } from '../rows/webhook-row-mapping.ts';

export function createWebhookRepo(db: PgDb): WebhookRepo {
  const get = async (id: string): Promise<WebhookEndpointRow | undefined> =>
    (await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0];

  return {
    async create(input) {
      const at = input.at.getTime();
      const [row] = await db
        .insert(webhookEndpoints)
        .values({
          id: input.id,
          url: input.url,
          events: JSON.stringify(input.events),
          description: input.description,
          secret: input.secret,
          status: 'active',
          cursor: input.cursor,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      return endpointFromRow(row!);
    },
    async get(id) {
      const row = await get(id);
      return row ? endpointFromRow(row) : null;
    },
    async secrets(id) {
      const row = await get(id);
      return row ? secretsFromRow(row) : null;
    },
    async list() {
      const rows = await db
        .select()
        .from(webhookEndpoints)
        .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
      return rows.map(endpointFromRow);
    },
    async update(id, changes, at) {
      const set: Partial<typeof webhookEndpoints.$inferInsert> = { updatedAt: at.getTime() };
      if (changes.url !== undefined) set.url = changes.url;
      if (changes.events !== undefined) set.events = JSON.stringify(changes.events);
      if (changes.description !== undefined) set.description = changes.description;
      if (changes.cursor !== undefined) set.cursor = changes.cursor;
      if (changes.status !== undefined) {
        set.status = changes.status;
        set.disabledReason =
          changes.status === 'disabled' ? (changes.disabledReason ?? 'disabled') : null;
        set.disabledAt = changes.status === 'disabled' ? at.getTime() : null;
      }
      const [row] = await db
        .update(webhookEndpoints)
        .set(set)
        .where(eq(webhookEndpoints.id, id))
        .returning();
      return row ? endpointFromRow(row) : null;
    },
    async rotateSecret(id, secret, previousUntil, at) {
      const rows = await db
        .update(webhookEndpoints)
        .set({
          previousSecret: sql`${webhookEndpoints.secret}`,
          secret,
          previousSecretUntil: previousUntil.getTime(),
          updatedAt: at.getTime(),
        })
        .where(eq(webhookEndpoints.id, id))
        .returning({ id: webhookEndpoints.id });
      return rows.length > 0;
    },
    async delete(id) {
      await db.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id));
      const rows = await db
        .delete(webhookEndpoints)
        .where(eq(webhookEndpoints.id, id))
        .returning({ id: webhookEndpoints.id });
      return rows.length > 0;
    },
    async enqueue(rows, at) {
      if (rows.length === 0) return;
      const ms = at.getTime();
      await db.insert(webhookDeliveries).values(
        rows.map((r) => ({
          webhookId: r.webhookId,
          messageId: r.messageId,
          eventSeq: r.eventSeq,
          type: r.type,
          payload: r.payload,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: ms,
          horizonFrom: ms,
          createdAt: ms,
        })),
      );
    },
    async claimDue({ now, leaseUntil, batch, skip }) {
      const endpoints = await db
        .select()
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.status, 'active'));
      const claimed = [];
      for (const endpoint of endpoints) {
        if (skip.includes(endpoint.id)) continue;
        const rows = await db
          .select()
          .from(webhookDeliveries)
          .where(
            and(
              eq(webhookDeliveries.webhookId, endpoint.id),
              inArray(webhookDeliveries.status, ['pending', 'in_flight']),
            ),
          )
          .orderBy(asc(webhookDeliveries.seq))
          .limit(batch);
        const take: WebhookDeliveryRow[] = [];
        for (const row of rows) {
          // A live lease on the head means this endpoint is being delivered to: wait.
          if (row.status === 'in_flight' && (row.leaseUntil ?? 0) > now.getTime()) break;
          if (row.nextAttemptAt > now.getTime()) break;
          take.push(row);
        }
        if (take.length === 0) continue;
        await db
          .update(webhookDeliveries)
          .set({ status: 'in_flight', leaseUntil: leaseUntil.getTime() })
          .where(
            inArray(
              webhookDeliveries.seq,
              take.map((r) => r.seq),
            ),
          );
        claimed.push({
          endpoint: endpointFromRow(endpoint),
          secrets: secretsFromRow(endpoint),
          deliveries: take.map((row) => deliveryFromRow({ ...row, status: 'in_flight' })),
        });
      }
      return claimed;
    },
    async markDelivered(seq, { status, at }) {
      await db
        .update(webhookDeliveries)
        .set({
          status: 'delivered',
          attempts: sql`${webhookDeliveries.attempts} + 1`,
          leaseUntil: null,
          lastStatus: status,
          lastError: null,
          deliveredAt: at.getTime(),
        })
        .where(eq(webhookDeliveries.seq, seq));
    },
    async reschedule(seqs, input) {
      if (seqs.length === 0) return;
      await db
        .update(webhookDeliveries)
        .set({
          status: 'pending',
          leaseUntil: null,
          nextAttemptAt: input.nextAttemptAt.getTime(),
          attempts: sql`${webhookDeliveries.attempts} + ${input.countAttempt ? 1 : 0}`,
          lastStatus: sql`coalesce(${input.status}, ${webhookDeliveries.lastStatus})`,
          lastError: sql`coalesce(${input.error}, ${webhookDeliveries.lastError})`,
        })
        .where(
          and(inArray(webhookDeliveries.seq, seqs), eq(webhookDeliveries.status, 'in_flight')),
        );
    },
    async markDead(seq, { status, error, at }) {
      await db
        .update(webhookDeliveries)
        .set({
          status: 'dead',
          attempts: sql`${webhookDeliveries.attempts} + 1`,
          leaseUntil: null,
          lastStatus: status,
          lastError: error,
          deadAt: at.getTime(),
        })
        .where(eq(webhookDeliveries.seq, seq));
    },
    async retryDead(webhookId, at) {
      const rows = await db
        .update(webhookDeliveries)
        .set({
          status: 'pending',
          nextAttemptAt: at.getTime(),
          horizonFrom: at.getTime(),
          deadAt: null,
        })
        .where(
          and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.status, 'dead')),
        )
        .returning({ seq: webhookDeliveries.seq });
      return rows.length;
    },
    async listDeliveries(webhookId, filter) {
      const where: SQL[] = [eq(webhookDeliveries.webhookId, webhookId)];
      if (filter.status) where.push(eq(webhookDeliveries.status, filter.status));
      if (filter.before !== undefined) where.push(lt(webhookDeliveries.seq, filter.before));
      const rows = await db
        .select()
        .from(webhookDeliveries)
        .where(and(...where))
        .orderBy(desc(webhookDeliveries.seq))
        .limit(filter.limit);
      return rows.map(deliveryFromRow);
    },
    async pruneDelivered(before, limit) {
      const rows = await db.execute(
        sql`DELETE FROM webhook_deliveries WHERE seq IN (SELECT seq FROM webhook_deliveries
              WHERE status = 'delivered' AND delivered_at < ${before.getTime()}
              ORDER BY seq LIMIT ${limit}) RETURNING seq`,
      );
      return rows.length;
    },
    async releaseLeases() {
      const rows = await db
        .update(webhookDeliveries)
        .set({ status: 'pending', leaseUntil: null })
        .where(eq(webhookDeliveries.status, 'in_flight'))
        .returning({ seq: webhookDeliveries.seq });
      return rows.length;
    },
  };
}
