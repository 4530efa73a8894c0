/**
 * Runs the distributor on a timer: it picks up the answers to sync.requests (queued by the
 * inbound handler, which cannot wait for them), and any push left queued by a stopped node.
 */
import type { Job } from '../jobs/job.ts';
import { runDistributions } from './distribute.ts';

export const distributeJob: Job = {
  name: 'catalog-distribute',
  intervalMs: 1_000,
  run: (deps) => runDistributions(deps),
};
