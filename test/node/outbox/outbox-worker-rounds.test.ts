/**
 * The outbox worker's scheduling, on a real SQLite store, with a transport of the test's own that
 * holds each delivery until the test lets it finish: at most `concurrency` partners at once, a
 * slot freed by a delivery that failed, leases that bring back a hung batch only once they ran
 * out, a wake-up during a round not lost, a poll without one, and a stop that waits for what is in
 * flight. The HTTP transport itself is tested against a scripted partner (deliver-batch.test.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair, newMessageId } from '../../../protocol/index.ts';
import { ManualClock } from '../../../node/clock.ts';
import { createLogger } from '../../../node/logger.ts';
import {
  createOutboxWorker,
  type OutboxWorker,
  type OutboxWorkerOptions,
} from '../../../node/outbox/outbox-worker.ts';
import type { DeliveryProgress, OutboxTransport } from '../../../node/outbox/transport.ts';
import { createSqliteStore } from '../../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../node/store/store.ts';
import type { ClaimedBatch, OutboundMessage, Partner } from '../../../node/store/types.ts';
import { eventually } from '../../support/test-node.ts';
import { jsonLineSink } from '../../support/json-line-sink.ts';

const LEASE_MS = 60_000;

/** One delivery the held transport was given, finished (settled delivered) by the test. */
interface Held {
  partner: string;
  ids: string[];
  progress: DeliveryProgress | undefined;
  finish(): Promise<void>;
  fail(error: Error): void;
}

