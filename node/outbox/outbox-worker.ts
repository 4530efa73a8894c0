/**
 * The outbox worker: claims due batches (one per partner, FIFO within it), delivers them in
 * parallel across partners, and sleeps until woken by new messages or the next poll. All its
 * state is rows, so a restart resumes where it stopped: at start it takes back the batches a
 * previous process left in flight; while it runs, leases bring back a batch whose delivery hung.
 */
import { crashPoint } from '../faults/crash-points.ts';
import type { NodeDeps } from '../deps.ts';
import type { Logger } from '../logger.ts';
import {
  deliverBatch,
  prepareBatch,
  type DeliveryProgress,
  type OutboxTransport,
} from './transport.ts';

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
  // Per partner, its deliveries in claim order. A partner's next batch is claimed while earlier
  // answers are settled, and, when the batch on its way left a backlog behind it, while that one
  // is on its way too (prepared: signed and stored, so the partner gets it as soon as it
  // answers). It leaves only once every batch before it was answered, so the order the partner
  // receives them in holds.
  const deliveries = new Map<number, PartnerDelivery[]>();

  /** Partners whose batches in flight do not keep their next one from being claimed. */
  function pipelined(): number[] {
    const ids: number[] = [];
    for (const [partnerId, list] of deliveries) {
      // None is being prepared, and the one that waits for an answer, if any, left a backlog.
      // Without a backlog the next batch is claimed at that answer instead: it then takes every
      // message queued meanwhile, where one prepared early would take only the first of them and
      // the rest would wait a whole round trip more behind it.
      if (list.some((d) => d.state === 'preparing')) continue;
      const unanswered = list.filter((d) => d.state === 'sent');
      if (unanswered.length === 0 || (unanswered.length === 1 && unanswered[0]!.more)) {
        ids.push(partnerId);
      }
    }
    return ids;
  }

  /**
   * Claims batches for the free delivery slots and starts them without waiting for the round:
   * a partner that hangs until its deadline holds one slot, not the whole outbox.
   */
  async function claimAndStart(): Promise<number> {
    const free = options.concurrency - inFlight.size;
    if (free <= 0) return 0;
    const now = deps.clock.now();
    const batches = await deps.store.transact(async (tx) => {
      const claimed = await tx.outbox.claimDue({
        now,
        leaseUntil: new Date(now.getTime() + options.leaseMs),
        maxPartners: free,
        probeBatch: options.probeBatch,
        settling: pipelined(),
      });
      // Each batch's signatures are stored in the lease's commit: one disk sync, and one rewrite
      // of each row, for both.
      return Promise.all(claimed.map((batch) => prepareBatch(deps.transports, tx, batch)));
    });
    if (batches.length > 0) crashPoint('outbox.after-claim');
    for (const batch of batches) {
      const partnerId = batch.partner.id;
      const list = deliveries.get(partnerId) ?? [];
      deliveries.set(partnerId, list);
      // The batch before this one that has left and is not answered yet, if any.
      const previous = list.find((d) => d.state === 'sent')?.answer;
      let settle!: (answered: boolean) => void;
      const own: PartnerDelivery = {
        state: 'preparing',
        more: batch.more === true,
        answer: new Promise<boolean>((resolve) => (settle = resolve)),
      };
      list.push(own);
      const progress: DeliveryProgress = {
        ...(previous ? { previous } : {}),
        sent() {
          if (own.state !== 'preparing') return;
          own.state = 'sent';
          notify();
        },
        answered() {
          if (own.state === 'answered') return;
          own.state = 'answered';
          settle(true);
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
          // Not answered: the batch prepared behind it must not leave (it goes back in line).
          settle(false);
          list.splice(list.indexOf(own), 1);
          if (list.length === 0) deliveries.delete(partnerId);
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

/** One claimed batch of a partner, from its claim until its delivery ends. */
interface PartnerDelivery {
  /** Being signed and stored (or waiting for the batch before it), on its way, or answered. */
  state: 'preparing' | 'sent' | 'answered';
  /** Whether the partner's queue held more than this batch when it was claimed (a backlog). */
  more: boolean;
  /** Whether the partner answered it (false: it ended without an answer). */
  answer: Promise<boolean>;
}
