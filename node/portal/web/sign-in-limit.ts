/**
 * A token bucket per client address for the sign-in forms: enough for people, too few for a
 * script trying links or flooding someone's mailbox. Past it the form answers 429.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Clock } from '../../clock.ts';
import { createTokenBuckets } from './token-buckets.ts';

export const SIGN_IN_PER_MINUTE = 20;
const MAX_TRACKED = 10_000;

export interface SignInLimiter {
  /** Takes one token; the seconds to wait when none is left, else 0. */
  take(c: Context): number;
}

export function createSignInLimiter(clock: Clock, perMinute = SIGN_IN_PER_MINUTE): SignInLimiter {
  const buckets = createTokenBuckets(clock, { perMinute, maxKeys: MAX_TRACKED });
  return { take: (c) => buckets.take(clientAddress(c)) };
}

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}
