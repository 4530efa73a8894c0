/** Runs the node's jobs at their intervals until stopped; one run of a job at a time. */
import type { NodeDeps } from '../deps.ts';
import { withEventCause } from '../events/event-cause.ts';
import type { Job } from './job.ts';

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** Runs every job once now, in order; for tests and the CLI. */
  runAll(): Promise<Record<string, number>>;
}

export function createScheduler(deps: NodeDeps, jobs: readonly Job[]): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<number>>();

  function runJob(job: Job): Promise<number> {
    const current = running.get(job.name);
    if (current) return current;
    // On PostgreSQL the node's other processes run the same jobs: one of them at a time.
    const run = deps.store
      .exclusive(`job:${job.name}`, () =>
        withEventCause({ kind: 'job', name: job.name }, () => job.run(deps, deps.clock.now())),
      )
      .then((ran) => {
        const changed = ran ?? 0;
        if (changed > 0) deps.log.info({ job: job.name, changed }, 'job ran');
        return changed;
      })
      .catch((err: unknown) => {
        deps.log.error({ err, job: job.name }, 'job failed');
        return 0;
      })
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  }

  return {
    start() {
      for (const job of jobs) {
        const timer = setInterval(() => void runJob(job), job.intervalMs);
        timer.unref();
        timers.push(timer);
      }
    },
    async stop() {
      for (const t of timers.splice(0)) clearInterval(t);
      await Promise.all(running.values());
    },
    async runAll() {
      const changed: Record<string, number> = {};
      for (const job of jobs) changed[job.name] = await runJob(job);
      return changed;
    },
  };
}
