/**
 * A token bucket per client address for the sign-in forms: enough for people, too few for a
 * script trying links or flooding someone's mailbox. Past it the form answers 429.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Clock } from '../../clock.ts';

export const SIGN_IN_PER_MINUTE = 20;
const MAX_TRACKED = 10_000;

export interface SignInLimiter {
  /** Takes one token; the seconds to wait when none is left, else 0. */
  take(c: Context): number;
}

export function createSignInLimiter(clock: Clock, perMinute = SIGN_IN_PER_MINUTE): SignInLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    take(c) {
      const key = clientAddress(c);
      const now = clock.now().getTime();
      const b = buckets.get(key) ?? { tokens: perMinute, at: now };
      b.tokens = Math.min(perMinute, b.tokens + Math.max(0, now - b.at) * perMs);
      b.at = now;
      if (b.tokens < 1) return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
      b.tokens -= 1;
      if (!buckets.has(key)) {
        if (buckets.size >= MAX_TRACKED) buckets.clear();
        buckets.set(key, b);
      }
      return 0;
    },
  };
}

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}
