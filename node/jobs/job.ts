/**
 * Work the node does because time passed, not because a message arrived: offers that expire,
 * protection windows that end, requests that become overdue. A job reads the time from the
 * node's clock, so tests drive it with a manual clock and `runJobs`.
 */
import type { NodeDeps } from '../deps.ts';

export interface Job {
  readonly name: string;
  /** How often the node runs it. */
  readonly intervalMs: number;
  /** Does what is due at `now`; returns how many records it changed (for the log). */
  run(deps: NodeDeps, now: Date): Promise<number>;
}
