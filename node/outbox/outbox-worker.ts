/**
 * The outbox worker: claims due batches (one per partner, FIFO within it), delivers them in
 * parallel across partners, and sleeps until woken by new messages or the next poll. All its
 * state is rows, so a restart resumes where it stopped: at start it takes back the batches a
 * previous process left in flight; while it runs, leases bring back a batch whose delivery hung.
 */
import { crashPoint } from '../faults/crash-points.ts';
import type { NodeDeps } from '../deps.ts';
import type { Logger } from '../logger.ts';
import { deliverBatch, type OutboxTransport } from './transport.ts';

export type OutboxWorkerDeps = Pick<NodeDeps, 'store' | 'clock'> & {
  log: Logger;
  /** How batches leave, most specific first; the composition root chooses them. */
  transports: readonly OutboxTransport[];
};

export interface OutboxWorkerOptions {
  /** How many partners are delivered to at once. */
  concurrency: number;
  /** How long a claimed batch stays leased before another attempt may take it. */
  leaseMs: number;
  /** How often the worker looks for due messages when nothing woke it. */
  pollMs: number;
  /** Batch size for a partner whose queue head has failed before. */
  probeBatch: number;
}

export interface OutboxWorker {
  /** Wakes the worker now (new messages were enqueued). */
  notify(): void;
  /** Runs one claim-and-deliver round; for tests and the CLI. Returns how many batches it took. */
  runOnce(): Promise<number>;
  /** Starts the loop; the caller must hold the data directory (see data-dir-lock.ts). */
  start(): void;
  /** Stops after the round in flight; resolves when it is done. */
  stop(): Promise<void>;
}

export function createOutboxWorker(
  deps: OutboxWorkerDeps,
  options: OutboxWorkerOptions,
): OutboxWorker {
  let wake: (() => void) | null = null;
  let woken = false;
  let loop: Promise<void> | null = null;
  const abort = new AbortController();

  const inFlight = new Set<Promise<void>>();
  // Per partner, its deliveries in flight still waiting for the answer, and those answered and
  // being settled. A partner with only the latter gets its next batch claimed (pipelining): the
  // partner has taken the batches before it, so the order it receives them in holds.
  const unanswered = new Map<number, number>();
  const settling = new Map<number, number>();

  /**
   * Claims batches for the free delivery slots and starts them without waiting for the round:
   * a partner that hangs until its deadline holds one slot, not the whole outbox.
   */
  async function claimAndStart(): Promise<number> {
    const free = options.concurrency - inFlight.size;
    if (free <= 0) return 0;
    const now = deps.clock.now();
    const batches = await deps.store.transact((tx) =>
      tx.outbox.claimDue({
        now,
        leaseUntil: new Date(now.getTime() + options.leaseMs),
        maxPartners: free,
        probeBatch: options.probeBatch,
        settling: [...settling.keys()].filter((id) => !unanswered.has(id)),
      }),
    );
    if (batches.length > 0) crashPoint('outbox.after-claim');
    for (const batch of batches) {
      const partnerId = batch.partner.id;
      let answered = false;
      count(unanswered, partnerId, 1);
      const progress = {
        answered() {
          if (answered) return;
          answered = true;
          count(unanswered, partnerId, -1);
          count(settling, partnerId, 1);
          notify();
        },
      };
      const delivery: Promise<void> = deliverBatch(deps.transports, batch, progress)
        .then(
          () => undefined,
          (error: unknown) => {
            // The lease returns the batch to the queue; the stream is not blocked for good.
            deps.log.error({ err: error, to: batch.partner.nodeId }, 'delivery round failed');
          },
        )
        .finally(() => {
          count(answered ? settling : unanswered, partnerId, -1);
          inFlight.delete(delivery);
          notify();
        });
      inFlight.add(delivery);
    }
    return batches.length;
  }

  async function runOnce(): Promise<number> {
    const took = await claimAndStart();
    await Promise.all(inFlight);
    return took;
  }

  function notify(): void {
    if (wake) wake();
    else woken = true;
  }

  function sleep(ms: number): Promise<void> {
    if (woken) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      abort.signal.addEventListener('abort', done, { once: true });
      wake = done;
      function done() {
        clearTimeout(timer);
        abort.signal.removeEventListener('abort', done);
        wake = null;
        woken = false;
        resolve();
      }
    });
  }

  async function run(): Promise<void> {
    // Whatever is leased now was leased by a previous process of this node, which is gone (the
    // node holds the data directory's lock, see data-dir-lock.ts; on PostgreSQL the store releases
    // only when no other process is alive, see releaseLeases): its batches go back in line
    // at once instead of waiting out their leases. They may have reached the partner; they are
    // re-sent with the same bytes and answered duplicate.
    try {
      const released = await deps.store.transact((tx) => tx.outbox.releaseLeases());
      if (released > 0) deps.log.info({ released }, 'released the leases of a previous process');
    } catch (error) {
      // The leases then expire as they would have; the worker runs all the same.
      deps.log.error({ err: error }, 'could not release leases at start');
    }
    while (!abort.signal.aborted) {
      let took = 0;
      try {
        took = await claimAndStart();
      } catch (error) {
        deps.log.error({ err: error }, 'outbox round failed');
      }
      if (abort.signal.aborted) break;
      // A round that delivered something may have left more due work behind it: go again at once.
      if (took === 0) await sleep(options.pollMs);
    }
  }

  return {
    notify,
    runOnce,
    start() {
      loop ??= run();
    },
    async stop() {
      abort.abort();
      await loop;
      await Promise.all(inFlight);
    },
  };
}

/** Adds `delta` to a partner's count, dropping it at zero. */
function count(counts: Map<number, number>, partnerId: number, delta: number): void {
  const n = (counts.get(partnerId) ?? 0) + delta;
  if (n > 0) counts.set(partnerId, n);
  else counts.delete(partnerId);
}
