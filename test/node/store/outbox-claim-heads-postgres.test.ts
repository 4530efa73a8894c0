/**
 * On PostgreSQL too, a claim round walks only the partners with queued messages, by the partial
 * index of queued messages, as the SQLite store's claim does (outbox-claim-heads.test.ts). It used
 * to read every partner row and search the outbox once for each.
 */
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_QUEUED_HEADS } from '../../../node/store/postgres/outbox-repo.ts';
import { openPostgresStore } from '../../../node/store/postgres/postgres-store.ts';
import type { Partner } from '../../../node/store/types.ts';
import { saveTestPartner } from '../../support/partner-row.ts';
import {
  createTestDatabase,
  dropTestDatabases,
  hasTestPostgres,
} from '../../support/test-database.ts';

afterAll(() => dropTestDatabases());

describe.runIf(hasTestPostgres())(
  'store › outbox claim on PostgreSQL: the partners with queued messages',
  () => {
    it('takes them in id order, each from its queue head, by the index of queued messages', async () => {
      const url = await createTestDatabase();
      const store = await openPostgresStore(url, { maxConnections: 2 });
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const partners: Partner[] = [];
        for (let i = 0; i < 300; i++) {
          partners.push(await saveTestPartner(store, `https://partner-${i}.example`));
        }
        const enqueue = (partner: Partner, ids: string[]) =>
          store.transact((tx) =>
            tx.outbox.enqueue(
              ids.map((messageId) => ({
                messageId,
                partnerId: partner.id,
                toNodeId: partner.nodeId,
                kind: 'partner.update',
                body: { name: messageId },
              })),
              new Date(0),
            ),
          );
        const claim = (maxPartners: number) =>
          store.transact((tx) =>
            tx.outbox.claimDue({
              now: new Date(1000),
              leaseUntil: new Date(60_000),
              maxPartners,
              probeBatch: 1,
            }),
          );
        const [p3, p17, p280] = [partners[3]!, partners[17]!, partners[280]!];
        // Enqueued out of partner order; a partner's own messages stay first in, first out.
        await enqueue(p280, ['c1', 'c2']);
        await enqueue(p3, ['a1']);
        await enqueue(p17, ['b1', 'b2', 'b3']);
        await enqueue(p3, ['a2']);
        // Many delivered messages beside the queued ones, as a node that has run a while has.
        await sql.unsafe(`INSERT INTO outbound_messages
          (message_id, partner_id, to_node_id, kind, body, created_at, status, attempts,
           next_attempt_at, horizon_from)
        SELECT 'old-' || g, ${p17.id}, '${p17.nodeId}', 'partner.update', '{}', 0, 'delivered', 1, 0, 0
        FROM generate_series(1, 20000) g`);
        await sql.unsafe('ANALYZE');

        const plan = JSON.stringify(await sql.unsafe(`EXPLAIN (FORMAT JSON) ${PG_QUEUED_HEADS}`));
        expect(plan).toContain('outbound_pending_partner_seq');
        expect(plan).not.toContain('Seq Scan');

        const first = await claim(2);
        expect(first.map((b) => [b.partner.id, b.messages.map((m) => m.messageId)])).toEqual([
          [p3.id, ['a1', 'a2']],
          [p17.id, ['b1', 'b2', 'b3']],
        ]);
        const second = await claim(10);
        expect(second.map((b) => [b.partner.id, b.messages.map((m) => m.messageId)])).toEqual([
          [p280.id, ['c1', 'c2']],
        ]);
        expect(await claim(10)).toEqual([]);
      } finally {
        await sql.end();
        await store.close();
      }
    }, 60_000);
  },
);
