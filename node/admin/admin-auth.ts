/**
 * Bearer-token guard of the admin API. Tokens are compared by their SHA-256 against the stored
 * hashes, so the database never holds a usable token. Failed attempts drain a per-address bucket;
 * an address with an empty bucket is refused before its token is even looked at, which caps
 * guessing at a few attempts a minute.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { principalForSession, principalForToken } from '../staff/authenticate.ts';
import { CONSOLE_SESSION_COOKIE } from '../staff/console-sessions.ts';
import type { Store } from '../store/store.ts';

export const AUTH_FAILURES_PER_MINUTE = 10;
/** Admin tokens are ~48 characters; anything far longer is not one and not worth hashing. */
const MAX_TOKEN_LENGTH = 512;
const MAX_TRACKED_ADDRESSES = 10_000;

export interface AdminAuthOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  failuresPerMinute?: number;
}

export function adminAuth(options: AdminAuthOptions): MiddlewareHandler {
  const failures = createFailureBuckets(
    options.failuresPerMinute ?? AUTH_FAILURES_PER_MINUTE,
    options.clock,
  );

  return async function adminAuthMiddleware(c, next) {
    const address = clientAddress(c);
    const waitSeconds = failures.blockedFor(address);
    if (waitSeconds > 0) {
      c.header('Retry-After', String(waitSeconds));
      return c.json(
        { error: { code: 'rate_limited', message: 'too many failed attempts; retry later' } },
        429,
      );
    }
    const token = bearerToken(c.req.header('authorization'));
    if (token === null) {
      // A console session (staff signed in with a browser) calls the API with its cookie.
      const cookie = getCookie(c, CONSOLE_SESSION_COOKIE);
      const principal = cookie
        ? await principalForSession(options, cookie, {
            method: c.req.method,
            csrfHeader: c.req.header('x-csrf-token'),
          })
        : null;
      if (principal === null) return unauthorized(c, 'an admin bearer token is required');
      c.set('principal', principal);
      return next();
    }
    const result =
      token.length <= MAX_TOKEN_LENGTH
        ? await principalForToken(options, token, address)
        : { ok: false as const, code: 'unauthorized', message: 'the admin token is not valid' };
    if (!result.ok) {
      failures.record(address);
      options.log.warn(
        { category: 'admin', address, code: result.code },
        'admin API: invalid token',
      );
      return unauthorized(c, result.message, result.code);
    }
    c.set('principal', result.principal);
    await next();
  };
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function unauthorized(c: Context, message: string, code = 'unauthorized'): Response {
  c.header('WWW-Authenticate', 'Bearer');
  return c.json({ error: { code, message } }, 401);
}

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'local';
  }
}

/** A token bucket per address that only failures drain: `perMinute` failures, then a wait. */
function createFailureBuckets(perMinute: number, clock: Clock) {
  const buckets = new Map<string, { tokens: number; updatedMs: number }>();
  const ratePerMs = perMinute / 60_000;

  function refill(address: string, nowMs: number) {
    const bucket = buckets.get(address);
    if (!bucket) return undefined;
    bucket.tokens = Math.min(perMinute, bucket.tokens + (nowMs - bucket.updatedMs) * ratePerMs);
    bucket.updatedMs = nowMs;
    return bucket;
  }

  return {
    /** Seconds until the address may try again; 0 when it may now. */
    blockedFor(address: string): number {
      const bucket = refill(address, clock.now().getTime());
      if (!bucket || bucket.tokens >= 1) return 0;
      return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
    },
    record(address: string): void {
      const nowMs = clock.now().getTime();
      const bucket = refill(address, nowMs) ?? { tokens: perMinute, updatedMs: nowMs };
      bucket.tokens -= 1;
      if (!buckets.has(address)) {
        // Refilled buckets carry nothing worth keeping; drop them when the map grows large.
        if (buckets.size >= MAX_TRACKED_ADDRESSES) {
          for (const [key, b] of buckets) {
            refill(key, nowMs);
            if (b.tokens >= perMinute) buckets.delete(key);
          }
          // Still full (many addresses failing at once): forget the oldest rather than grow.
          const oldest = buckets.keys().next();
          if (buckets.size >= MAX_TRACKED_ADDRESSES && !oldest.done) buckets.delete(oldest.value);
        }
        buckets.set(address, bucket);
      }
    },
  };
}
