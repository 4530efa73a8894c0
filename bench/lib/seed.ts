/**
 * Grows a node's data directory for the growth section: more connected partners (rows as a
 * connect leaves them, at addresses that never answer, with nothing queued to them) and messages
 * already stored (received ones in the inbox, delivered ones in the outbox), spread over every
 * partner. Written through a second SQLite connection in one transaction, as another process
 * would; the node notices the commit (its partner cache checks `PRAGMA data_version`).
 *
 * Stored messages carry short placeholder texts (about 350 bytes a row instead of about 3 KB):
 * the lookups measured go through the indexes, whose size depends on the row count, not on the
 * bodies; full-size rows would only make the file ten times larger.
 */
import Database from 'better-sqlite3';

/** The kind of every seeded row, so that checks counting the bench's own messages skip them. */
export const SEED_KIND = 'bench.seed';

export interface SeedResult {
  partners: number;
  inbound: number;
  outbound: number;
}

/** Adds fake partners until the node has `partners`, and `stored` inbound and outbound rows. */
export function seedDatabase(file: string, partners: number, stored: number): SeedResult {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 10000');
    const now = Date.now();
    const run = db.transaction(() => {
      const have = (db.prepare('SELECT count(*) FROM partners').pluck().get() as number) ?? 0;
      const insertPartner = db.prepare(
        `INSERT INTO partners (node_id, name, partner_type, relationship, allowed_kinds, status,
           inbox_url, jwks_url, max_batch, max_body_bytes, keys, keys_fetched_at, connected_at,
           updated_at)
         VALUES (?, ?, 'reseller', 'strategic', '["partner.update"]', 'active', ?, ?, 100,
           1048576, '[]', ?, ?, ?)`,
      );
      for (let i = have; i < partners; i++) {
        const nodeId = `https://seed-partner-${i}.invalid`;
        insertPartner.run(
          nodeId,
          `Seed partner ${i}`,
          `${nodeId}/inbox`,
          `${nodeId}/.well-known/jwks.json`,
          now,
          now,
          now,
        );
      }
      if (stored === 0) return;
      db.exec(
        `CREATE TEMP TABLE seed_partners AS
           SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, node_id FROM partners`,
      );
      const n = db.prepare('SELECT count(*) FROM seed_partners').pluck().get() as number;
      const base = db.prepare('SELECT coalesce(max(seq), 0) FROM inbound_messages').pluck();
      const start = (base.get() as number) + 1;
      const jws = 'j'.repeat(200);
      const receipt = 'r'.repeat(100);
      const digest = 'd'.repeat(43);
      db.prepare(
        `WITH RECURSIVE c(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM c WHERE i < ?)
         INSERT INTO inbound_messages (from_node_id, message_id, partner_id, kind, jws, digest,
           sent_at, received_at, receipt)
         SELECT p.node_id, printf('seed-in-%012d', c.i), p.id, '${SEED_KIND}', ?, ?, ?, ?, ?
         FROM c JOIN seed_partners p ON p.k = c.i % ?`,
      ).run(start, start + stored - 1, jws, digest, now, now, receipt, n);
      const outStart =
        (db
          .prepare('SELECT coalesce(max(seq), 0) FROM outbound_messages')
          .pluck()
          .get() as number) + 1;
      db.prepare(
        `WITH RECURSIVE c(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM c WHERE i < ?)
         INSERT INTO outbound_messages (message_id, partner_id, to_node_id, kind, body, created_at,
           jws, digest, sent_at, status, attempts, next_attempt_at, horizon_from, result_status,
           receipt, delivered_at)
         SELECT printf('seed-out-%012d', c.i), p.id, p.node_id, '${SEED_KIND}', '{}', ?, ?, ?, ?,
           'delivered', 1, ?, ?, 'accepted', ?, ?
         FROM c JOIN seed_partners p ON p.k = c.i % ?`,
      ).run(outStart, outStart + stored - 1, now, jws, digest, now, now, now, receipt, now, n);
      db.exec('DROP TABLE seed_partners');
    });
    run.immediate();
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      partners: count('SELECT count(*) FROM partners'),
      inbound: count('SELECT count(*) FROM inbound_messages'),
      outbound: count('SELECT count(*) FROM outbound_messages'),
    };
  } finally {
    db.close();
  }
}
