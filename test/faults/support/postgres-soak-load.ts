/**
 * Load for the PostgreSQL soak: outbox rows written straight into a sender's database, as
 * soak-load.ts does for a SQLite file, and for the same reason (the admin API of a node on a
 * shared 2-core machine queues a few hundred messages a second). Each batch is one transaction
 * under the store's write lock, as the node's own units are, so sequence numbers are committed in
 * the order they were taken; the processes are then told, as a node's own enqueue tells them.
 */
import postgres from 'postgres';
import { newMessageId } from '../../../protocol/index.ts';
import { OUTBOX_CHANNEL, WRITE_LOCK } from '../../../node/store/postgres/postgres-store.ts';
import { nextSoakMessage, soakStream, type SoakStream } from './soak-messages.ts';

export interface PostgresSoakLoad {
  /** Queues `count` messages (partner.update, service.request, service.update) in one go. */
  enqueue(count: number): Promise<number>;
  close(): Promise<void>;
}

export async function createPostgresSoakLoad(
  sender: { name: string; databaseUrl: string },
  receivers: Array<{ name: string; url: string }>,
): Promise<PostgresSoakLoad> {
  const sql = postgres(sender.databaseUrl, { max: 1, onnotice: () => {} });
  const streams: SoakStream[] = [];
  for (const r of receivers) {
    const [row] = await sql<{ id: string }[]>`SELECT id FROM partners WHERE node_id = ${r.url}`;
    if (!row) throw new Error(`${sender.name} is not connected to ${r.name}`);
    streams.push(soakStream(Number(row.id), r.url));
  }
  return {
    async enqueue(count) {
      const now = Date.now();
      const rows = Array.from({ length: count }, (_, k) => {
        const stream = streams[k % streams.length]!;
        const { kind, body } = nextSoakMessage(sender.name, stream);
        return {
          message_id: newMessageId(),
          partner_id: stream.partnerId,
          to_node_id: stream.toNodeId,
          kind,
          body: JSON.stringify(body),
          created_at: now,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          horizon_from: now,
        };
      });
      await sql.begin(async (tx) => {
        await tx`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`;
        await tx`INSERT INTO outbound_messages ${tx(rows)}`;
      });
      await sql.notify(OUTBOX_CHANNEL, 'soak');
      return count;
    },
    close: () => sql.end(),
  };
}
