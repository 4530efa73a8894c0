/**
 * How a retention job deletes old rows: at most PRUNE_MAX_PER_RUN a run, in units of
 * PRUNE_CHUNK, so a large backlog never holds the writer for long; the next run continues.
 */
import type { Store, StoreTx } from '../store/store.ts';

export const DAY_MS = 24 * 3600_000;
export const PRUNE_CHUNK = 1000;
export const PRUNE_MAX_PER_RUN = 20_000;

/** `prune` deletes at most `limit` rows in its unit and answers how many; returns the total. */
export async function pruneInChunks(
  store: Pick<Store, 'transact'>,
  prune: (tx: StoreTx, limit: number) => Promise<number>,
): Promise<number> {
  let pruned = 0;
  while (pruned < PRUNE_MAX_PER_RUN) {
    const limit = Math.min(PRUNE_CHUNK, PRUNE_MAX_PER_RUN - pruned);
    const n = await store.transact((tx) => prune(tx, limit));
    pruned += n;
    if (n < limit) break;
  }
  return pruned;
}
