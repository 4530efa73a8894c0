/**
 * A partner's stored bytes for its storage quota (node/inbox/partner-storage.ts), on a real SQLite
 * store: the first read counts what is stored, what this process stores is added, and with
 * several processes the bytes another writer stored show once REFRESH_MS has passed (exactly then,
 * not before) without counting this process's own twice; with one process the first read is the
 * only one. A failed read is tried again by the next call, concurrent calls share one read, and
 * known() gives each partner's total. Rows written straight through the store stand in for what
 * another process stores.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../node/clock.ts';
import { createPartnerLimits } from '../../../node/inbox/partner-limits.ts';
import { createPartnerStorage, REFRESH_MS } from '../../../node/inbox/partner-storage.ts';
import { createLogger } from '../../../node/logger.ts';
import type { Store } from '../../../node/store/store.ts';
import type { Partner } from '../../../node/store/types.ts';
import { saveTestPartner } from '../../support/partner-row.ts';
import { STORE_KINDS } from '../../support/store-factories.ts';

const sqlite = STORE_KINDS.find((k) => k.name === 'sqlite')!;
const T0 = new Date('2027-03-01T09:00:00Z');

let store: Store;
let dispose: () => Promise<void>;
let clock: ManualClock;
let p: Partner;
let q: Partner;
let serial = 0;

/**
 * The store as partner-storage sees it, counting its reads; `failNext` makes the next read
 * fail, and `hold` keeps the next read from starting until `release` is called.
 */
function watchedStore() {
  let fail = false;
  let held: Promise<void> | null = null;
  let release = () => {};
  const watched = {
    reads: 0,
    failNext() {
      fail = true;
    },
    hold() {
      held = new Promise<void>((resolve) => (release = resolve));
      return () => release();
    },
    async partnerStoredBytes(partnerId: number, afterSeq: number) {
      watched.reads += 1;
      if (held) {
        const wait = held;
        held = null;
        await wait;
      }
      if (fail) {
        fail = false;
        throw new Error('store unavailable');
      }
      return store.partnerStoredBytes(partnerId, afterSeq);
    },
  };
  return watched;
}

/** Stores a received message of `bytes` bytes for `partner`, as any process of the node would. */
function receive(partner: Partner, bytes: number): Promise<void> {
  serial += 1;
  return store.transact((tx) =>
    tx.inbox.insert({
      fromNodeId: partner.nodeId,
      messageId: `m-${serial}`,
      partnerId: partner.id,
      kind: 'partner.update',
      ref: null,
      jws: 'x'.repeat(bytes),
      digest: 'sha-256=x',
      sentAt: T0,
      receivedAt: T0,
      receipt: 'receipt',
    }),
  );
}

