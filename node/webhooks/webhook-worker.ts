/**
 * The webhook worker: fills each active endpoint's queue from the event log, claims due runs
 * (one per endpoint, FIFO within it) and delivers them in parallel across endpoints. Its state is
 * rows, so a restart resumes where it stopped.
 */
import type { Logger } from '../logger.ts';
import { deliverToEndpoint, type WebhookDeliverDeps } from './deliver-endpoint.ts';
import { fillWebhookQueues } from './fill-queues.ts';

export interface WebhookWorkerOptions {
  pollMs: number;
  leaseMs: number;
  /** Most events one endpoint is sent per claim. */
  batch: number;
}

export interface WebhookWorker {
  notify(): void;
  /** One fill, claim and deliver round, awaited; for tests. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createWebhookWorker(
  deps: WebhookDeliverDeps & { log: Logger },
  options: WebhookWorkerOptions,
): WebhookWorker {
  const abort = new AbortController();
  const inFlight = new Map<string, Promise<void>>();
  let wake: (() => void) | null = null;
  let woken = false;
  let loop: Promise<void> | null = null;

  function notify(): void {
    woken = true;
    wake?.();
  }

  // One claim round at a time: a round passes the endpoints in flight as `skip`, and those of a
  // round still claiming are not in the map yet. Its lease alone does not keep them apart once
  // the clock has passed it (a test's clock, or a round that waited long for the write lock).
  let claiming: Promise<unknown> = Promise.resolve();
  function claimAndStart(): Promise<number> {
    const round = claiming.then(claimRound, claimRound);
    claiming = round.catch(() => undefined);
    return round;
  }

  async function claimRound(): Promise<number> {
    const now = deps.clock.now();
    await fillWebhookQueues(deps.store, now);
    const claims = await deps.store.transact((tx) =>
      tx.webhooks.claimDue({
        now,
        leaseUntil: new Date(now.getTime() + options.leaseMs),
        batch: options.batch,
        skip: [...inFlight.keys()],
      }),
    );
    for (const claim of claims) {
      const run = deliverToEndpoint(deps, claim, abort.signal)
        .catch((error: unknown) => {
          deps.log.error({ err: error, webhookId: claim.endpoint.id }, 'webhook round failed');
        })
        .finally(() => {
          inFlight.delete(claim.endpoint.id);
          notify();
        });
      inFlight.set(claim.endpoint.id, run);
    }
    return claims.length;
  }

  async function run(): Promise<void> {
    await deps.store.transact((tx) => tx.webhooks.releaseLeases());
    while (!abort.signal.aborted) {
      woken = false;
      try {
        await claimAndStart();
      } catch (error) {
        deps.log.error({ err: error }, 'webhook worker round failed');
      }
      if (woken || abort.signal.aborted) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    notify,
    async runOnce() {
      const took = await claimAndStart();
      await Promise.all(inFlight.values());
      return took;
    },
    start() {
      loop ??= run();
    },
    async stop() {
      abort.abort();
      wake?.();
      await loop;
      await Promise.all(inFlight.values());
    },
  };
}
