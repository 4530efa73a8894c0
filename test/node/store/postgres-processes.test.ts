/**
 * Several processes of one node on one PostgreSQL database, seen from the store: a timed job runs
 * in one process at a time, a starting process releases no lease while another is alive, and the
 * rows a process leased are claimable by another as soon as it is gone, not when the lease ends.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../node/store/postgres/postgres-store.ts';
import type { Store } from '../../../node/store/store.ts';
import { saveTestPartner } from '../../support/partner-row.ts';
import {
  createTestDatabase,
  dropTestDatabases,
  hasTestPostgres,
} from '../../support/test-database.ts';

afterAll(dropTestDatabases);

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** Two processes' stores on one new database. */
async function twoProcesses(): Promise<[Store, Store]> {
  const url = await createTestDatabase();
  const a = await openPostgresStore(url, { maxConnections: 2 });
  const b = await openPostgresStore(url, { maxConnections: 2 });
  opened.push(a, b);
  return [a, b];
}

const NOW = new Date('2026-12-07T12:00:00Z');
const AN_HOUR_ON = new Date(NOW.getTime() + 3600_000);

async function enqueueOne(store: Store): Promise<void> {
  const partner = await saveTestPartner(store, 'https://p.example');
  await store.transact((tx) =>
    tx.outbox.enqueue(
      [
        {
          messageId: 'm-1',
          partnerId: partner.id,
          toNodeId: partner.nodeId,
          kind: 'partner.update',
          body: {},
        },
      ],
      NOW,
    ),
  );
}

function claim(store: Store) {
  return store.transact((tx) =>
    tx.outbox.claimDue({ now: NOW, leaseUntil: AN_HOUR_ON, maxPartners: 10, probeBatch: 1 }),
  );
}

describe.runIf(hasTestPostgres())('store › PostgreSQL › several processes', () => {
  it('runs a named task in one process at a time', async () => {
    const [a, b] = await twoProcesses();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = a.exclusive('job:sweep', async () => {
      await held;
      return 'a';
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(await b.exclusive('job:sweep', async () => 'b')).toBeNull();
    expect(await b.exclusive('job:other', async () => 'b')).toBe('b');
    release();
    expect(await first).toBe('a');
    expect(await b.exclusive('job:sweep', async () => 'b')).toBe('b');
  });

  it('releases leases at start only when no other process is alive', async () => {
    const [a, b] = await twoProcesses();
    await enqueueOne(a);
    expect(await claim(a)).toHaveLength(1);
    expect(await b.transact((tx) => tx.outbox.releaseLeases())).toBe(0);
    await a.close();
    expect(await b.transact((tx) => tx.outbox.releaseLeases())).toBe(1);
  });

  it('wakes the outbox of the other processes when one queues messages', async () => {
    const [a, b] = await twoProcesses();
    let wokenA = 0;
    let wokenB = 0;
    a.onOutboxWork(() => wokenA++);
    b.onOutboxWork(() => wokenB++);
    // LISTEN is set up in the background.
    await new Promise((r) => setTimeout(r, 300));
    await enqueueOne(a);
    const deadline = Date.now() + 5_000;
    while (wokenB === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(wokenB).toBe(1);
    // Its own enqueue wakes a process directly, not through the database.
    expect(wokenA).toBe(0);
  });

  it('gives the rows of a process that is gone to another before their lease ends', async () => {
    const [a, b] = await twoProcesses();
    await enqueueOne(a);
    expect(await claim(a)).toHaveLength(1);
    // Leased for an hour by a live process: not claimable.
    expect(await claim(b)).toHaveLength(0);
    await a.close();
    const [batch] = await claim(b);
    expect(batch?.messages.map((m) => m.messageId)).toEqual(['m-1']);
  });
});