describe('inbox › partner-storage', () => {
  beforeEach(async () => {
    ({ store, dispose } = await sqlite.open());
    clock = new ManualClock(T0);
    p = await saveTestPartner(store, 'https://p.example');
    q = await saveTestPartner(store, 'https://q.example');
  });

  afterEach(() => dispose());

  it('counts what a partner stored before at its first read, in bytes', async () => {
    await receive(p, 300);
    await receive(p, 200);
    await receive(q, 7);
    const storage = createPartnerStorage({ store, clock, sharedByProcesses: false });
    expect(await storage.bytes(p.id)).toBe(500);
    expect(await storage.bytes(q.id)).toBe(7);
  });

  it('adds what this process stores, and counts nothing for a partner not read yet', async () => {
    await receive(p, 100);
    const storage = createPartnerStorage({ store, clock, sharedByProcesses: false });
    // stored() is called only after bytes(); before it, the message's own size is all it knows.
    expect(storage.stored(q.id, 40)).toBe(40);
    expect(storage.known().has(q.id)).toBe(false);
    expect(await storage.bytes(p.id)).toBe(100);
    await receive(p, 30);
    expect(storage.stored(p.id, 30)).toBe(130);
    await receive(p, 20);
    expect(storage.stored(p.id, 20)).toBe(150);
    expect(await storage.bytes(p.id)).toBe(150);
  });

  it('with one process, never reads again: what it stores itself is all that changes', async () => {
    const watched = watchedStore();
    await receive(p, 100);
    const storage = createPartnerStorage({ store: watched, clock, sharedByProcesses: false });
    expect(await storage.bytes(p.id)).toBe(100);
    await receive(p, 50); // nothing else writes on SQLite; were it to, this read would not see it
    clock.advance(REFRESH_MS * 3600);
    expect(await storage.bytes(p.id)).toBe(100);
    storage.stored(p.id, 10);
    clock.advance(REFRESH_MS);
    expect(await storage.bytes(p.id)).toBe(110);
    expect(watched.reads).toBe(1);
  });

  it('with several processes, sees what another stored once REFRESH_MS has passed, not before', async () => {
    const watched = watchedStore();
    await receive(p, 100);
    const storage = createPartnerStorage({ store: watched, clock, sharedByProcesses: true });
    expect(await storage.bytes(p.id)).toBe(100);
    await receive(p, 50); // another process
    clock.advance(REFRESH_MS - 1);
    expect(await storage.bytes(p.id)).toBe(100);
    expect(watched.reads).toBe(1);
    clock.advance(1);
    expect(await storage.bytes(p.id)).toBe(150);
    expect(watched.reads).toBe(2);
    // The next read is a full REFRESH_MS after that one began.
    await receive(p, 25);
    clock.advance(REFRESH_MS - 1);
    expect(await storage.bytes(p.id)).toBe(150);
    clock.advance(1);
    expect(await storage.bytes(p.id)).toBe(175);
    expect(watched.reads).toBe(3);
  });

  it('reads only what was stored since, and does not count its own stored bytes twice', async () => {
    const storage = createPartnerStorage({ store, clock, sharedByProcesses: true });
    await receive(p, 100);
    expect(await storage.bytes(p.id)).toBe(100);
    // This process stores 40, another 60: the next read sees both rows, own is counted once.
    await receive(p, 40);
    expect(storage.stored(p.id, 40)).toBe(140);
    await receive(p, 60);
    clock.advance(REFRESH_MS);
    expect(await storage.bytes(p.id)).toBe(200);
    // And again: rows counted by the read before are not read again.
    await receive(p, 5);
    expect(storage.stored(p.id, 5)).toBe(205);
    clock.advance(REFRESH_MS);
    expect(await storage.bytes(p.id)).toBe(205);
    clock.advance(REFRESH_MS);
    expect(await storage.bytes(p.id)).toBe(205);
  });

  it('counts what it stores during a read early (twice) until the next read, never late', async () => {
    const watched = watchedStore();
    const storage = createPartnerStorage({ store: watched, clock, sharedByProcesses: true });
    await receive(p, 100);
    expect(await storage.bytes(p.id)).toBe(100);
    clock.advance(REFRESH_MS);
    const release = watched.hold();
    const reading = storage.bytes(p.id);
    // Stored while the read is under way; the read then counts it too.
    await receive(p, 30);
    expect(storage.stored(p.id, 30)).toBe(130);
    release();
    expect(await reading).toBe(160);
    clock.advance(REFRESH_MS);
    expect(await storage.bytes(p.id)).toBe(130);
  });

  it('tries a failed read again at the next call, even with one process', async () => {
    const watched = watchedStore();
    await receive(p, 100);
    const storage = createPartnerStorage({ store: watched, clock, sharedByProcesses: false });
    watched.failNext();
    await expect(storage.bytes(p.id)).rejects.toThrow('store unavailable');
    expect(await storage.bytes(p.id)).toBe(100);
    expect(watched.reads).toBe(2);
    expect(await storage.bytes(p.id)).toBe(100);
    expect(watched.reads).toBe(2);
  });

  it('tries a failed refresh again at the next call, not REFRESH_MS later', async () => {
    const watched = watchedStore();
    await receive(p, 100);
    const storage = createPartnerStorage({ store: watched, clock, sharedByProcesses: true });
    expect(await storage.bytes(p.id)).toBe(100);
    await receive(p, 50);
    clock.advance(REFRESH_MS);
    watched.failNext();
    await expect(storage.bytes(p.id)).rejects.toThrow('store unavailable');
    expect(await storage.bytes(p.id)).toBe(150);
    expect(watched.reads).toBe(3);
  });

  it('shares one read among the calls made while it runs', async () => {
    const watched = watchedStore();
    await receive(p, 100);
    const storage = createPartnerStorage({ store: watched, clock, sharedByProcesses: true });
    expect(await Promise.all([storage.bytes(p.id), storage.bytes(p.id)])).toEqual([100, 100]);
    expect(watched.reads).toBe(1);
    await receive(p, 20);
    clock.advance(REFRESH_MS);
    expect(await Promise.all([storage.bytes(p.id), storage.bytes(p.id)])).toEqual([120, 120]);
    expect(watched.reads).toBe(2);
  });

  it('shares a failing read too: each caller sees the failure, the next call reads again', async () => {
    const watched = watchedStore();
    await receive(p, 100);
    const storage = createPartnerStorage({ store: watched, clock, sharedByProcesses: false });
    watched.failNext();
    const results = await Promise.allSettled([storage.bytes(p.id), storage.bytes(p.id)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(watched.reads).toBe(1);
    expect(await storage.bytes(p.id)).toBe(100);
  });

  it('reports each partner seen with its total', async () => {
    await receive(p, 100);
    await receive(q, 10);
    const storage = createPartnerStorage({ store, clock, sharedByProcesses: false });
    expect(storage.known()).toEqual(new Map());
    await storage.bytes(p.id);
    await storage.bytes(q.id);
    storage.stored(p.id, 25);
    expect(storage.known()).toEqual(
      new Map([
        [p.id, 125],
        [q.id, 10],
      ]),
    );
  });

  it('is read once per partner by the limits of a one-process (SQLite) node', async () => {
    const limits = createPartnerLimits({
      config: { partnerMessageRateLimit: 1000, partnerStorageQuotaMib: 1 },
      store,
      clock,
      log: createLogger('silent'),
    });
    await limits.admit([p]);
    // Nothing but this process writes a SQLite node: a row behind its back is never read.
    await receive(p, 1024 * 1024);
    clock.advance(REFRESH_MS * 60);
    await limits.admit([p]);
    expect(limits.usage().get(p.id)?.storedBytes).toBe(0);
  });
});
