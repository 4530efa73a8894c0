/**
 * A PostgreSQL node's rows for the end-of-soak check (consistency.ts): the same columns the
 * SQLite readers of crash-pair.ts select, with PostgreSQL's 64-bit integers read as numbers.
 */
import postgres from 'postgres';
import type { InRow, OutRow } from './crash-pair.ts';
import type { NodeSnapshot } from './consistency.ts';

export async function postgresSnapshot(node: {
  name: string;
  url: string;
  databaseUrl: string;
}): Promise<NodeSnapshot> {
  const sql = postgres(node.databaseUrl, {
    max: 1,
    onnotice: () => {},
    types: { bigint: postgres.BigInt },
  });
  const num = (v: unknown) => (v === null ? null : Number(v));
  try {
    const outbox = (
      await sql`SELECT seq, message_id, kind, to_node_id, status, digest, result_status, receipt,
                       attempts, lease_until, delivered_at
                  FROM outbound_messages ORDER BY seq`
    ).map((r): OutRow => ({
      seq: Number(r.seq),
      messageId: r.message_id,
      kind: r.kind,
      toNodeId: r.to_node_id,
      status: r.status,
      digest: r.digest,
      resultStatus: r.result_status,
      receipt: r.receipt,
      attempts: Number(r.attempts),
      leaseUntil: num(r.lease_until),
      deliveredAt: num(r.delivered_at),
    }));
    const inbox = (
      await sql`SELECT seq, message_id, from_node_id, kind, digest
                  FROM inbound_messages ORDER BY seq`
    ).map((r): InRow => ({
      seq: Number(r.seq),
      messageId: r.message_id,
      fromNodeId: r.from_node_id,
      kind: r.kind,
      digest: r.digest,
    }));
    const effects = await sql`SELECT message_id, count(*)::int AS n FROM service_events
                               WHERE message_id IS NOT NULL AND side = 'partner'
                               GROUP BY message_id`;
    return {
      name: node.name,
      url: node.url,
      outbox,
      inbox,
      effects: new Map(effects.map((r) => [r.message_id as string, r.n as number])),
    };
  } finally {
    await sql.end();
  }
}
