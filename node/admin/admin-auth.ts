/**
 * Bearer-token guard of the admin API. Tokens are compared by their SHA-256 against the stored
 * hashes, so the database never holds a usable token. Failed attempts drain a per-address bucket;
 * an address with an empty bucket is refused before its token is even looked at, which caps
 * guessing at a few attempts a minute.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { hashToken } from '../partners/invitations.ts';
import type { Store } from '../store/store.ts';
import type { AdminEnv } from './admin-env.ts';
import type { Principal } from './roles.ts';

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

/** The node's admin token speaks for its owner: every operation is open to it. */
export const ADMIN_TOKEN_PRINCIPAL: Principal = Object.freeze({
  kind: 'admin-token',
  staffId: null,
  email: null,
  roles: Object.freeze(['owner'] as const),
  tokenId: null,
});

export function adminAuth(options: AdminAuthOptions): MiddlewareHandler<AdminEnv> {
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
    if (token === null) return unauthorized(c, 'an admin bearer token is required');
    const valid =
      token.length <= MAX_TOKEN_LENGTH &&
      (await options.store.read((tx) => tx.adminTokens.isValid(hashToken(token))));
    if (!valid) {
      failures.record(address);
      options.log.warn({ category: 'admin', address }, 'admin API: invalid token');
      return unauthorized(c, 'the admin token is not valid');
    }
    c.set('principal', ADMIN_TOKEN_PRINCIPAL);
    await next();
  };
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function unauthorized(c: Context, message: string): Response {
  c.header('WWW-Authenticate', 'Bearer');
  return c.json({ error: { code: 'unauthorized', message } }, 401);
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
