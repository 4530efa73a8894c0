/**
 * A token bucket per client address for the sign-in forms: enough for people, too few for a
 * script trying links or flooding someone's mailbox. Past it the form answers 429. Behind a
 * reverse proxy the address is the client's, read from X-Forwarded-For as `trustedProxies` allows
 * (client-address.ts): counting the proxy would let a few anonymous requests lock everyone out.
 * The count is the node's, shared by its processes on PostgreSQL (attempt-buckets.ts).
 */
import type { Context } from 'hono';
import type { Clock } from '../../clock.ts';
import { createAttemptBuckets } from '../../http/attempt-buckets.ts';
import { clientAddressOf } from '../../http/client-address.ts';
import type { Store } from '../../store/store.ts';

export const SIGN_IN_PER_MINUTE = 20;
const MAX_TRACKED = 10_000;

export interface SignInLimiter {
  /** Takes one token; the seconds to wait when none is left, else 0. */
  take(c: Context): Promise<number>;
}

export function createSignInLimiter(
  deps: { store: Pick<Store, 'rateBuckets'>; clock: Clock },
  trustedProxies: string | undefined,
  perMinute = SIGN_IN_PER_MINUTE,
): SignInLimiter {
  const buckets = createAttemptBuckets(
    { rateBuckets: deps.store.rateBuckets, clock: deps.clock },
    { name: 'portal-sign-in', perMinute, maxKeys: MAX_TRACKED },
  );
  const clientAddress = clientAddressOf(trustedProxies);
  return { take: (c) => buckets.take(clientAddress(c)) };
}
