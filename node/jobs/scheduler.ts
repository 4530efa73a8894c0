/** Runs the node's jobs at their intervals until stopped; one run of a job at a time. */
import type { NodeDeps } from '../deps.ts';
import { scopedStore } from '../store/unit-scope.ts';
import type { Job } from './job.ts';

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** Runs every job once now, in order; for tests and the CLI. */
  runAll(): Promise<Record<string, number>>;
}

/**
 * `jobs` may be a loader: the node's own jobs are the domains' code, which it loads after it is
 * ready (see main.ts); `start` then schedules them once they are loaded.
 */
export function createScheduler(
  deps: NodeDeps,
  jobs: readonly Job[] | (() => Promise<readonly Job[]>),
): Scheduler {
  const jobList = typeof jobs === 'function' ? jobs : async () => jobs;
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const running = new Map<string, Promise<number>>();

  function runJob(job: Job): Promise<number> {
    const current = running.get(job.name);
    if (current) return current;
    // On PostgreSQL the node's other processes run the same jobs: one of them at a time.
    // The job's units name it as their cause: it runs against a store that says so.
    const jobDeps = {
      ...deps,
      store: scopedStore(deps.store, { cause: { kind: 'job', name: job.name } }),
    };
    const run = deps.store
      .exclusive(`job:${job.name}`, () => job.run(jobDeps, deps.clock.now()))
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
      stopped = false;
      jobList().then(
        (list) => {
          if (stopped) return;
          for (const job of list) {
            const timer = setInterval(() => void runJob(job), job.intervalMs);
            timer.unref();
            timers.push(timer);
          }
        },
        (err: unknown) => deps.log.error({ err }, 'could not load the jobs'),
      );
    },
    async stop() {
      stopped = true;
      for (const t of timers.splice(0)) clearInterval(t);
      await Promise.all(running.values());
    },
    async runAll() {
      const changed: Record<string, number> = {};
      for (const job of await jobList()) changed[job.name] = await runJob(job);
      return changed;
    },
  };
}
