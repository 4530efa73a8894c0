/** Webhook endpoints and their FIFO delivery queues in SQLite (see node/store/webhook-store.ts). */
import type Database from 'better-sqlite3';
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../../db/schema/events.ts';
import type { WebhookRepo } from '../webhook-store.ts';
import { deliveryFromRow, endpointFromRow, secretsFromRow } from '../rows/webhook-row-mapping.ts';

const ENDPOINT_COLUMNS = `id, url, events, description, secret, previous_secret AS previousSecret,
  previous_secret_until AS previousSecretUntil, status, disabled_reason AS disabledReason,
  disabled_at AS disabledAt, cursor, created_at AS createdAt, updated_at AS updatedAt`;

const DELIVERY_COLUMNS = `seq, webhook_id AS webhookId, message_id AS messageId,
  event_seq AS eventSeq, type, payload, status, attempts, next_attempt_at AS nextAttemptAt,
  horizon_from AS horizonFrom, lease_until AS leaseUntil, last_status AS lastStatus,
  last_error AS lastError, created_at AS createdAt, delivered_at AS deliveredAt, dead_at AS deadAt`;

export function createWebhookRepo(sqlite: Database.Database): WebhookRepo {
  const getRow = sqlite.prepare(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = ?`);
  const insertDelivery = sqlite.prepare(
    `INSERT INTO webhook_deliveries (webhook_id, message_id, event_seq, type, payload, status,
       attempts, next_attempt_at, horizon_from, created_at)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
  );
  const queueHead = sqlite.prepare(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
     WHERE webhook_id = ? AND status IN ('pending', 'in_flight') ORDER BY seq LIMIT ?`,
  );
  const lease = sqlite.prepare(
    `UPDATE webhook_deliveries SET status = 'in_flight', lease_until = ? WHERE seq = ?`,
  );
  const delivered = sqlite.prepare(
    `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, lease_until = NULL,
       last_status = ?, last_error = NULL, delivered_at = ? WHERE seq = ?`,
  );
  const rescheduleOne = sqlite.prepare(
    `UPDATE webhook_deliveries SET status = 'pending', lease_until = NULL, next_attempt_at = ?,
       attempts = attempts + ?, last_status = coalesce(?, last_status),
       last_error = coalesce(?, last_error) WHERE seq = ? AND status = 'in_flight'`,
  );

  const prune = sqlite.prepare(
    `DELETE FROM webhook_deliveries WHERE seq IN (SELECT seq FROM webhook_deliveries
       WHERE status = 'delivered' AND delivered_at < ? ORDER BY seq LIMIT ?)`,
  );

  const get = (id: string): WebhookEndpointRow | undefined =>
    getRow.get(id) as WebhookEndpointRow | undefined;

  return {
    async create(input) {
      const at = input.at.getTime();
      sqlite
        .prepare(
          `INSERT INTO webhook_endpoints (id, url, events, description, secret, status, cursor,
             created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)`,
        )
        .run(
          input.id,
          input.url,
          JSON.stringify(input.events),
          input.description,
          input.secret,
          input.cursor,
          at,
          at,
        );
      return endpointFromRow(get(input.id)!);
    },
    async get(id) {
      const row = get(id);
      return row ? endpointFromRow(row) : null;
    },
    async secrets(id) {
      const row = get(id);
      return row ? secretsFromRow(row) : null;
    },
    async list() {
      const rows = sqlite
        .prepare(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`)
        .all() as WebhookEndpointRow[];
      return rows.map(endpointFromRow);
    },
    async update(id, changes, at) {
      const row = get(id);
      if (!row) return null;
      const set: string[] = ['updated_at = @at'];
      const params: Record<string, unknown> = { id, at: at.getTime() };
      if (changes.url !== undefined) (set.push('url = @url'), (params.url = changes.url));
      if (changes.events !== undefined) {
        set.push('events = @events');
        params.events = JSON.stringify(changes.events);
      }
      if (changes.description !== undefined) {
        set.push('description = @description');
        params.description = changes.description;
      }
      if (changes.cursor !== undefined)
        (set.push('cursor = @cursor'), (params.cursor = changes.cursor));
      if (changes.status !== undefined) {
        set.push('status = @status', 'disabled_reason = @reason', 'disabled_at = @disabledAt');
        params.status = changes.status;
        params.reason =
          changes.status === 'disabled' ? (changes.disabledReason ?? 'disabled') : null;
        params.disabledAt = changes.status === 'disabled' ? at.getTime() : null;
      }
      sqlite.prepare(`UPDATE webhook_endpoints SET ${set.join(', ')} WHERE id = @id`).run(params);
      return endpointFromRow(get(id)!);
    },
    async rotateSecret(id, secret, previousUntil, at) {
      const info = sqlite
        .prepare(
          `UPDATE webhook_endpoints SET previous_secret = secret, secret = ?,
             previous_secret_until = ?, updated_at = ? WHERE id = ?`,
        )
        .run(secret, previousUntil.getTime(), at.getTime(), id);
      return info.changes > 0;
    },
    async delete(id) {
      sqlite.prepare('DELETE FROM webhook_deliveries WHERE webhook_id = ?').run(id);
      return sqlite.prepare('DELETE FROM webhook_endpoints WHERE id = ?').run(id).changes > 0;
    },
    async enqueue(rows, at) {
      const ms = at.getTime();
      for (const r of rows) {
        insertDelivery.run(r.webhookId, r.messageId, r.eventSeq, r.type, r.payload, ms, ms, ms);
      }
    },
    async claimDue({ now, leaseUntil, batch, skip }) {
      const endpoints = sqlite
        .prepare(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE status = 'active'`)
        .all() as WebhookEndpointRow[];
      const claimed = [];
      for (const endpoint of endpoints) {
        if (skip.includes(endpoint.id)) continue;
        const rows = queueHead.all(endpoint.id, batch) as Array<
          WebhookDeliveryRow & { leaseUntil: number | null }
        >;
        const take: WebhookDeliveryRow[] = [];
        for (const row of rows) {
          // A live lease on the head means this endpoint is being delivered to: wait.
          if (row.status === 'in_flight' && (row.leaseUntil ?? 0) > now.getTime()) break;
          if (row.nextAttemptAt > now.getTime()) break;
          take.push(row);
        }
        if (take.length === 0) continue;
        for (const row of take) lease.run(leaseUntil.getTime(), row.seq);
        claimed.push({
          endpoint: endpointFromRow(endpoint),
          secrets: secretsFromRow(endpoint),
          deliveries: take.map((row) => deliveryFromRow({ ...row, status: 'in_flight' })),
        });
      }
      return claimed;
    },
    async markDelivered(seq, { status, at }) {
      delivered.run(status, at.getTime(), seq);
    },
    async reschedule(seqs, input) {
      for (const seq of seqs) {
        rescheduleOne.run(
          input.nextAttemptAt.getTime(),
          input.countAttempt ? 1 : 0,
          input.status,
          input.error,
          seq,
        );
      }
    },
    async markDead(seq, { status, error, at }) {
      sqlite
        .prepare(
          `UPDATE webhook_deliveries SET status = 'dead', attempts = attempts + 1, lease_until = NULL,
             last_status = ?, last_error = ?, dead_at = ? WHERE seq = ?`,
        )
        .run(status, error, at.getTime(), seq);
    },
    async retryDead(webhookId, at) {
      return sqlite
        .prepare(
          `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, horizon_from = ?,
             dead_at = NULL WHERE webhook_id = ? AND status = 'dead'`,
        )
        .run(at.getTime(), at.getTime(), webhookId).changes;
    },
    async listDeliveries(webhookId, filter) {
      const where = ['webhook_id = @webhookId'];
      if (filter.status) where.push('status = @status');
      if (filter.before !== undefined) where.push('seq < @before');
      const rows = sqlite
        .prepare(
          `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE ${where.join(' AND ')}
           ORDER BY seq DESC LIMIT @limit`,
        )
        .all({
          webhookId,
          limit: filter.limit,
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.before !== undefined ? { before: filter.before } : {}),
        }) as WebhookDeliveryRow[];
      return rows.map(deliveryFromRow);
    },
    async pruneDelivered(before, limit) {
      return prune.run(before.getTime(), limit).changes;
    },
    async releaseLeases() {
      return sqlite
        .prepare(
          `UPDATE webhook_deliveries SET status = 'pending', lease_until = NULL
           WHERE status = 'in_flight'`,
        )
        .run().changes;
    },
  };
}
