/**
 * The lines of the versions created here last, for the distributor: a version is mostly pushed
 * right after it is created, and reading a 100,000-line version back from the store costs about
 * as much CPU as cutting it into parts. Held weakly, so they cost no memory the heap needs: once
 * the garbage collector drops them, the distributor reads the lines from the store as before.
 * Keyed by kind and content hash, which names the lines whatever the version or the node: two
 * versions with the same hash hold the same lines (and a kind derives the same keys from them).
 */
import type { ListKind, StoredLine } from '../store/catalog-store.ts';

/** How many versions are remembered: the last few created. */
const KEPT = 4;

const recent = new Map<string, WeakRef<readonly StoredLine[]>>();

/** Remembers a committed version's lines (in key order, as the store reads them). */
export function rememberLines(
  kind: ListKind,
  contentHash: string,
  lines: readonly StoredLine[],
): void {
  const key = `${kind} ${contentHash}`;
  recent.delete(key);
  recent.set(key, new WeakRef(lines));
  for (const oldest of recent.keys()) {
    if (recent.size <= KEPT) break;
    recent.delete(oldest);
  }
}

/** The lines of a version with this content, created here lately, or null. */
export function recentLines(kind: ListKind, contentHash: string): readonly StoredLine[] | null {
  return recent.get(`${kind} ${contentHash}`)?.deref() ?? null;
}