describe('outbox › worker rounds', () => {
  let dir: string;
  let store: Store;
  let clock: ManualClock;
  let logLines: Array<Record<string, unknown>>;
  let held: Held[];
  let worker: OutboxWorker | null;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-rounds-'));
    store = createSqliteStore(join(dir, 'db.sqlite'));
    clock = new ManualClock();
    logLines = [];
    held = [];
    worker = null;
  });

  afterEach(async () => {
    // Whatever is still held (or claimed meanwhile) is let go, so that the stop can finish.
    const letGo = setInterval(() => {
      for (const h of held.splice(0)) void h.finish().catch(() => {});
    }, 10);
    await worker?.stop();
    clearInterval(letGo);
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Delivers nothing until the test calls `finish()` (settles the rows delivered) or `fail()`. */
  const heldTransport: OutboxTransport = {
    name: 'held',
    handles: () => true,
    deliver(batch: ClaimedBatch, progress?: DeliveryProgress) {
      return new Promise((resolve, reject) => {
        held.push({
          partner: batch.partner.nodeId,
          ids: batch.messages.map((m) => m.messageId),
          progress,
          fail: reject,
          async finish() {
            await store.transact(async (tx) => {
              for (const m of batch.messages) {
                await tx.outbox.markDelivered(m.seq, {
                  resultStatus: 'accepted',
                  receipt: 'receipt',
                  at: clock.now(),
                });
              }
            });
            resolve({ delivered: batch.messages.length, dead: 0, retried: 0 });
          },
        });
      });
    },
  };

  function startWorker(options: Partial<OutboxWorkerOptions> = {}, s: Store = store) {
    const sink = jsonLineSink(logLines);
    worker = createOutboxWorker(
      { store: s, clock, log: createLogger('info', sink), transports: [heldTransport] },
      { concurrency: 2, leaseMs: LEASE_MS, pollMs: 60_000, probeBatch: 1, ...options },
    );
    return worker;
  }

  async function addPartner(name: string, maxBatch = 100): Promise<Partner> {
    const { publicJwk } = await generateKeyPair();
    const nodeId = `https://${name}.example`;
    return store.transact((tx) =>
      tx.partners.saveConnected({
        endpoint: {
          nodeId,
          inboxUrl: `${nodeId}/inbox`,
          jwksUrl: `${nodeId}/.well-known/jwks.json`,
          maxBatch,
          maxBodyBytes: 1 << 20,
          keys: [publicJwk],
        },
        profile: { name, partnerType: 'reseller', relationship: 'strategic', allowedKinds: [] },
        invitationId: null,
        at: clock.now(),
      }),
    );
  }

  function enqueue(partner: Partner, count = 1): Promise<OutboundMessage[]> {
    return store.transact((tx) =>
      tx.outbox.enqueue(
        Array.from({ length: count }, () => ({
          messageId: newMessageId(),
          partnerId: partner.id,
          toNodeId: partner.nodeId,
          kind: 'partner.update' as const,
          body: { name: partner.name },
          ref: null,
        })),
        clock.now(),
      ),
    );
  }

  const row = (id: string) => store.read((tx) => tx.outbox.get(id));
  const heldCount = (n: number) => eventually(async () => (held.length >= n ? held : null), 5_000);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('delivers to at most `concurrency` partners at once, and to the next when one finishes', async () => {
    const [a, b, c] = [await addPartner('a'), await addPartner('b'), await addPartner('c')];
    const rows = [...(await enqueue(a)), ...(await enqueue(b)), ...(await enqueue(c))];
    startWorker({ concurrency: 2 }).start();
    await heldCount(2);
    // Woken again while both slots are busy: the third partner waits.
    worker!.notify();
    await pause(200);
    expect(held).toHaveLength(2);
    await held[0]!.finish();
    const all = await heldCount(3);
    expect(new Set(all.map((h) => h.partner))).toEqual(new Set([a, b, c].map((p) => p.nodeId)));
    await all[1]!.finish();
    await all[2]!.finish();
    for (const r of rows) {
      await eventually(async () => (await row(r.messageId))?.status === 'delivered');
    }
  });

  it('takes one batch per partner, in order, its next only when the first was answered', async () => {
    const a = await addPartner('a', 2);
    const rows = await enqueue(a, 4);
    startWorker().start();
    const [first] = await heldCount(1);
    expect(first!.ids).toEqual(rows.slice(0, 2).map((r) => r.messageId));
    worker!.notify();
    await pause(200);
    expect(held).toHaveLength(1);
    // Answered, not yet settled: the partner's next batch may leave.
    first!.progress!.answered();
    const [, second] = await heldCount(2);
    expect(second!.ids).toEqual(rows.slice(2, 4).map((r) => r.messageId));
    await first!.finish();
    await second!.finish();
  });

  it('does not claim a partner’s next batch while an unanswered one is in flight', async () => {
    const a = await addPartner('a', 1);
    await enqueue(a, 3);
    startWorker({ concurrency: 8 }).start();
    const [first] = await heldCount(1);
    first!.progress!.answered();
    const [, second] = await heldCount(2);
    // The second is in flight unanswered; the first is still settling.
    worker!.notify();
    await pause(200);
    expect(held).toHaveLength(2);
    second!.progress!.answered();
    await heldCount(3);
  });

  it('logs a delivery that failed, frees its slot, and the lease brings the batch back once it runs out', async () => {
    const [a, b] = [await addPartner('a'), await addPartner('b')];
    const [stuck] = await enqueue(a);
    startWorker({ concurrency: 1 }).start();
    const [first] = await heldCount(1);
    first!.fail(new Error('transport broke'));
    // The slot is free again: the next partner's message leaves.
    const [next] = await enqueue(b);
    worker!.notify();
    const [, second] = await heldCount(2);
    expect(second!.ids).toEqual([next!.messageId]);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        msg: 'delivery round failed',
        to: a.nodeId,
        level: 50,
        err: expect.objectContaining({ message: 'transport broke' }),
      }),
    );
    await second!.finish();

    // The failed batch stays leased for leaseMs from its claim, not taken again before it ran out.
    expect((await row(stuck!.messageId))?.status).toBe('in_flight');
    clock.advance(LEASE_MS);
    worker!.notify();
    await pause(200);
    expect(held).toHaveLength(2);
    clock.advance(1);
    worker!.notify();
    const [, , again] = await heldCount(3);
    expect(again!.ids).toEqual([stuck!.messageId]);
    await again!.finish();
  });

  it('a wake-up during a round is not lost: what was queued meanwhile leaves without waiting for the poll', async () => {
    const [a, b] = [await addPartner('a'), await addPartner('b')];
    await enqueue(a);
    startWorker({ pollMs: 60_000 }).start();
    await heldCount(1);
    await enqueue(b);
    worker!.notify();
    const [, second] = await heldCount(2);
    expect(second!.partner).toBe(b.nodeId);
  });

  it('looks for due messages every pollMs when nobody wakes it', async () => {
    const a = await addPartner('a');
    startWorker({ pollMs: 50 }).start();
    await pause(100);
    // Queued without a wake-up (as another process of the node would, without its notice).
    await enqueue(a);
    await heldCount(1);
    // Nothing was left in flight before it started: nothing to say about it.
    expect(logLines.map((l) => l.msg)).not.toContain('released the leases of a previous process');
  });

  /** The store, counting its units of work, each held after it ran while `hold` is set. */
  function watchedStore() {
    const watch = {
      units: 0,
      hold: null as Promise<void> | null,
      store: {
        ...store,
        transact: async (fn) => {
          watch.units++;
          const result = await store.transact(fn);
          if (watch.hold) await watch.hold;
          return result;
        },
      } as Store,
    };
    return watch;
  }

  it('an idle worker waits for its poll or a wake-up: it does not spin on the store', async () => {
    const watch = watchedStore();
    const a = await addPartner('a');
    /** Waits for `n` units of work, then checks that no more than `n` follow. */
    const settlesAt = async (n: number) => {
      await eventually(async () => watch.units >= n);
      await pause(300);
      expect(watch.units).toBeLessThanOrEqual(n);
    };
    startWorker({ pollMs: 60_000 }, watch.store).start();
    // The leases at start, and one round that found nothing.
    await settlesAt(2);
    // A wake-up with work: a round that takes it, and at most one that finds nothing more.
    await enqueue(a);
    worker!.notify();
    await heldCount(1);
    await pause(300);
    expect(watch.units).toBeLessThanOrEqual(4);
    // The delivery's end wakes the worker once more: one round, then it sleeps again.
    const before = watch.units;
    await held[0]!.finish();
    await settlesAt(before + 1);
  });

  it('with every delivery slot busy, a wake-up does not touch the store', async () => {
    const watch = watchedStore();
    const [a, b] = [await addPartner('a'), await addPartner('b')];
    await enqueue(a);
    startWorker({ concurrency: 1, pollMs: 60_000 }, watch.store).start();
    await heldCount(1);
    await pause(300);
    const before = watch.units;
    // New work for another partner, and wake-ups, while the only slot is taken.
    await enqueue(b);
    for (let i = 0; i < 5; i++) {
      worker!.notify();
      await pause(50);
    }
    expect(watch.units).toBe(before);
    await held[0]!.finish();
    const [, second] = await heldCount(2);
    expect(second!.partner).toBe(b.nodeId);
  });

  it('a wake-up while a round is looking at the store is not lost', async () => {
    const watch = watchedStore();
    const b = await addPartner('b');
    startWorker({ pollMs: 60_000 }, watch.store).start();
    await eventually(async () => watch.units >= 2);
    await pause(200);
    // A round runs and finds nothing; it is held while b's message is queued and the worker woken.
    let release!: () => void;
    watch.hold = new Promise((resolve) => (release = resolve));
    const units = watch.units;
    worker!.notify();
    await eventually(async () => watch.units > units);
    watch.hold = null;
    await enqueue(b);
    worker!.notify();
    release();
    // The round ends having taken nothing; the wake-up it missed sends b, not the next poll.
    const [first] = await heldCount(1);
    expect(first!.partner).toBe(b.nodeId);
  });

  it('a partner whose delivery failed gets its next batch while the one before is settled, as before', async () => {
    const a = await addPartner('a', 1);
    const [stuck] = await enqueue(a, 2);
    startWorker({ concurrency: 8 }).start();
    const [first] = await heldCount(1);
    first!.fail(new Error('transport broke'));
    await eventually(async () =>
      logLines.some((l) => (l.msg === 'delivery round failed' ? true : null)),
    );
    clock.advance(LEASE_MS + 1);
    worker!.notify();
    const [, again] = await heldCount(2);
    expect(again!.ids).toEqual([stuck!.messageId]);
    again!.progress!.answered();
    await heldCount(3);
  });

  it('leaves no abort listener behind a sleep', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      startWorker({ pollMs: 5 }).start();
      await pause(500);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => w.message)).toEqual([]);
  });

  it('stops after the deliveries in flight are done, and claims nothing after', async () => {
    const a = await addPartner('a');
    const [r] = await enqueue(a);
    startWorker().start();
    const [first] = await heldCount(1);
    let stopped = false;
    const stopping = worker!.stop().then(() => (stopped = true));
    await pause(100);
    expect(stopped).toBe(false);
    await first!.finish();
    await stopping;
    expect((await row(r!.messageId))?.status).toBe('delivered');
    const [later] = await enqueue(a);
    worker!.notify();
    await pause(200);
    expect(held).toHaveLength(1);
    expect((await row(later!.messageId))?.status).toBe('pending');
  });

  it('a stop while it sleeps returns at once, not at the next poll', async () => {
    startWorker({ pollMs: 60_000 }).start();
    await pause(100);
    const started = Date.now();
    await worker!.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('runOnce takes the due batches, waits for them, and says how many it took', async () => {
    const [a, b] = [await addPartner('a'), await addPartner('b')];
    await enqueue(a);
    await enqueue(b);
    const w = startWorker({ concurrency: 8 });
    let took: number | null = null;
    const round = w.runOnce().then((n) => (took = n));
    const batches = await heldCount(2);
    await pause(100);
    expect(took).toBeNull();
    for (const h of batches) await h.finish();
    await round;
    expect(took).toBe(2);
    expect(await w.runOnce()).toBe(0);
  });

  it('sends a partner whose queue head failed before a probe of probeBatch messages', async () => {
    const a = await addPartner('a');
    const rows = await enqueue(a, 3);
    // The head failed once (the way retryAll leaves it): claimed, then back in line counted.
    await store.transact((tx) =>
      tx.outbox.claimDue({
        now: clock.now(),
        leaseUntil: new Date(clock.now().getTime() + LEASE_MS),
        maxPartners: 1,
        probeBatch: 1,
      }),
    );
    const failed = { nextAttemptAt: clock.now(), code: 'http_503', detail: 'down' };
    await store.transact(async (tx) => {
      await tx.outbox.reschedule([rows[0]!.seq], { ...failed, countAttempt: true });
      await tx.outbox.reschedule([rows[1]!.seq, rows[2]!.seq], { ...failed, countAttempt: false });
    });
    startWorker({ probeBatch: 2 }).start();
    const [probe] = await heldCount(1);
    expect(probe!.ids).toEqual(rows.slice(0, 2).map((r) => r.messageId));
    await probe!.finish();
  });

  it('at start takes back what a previous process left in flight, and says so', async () => {
    const a = await addPartner('a');
    const [r] = await enqueue(a);
    await store.transact((tx) =>
      tx.outbox.claimDue({
        now: clock.now(),
        leaseUntil: new Date(clock.now().getTime() + LEASE_MS),
        maxPartners: 1,
        probeBatch: 1,
      }),
    );
    startWorker().start();
    const [first] = await heldCount(1);
    expect(first!.ids).toEqual([r!.messageId]);
    expect(logLines).toContainEqual(
      expect.objectContaining({ msg: 'released the leases of a previous process', released: 1 }),
    );
  });

  it('keeps running when the store fails at start or in a round, logging each', async () => {
    const a = await addPartner('a');
    let failures = 2;
    const flaky: Store = {
      ...store,
      transact: (fn) => {
        if (failures > 0) {
          failures--;
          return Promise.reject(new Error('database is locked'));
        }
        return store.transact(fn);
      },
    };
    const [r] = await enqueue(a);
    startWorker({ pollMs: 20 }, flaky).start();
    const [first] = await heldCount(1);
    expect(first!.ids).toEqual([r!.messageId]);
    // Each with its cause, for the operator.
    const cause = expect.objectContaining({ message: 'database is locked' });
    expect(logLines).toContainEqual(
      expect.objectContaining({ msg: 'could not release leases at start', level: 50, err: cause }),
    );
    expect(logLines).toContainEqual(
      expect.objectContaining({ msg: 'outbox round failed', level: 50, err: cause }),
    );
  });
});
