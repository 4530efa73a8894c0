/**
 * Message listings read only the columns a listing shows (issue 14, finding 11): listing 500
 * received messages must not read 500 stored JWS strings. The SQL the repos issue is captured
 * through drizzle's logger on a second connection to the same real SQLite file.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInboxRepo } from '../../../node/store/sqlite/inbox-repo.ts';
import { createOutboxRepo } from '../../../node/store/sqlite/outbox-repo.ts';
import { createSqliteStore } from '../../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../node/store/store.ts';
import { saveTestPartner } from '../../support/partner-row.ts';

const BIG_JWS = 'x'.repeat(64 * 1024);

let dir: string;
let store: Store;
let sqlite: Database.Database;
let queries: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'message-listing-'));
  const file = join(dir, 'db.sqlite');
  store = createSqliteStore(file);
  const partner = await saveTestPartner(store, 'https://partner.example');
  await store.transact(async (tx) => {
    for (let i = 0; i < 3; i++) {
      await tx.inbox.insert({
        fromNodeId: partner.nodeId,
        messageId: `in-${i}`,
        partnerId: partner.id,
        kind: 'partner.update',
        ref: null,
        jws: BIG_JWS,
        digest: `sha-256=${i}`,
        sentAt: new Date(i * 1000),
        receivedAt: new Date(i * 1000),
        receipt: `receipt-${i}`,
      });
    }
    await tx.outbox.enqueue(
      [0, 1].map((i) => ({
        messageId: `out-${i}`,
        partnerId: partner.id,
        toNodeId: partner.nodeId,
        kind: 'partner.update',
        body: { name: BIG_JWS },
      })),
      new Date(0),
    );
  });
  sqlite = new Database(file);
  queries = [];
});

afterEach(async () => {
  sqlite.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function loggedDb() {
  return drizzle(sqlite, { logger: { logQuery: (query) => queries.push(query) } });
}

describe('inbox-repo › list', () => {
  it('selects neither the stored JWS nor the receipt, and still lists every message', async () => {
    const inbox = createInboxRepo(loggedDb(), sqlite);
    const rows = await inbox.list({}, { limit: 500 });
    expect(rows.map((r) => r.messageId)).toEqual(['in-2', 'in-1', 'in-0']);
    expect(rows[0]).toMatchObject({ kind: 'partner.update', digest: 'sha-256=2' });
    expect(rows[0]!.receivedAt).toEqual(new Date(2000));
    expect(rows[0]).not.toHaveProperty('jws');
    expect(rows[0]).not.toHaveProperty('receipt');
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/^select /);
    expect(queries[0]).not.toMatch(/"jws"|"receipt"/);
  });

  it('reads the JWS and receipt only when an export asks for them', async () => {
    const inbox = createInboxRepo(loggedDb(), sqlite);
    const [row] = await inbox.listStored({}, { limit: 1 });
    expect(row).toMatchObject({ messageId: 'in-2', jws: BIG_JWS, receipt: 'receipt-2' });
    expect(queries[0]).toMatch(/"jws"/);
  });
});

describe('outbox-repo › list', () => {
  it('selects neither the body, the JWS nor the receipt, and still lists every message', async () => {
    const outbox = createOutboxRepo(loggedDb(), sqlite);
    queries = [];
    const rows = await outbox.list({ status: 'pending' }, { limit: 500 });
    expect(rows.map((r) => [r.messageId, r.status])).toEqual([
      ['out-0', 'pending'],
      ['out-1', 'pending'],
    ]);
    expect(rows[0]!.createdAt).toEqual(new Date(0));
    for (const key of ['body', 'jws', 'receipt']) expect(rows[0]).not.toHaveProperty(key);
    expect(queries).toHaveLength(1);
    expect(queries[0]).not.toMatch(/"body"|"jws"|"receipt"/);
  });

  it('reads the body only when an export or a --json view asks for it', async () => {
    const outbox = createOutboxRepo(loggedDb(), sqlite);
    const [row] = await outbox.listStored({}, { limit: 1 });
    expect(row).toMatchObject({ messageId: 'out-0', body: { name: BIG_JWS } });
  });
});
