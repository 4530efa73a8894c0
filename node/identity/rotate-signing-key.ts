/**
 * Rotates the node's signing key (key-store.ts) and tells the node's other processes at once
 * (Store.announceKeyRotation): on PostgreSQL several processes sign and publish with one
 * keys.json, and one that has not loaded the new key would publish a key set without it while
 * partners are already meeting messages signed with it.
 */
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { NodeKeys } from './key-store.ts';

export async function rotateSigningKey(
  deps: { keys: NodeKeys; store: Pick<Store, 'announceKeyRotation'>; log: Logger },
  now: Date,
): Promise<string> {
  const kid = await deps.keys.rotate(now);
  // The others still look at keys.json every few seconds: a lost announcement only delays them.
  await deps.store
    .announceKeyRotation()
    .catch((err: unknown) =>
      deps.log.warn({ category: 'keys', err }, 'could not tell the other processes of the new key'),
    );
  return kid;
}
