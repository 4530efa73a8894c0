/**
 * Holds an inbox request's unit of work back while other requests that arrived with it are still
 * being checked (signature, receipt signing: work on libuv's thread pool), so that they reach the
 * store in the same event-loop turn and the store commits them together: one disk sync for the
 * lot instead of one each (the store's group commit, store/sqlite/serial-queue.ts, only joins
 * units that wait together). Each request keeps its own unit and savepoint, so one request's
 * failure rejects none of the others, and its answer still waits for the commit that stores it.
 *
 * A request alone never waits: the last of a crowd to finish its checks releases the others at
 * once, and `maxWaitMs` bounds the wait when requests keep arriving. Nor does one wait while most
 * recent requests ended without going to the store: in a flood of forged requests the crowd being
 * checked will be refused, and waiting for it would only delay the legitimate ones.
 */
export interface ArrivalGate {
  /** A request starts its checks. */
  enter(): GatePass;
}

export interface GatePass {
  /** Its checks are done: resolves when it may go to the store (at once when nobody is checking). */
  arrive(): Promise<void>;
  /** It will not go to the store (refused, or failed): others need not wait for it. */
  leave(): void;
}

/** Weight of the latest request in the running share of requests that went to the store. */
const RECENT = 0.1;

export function createArrivalGate(maxWaitMs: number): ArrivalGate {
  let checking = 0;
  /** Running share of recent requests that went to the store rather than being refused. */
  let storing = 1;
  let waiting: Array<() => void> = [];
  let timer: NodeJS.Timeout | null = null;

  function release(): void {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    const released = waiting;
    waiting = [];
    for (const go of released) go();
  }

  return {
    enter() {
      checking++;
      let done = false;
      const finish = (stores: boolean): boolean => {
        if (done) return false;
        done = true;
        checking--;
        storing = storing * (1 - RECENT) + (stores ? RECENT : 0);
        return true;
      };
      return {
        arrive() {
          if (!finish(true)) return Promise.resolve();
          if (checking === 0 || storing < 0.5) {
            release();
            return Promise.resolve();
          }
          return new Promise<void>((resolve) => {
            waiting.push(resolve);
            timer ??= setTimeout(release, maxWaitMs);
          });
        },
        leave() {
          if (finish(false) && checking === 0) release();
        },
      };
    },
  };
}
