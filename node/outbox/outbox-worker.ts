/**
 * The outbox worker: claims due batches (one per partner, FIFO within it), delivers them in
 * parallel across partners, and sleeps until woken by new messages or the next poll. All its
 * state is rows, so a restart resumes where it stopped; leases bring back batches a crash left
 * in flight.
 */
import type { Logger } from '../logger.ts';
import { deliverBatch, type DeliverDeps } from './deliver-batch.ts';

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
  start(): void;
  /** Stops after the round in flight; resolves when it is done. */
  stop(): Promise<void>;
}

export function createOutboxWorker(
  deps: DeliverDeps & { log: Logger },
  options: OutboxWorkerOptions,
): OutboxWorker {
  let wake: (() => void) | null = null;
  let woken = false;
  let loop: Promise<void> | null = null;
  const abort = new AbortController();

  async function runOnce(): Promise<number> {
    const now = deps.clock.now();
    const batches = await deps.store.transact((tx) =>
      tx.outbox.claimDue({
        now,
        leaseUntil: new Date(now.getTime() + options.leaseMs),
        maxPartners: options.concurrency,
        probeBatch: options.probeBatch,
      }),
    );
    await Promise.all(
      batches.map(async (batch) => {
        try {
          await deliverBatch(deps, batch);
        } catch (error) {
          // The lease returns the batch to the queue; the stream is not blocked for good.
          deps.log.error({ err: error, to: batch.partner.nodeId }, 'delivery round failed');
        }
      }),
    );
    return batches.length;
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
    while (!abort.signal.aborted) {
      let took = 0;
      try {
        took = await runOnce();
      } catch (error) {
        deps.log.error({ err: error }, 'outbox round failed');
      }
      if (abort.signal.aborted) break;
      // A round that delivered something may have left more due work behind it: go again at once.
      if (took === 0) await sleep(options.pollMs);
    }
  }

  return {
    notify() {
      if (wake) wake();
      else woken = true;
    },
    runOnce,
    start() {
      loop ??= run();
    },
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
