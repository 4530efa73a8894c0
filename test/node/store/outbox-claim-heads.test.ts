/**
 * A claim round walks only the partners with queued messages. It used to search the outbox once
 * for every partner the node has: with 1,000 partners, a few milliseconds of CPU per round, and a
 * round follows every enqueue and every answer.
 */
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLAIM_SQL } from '../../../node/store/sqlite/outbox-repo.ts';
import { createSqliteStore } from '../../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../node/store/store.ts';
import type { Partner } from '../../../node/store/types.ts';
import { saveTestPartner } from '../../support/partner-row.ts';

let dir: string | undefined;
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function storeWithPartners(count: number): Promise<{ file: string; partners: Partner[] }> {
  dir = await mkdtemp(join(tmpdir(), 'claim-heads-'));
  const file = join(dir, 'db.sqlite');
  store = createSqliteStore(file);
  const partners: Partner[] = [];
  for (let i = 0; i < count; i++) {
    partners.push(await saveTestPartner(store, `https://partner-${i}.example`));
  }
  return { file, partners };
}

function enqueue(partner: Partner, ids: string[], at: number) {
  return store!.transact((tx) =>
    tx.outbox.enqueue(
      ids.map((messageId) => ({
        messageId,
        partnerId: partner.id,
        toNodeId: partner.nodeId,
        kind: 'partner.update',
        body: { name: messageId },
      })),
      new Date(at),
    ),
  );
}

function claim(maxPartners: number) {
  return store!.transact((tx) =>
    tx.outbox.claimDue({
      now: new Date(1000),
      leaseUntil: new Date(60_000),
      maxPartners,
      probeBatch: 1,
    }),
  );
}

describe('store › outbox claim: the partners with queued messages', () => {
  it('searches the index of queued messages and reads no table whole, however many partners', async () => {
    const { file } = await storeWithPartners(3);
    const sqlite = new Database(file, { readonly: true });
    try {
      const plan = (
        sqlite.prepare(`EXPLAIN QUERY PLAN ${CLAIM_SQL.heads}`).all() as Array<{ detail: string }>
      ).map((p) => p.detail);
      // The only scan is of the statement's own walk (the common table expression `queued`);
      // before, `SCAN p`: every partner row, and an outbox search for each.
      expect(plan.filter((d) => d.startsWith('SCAN '))).toEqual(
        expect.arrayContaining(['SCAN queued']),
      );
      expect(plan.filter((d) => d.startsWith('SCAN ') && d !== 'SCAN queued')).toEqual([]);
      const searches = plan.filter((d) => d.startsWith('SEARCH '));
      expect(searches.length).toBeGreaterThan(0);
      for (const s of searches) expect(s).toContain('outbound_pending_partner_seq');
    } finally {
      sqlite.close();
    }
  });

  it('takes the partners with queued messages in id order, each from its queue head, and no other', async () => {
    const { partners } = await storeWithPartners(40);
    const [p3, p17, p38] = [partners[3]!, partners[17]!, partners[38]!];
    // Enqueued out of partner order; a partner's own messages stay first in, first out.
    await enqueue(p38, ['c1', 'c2'], 0);
    await enqueue(p3, ['a1'], 0);
    await enqueue(p17, ['b1', 'b2', 'b3'], 0);
    await enqueue(p3, ['a2'], 0);

    const first = await claim(2);
    expect(first.map((b) => [b.partner.id, b.messages.map((m) => m.messageId)])).toEqual([
      [p3.id, ['a1', 'a2']],
      [p17.id, ['b1', 'b2', 'b3']],
    ]);
    // Those two are in flight now: the next round takes the partner left, then nothing.
    const second = await claim(10);
    expect(second.map((b) => [b.partner.id, b.messages.map((m) => m.messageId)])).toEqual([
      [p38.id, ['c1', 'c2']],
    ]);
    expect(await claim(10)).toEqual([]);
  });
});
