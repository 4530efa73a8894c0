/**
 * Bearer-token guard of the admin API. Tokens are compared by their SHA-256 against the stored
 * hashes, so the database never holds a usable token. Failed attempts drain a bucket per client
 * (the address `trustedProxies` says, client-address.ts; the shared token-buckets.ts): a client
 * with an empty bucket is answered 429 instead of 401 and no longer logged, so a guessing script
 * is told to back off and cannot flood the log. A valid token always passes, even from an address
 * others drained: behind a proxy or a NAT, strangers' failures must not lock the operator out.
 * That a drained client may still tell a valid token from an invalid one gains a guesser nothing:
 * admin tokens hold 256 random bits. The count is the node's, shared by its processes on
 * PostgreSQL (attempt-buckets.ts): a guesser spreading over them gets no more attempts. It is one
 * count per address for every path the guard keeps (/api, /metrics): the app builds one guard
 * (adminGuard) and hands it to both, or a guesser would get the figure at each on SQLite, where
 * the bucket lives in the guard.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Clock } from '../clock.ts';
import type { NodeDeps } from '../deps.ts';
import { createAttemptBuckets } from '../http/attempt-buckets.ts';
import { clientAddressOf } from '../http/client-address.ts';
import type { Logger } from '../logger.ts';
import { principalForSession, principalForToken } from '../staff/authenticate.ts';
import { CONSOLE_SESSION_COOKIE } from '../staff/console-sessions.ts';
import type { Store } from '../store/store.ts';
import type { AdminEnv } from './admin-env.ts';

export const AUTH_FAILURES_PER_MINUTE = 10;
/** Admin tokens are ~48 characters; anything far longer is not one and not worth hashing. */
const MAX_TOKEN_LENGTH = 512;
const MAX_TRACKED_ADDRESSES = 10_000;

export interface AdminAuthOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  /** The reverse proxies whose X-Forwarded-For names the client (config `trustedProxies`). */
  trustedProxies: string | undefined;
  failuresPerMinute?: number;
}

/** The node's one admin guard, for every route that takes the admin token (see above). */
export function adminGuard(
  deps: Pick<NodeDeps, 'store' | 'clock' | 'log' | 'config'>,
): MiddlewareHandler<AdminEnv> {
  return adminAuth({
    store: deps.store,
    clock: deps.clock,
    log: deps.log,
    trustedProxies: deps.config.trustedProxies,
  });
}

export function adminAuth(options: AdminAuthOptions): MiddlewareHandler<AdminEnv> {
  const failures = createAttemptBuckets(
    { rateBuckets: options.store.rateBuckets, clock: options.clock },
    {
      name: 'admin-token',
      perMinute: options.failuresPerMinute ?? AUTH_FAILURES_PER_MINUTE,
      maxKeys: MAX_TRACKED_ADDRESSES,
    },
  );
  const clientAddress = clientAddressOf(options.trustedProxies);

  return async function adminAuthMiddleware(c, next) {
    const address = clientAddress(c);
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
      if (principal !== null) {
        c.set('principal', principal);
        return next();
      }
    }
    const result =
      token === null
        ? null
        : token.length <= MAX_TOKEN_LENGTH
          ? await principalForToken(options, token, address)
          : { ok: false as const, code: 'unauthorized', message: 'the admin token is not valid' };
    // A valid token always passes, even from a client whose bucket others drained.
    if (result?.ok) {
      c.set('principal', result.principal);
      return next();
    }
    // A request without a token is no guess: it does not drain the bucket.
    const waitSeconds = await (result === null
      ? failures.waitFor(address)
      : failures.take(address));
    if (waitSeconds > 0) {
      c.header('Retry-After', String(waitSeconds));
      return c.json(
        { error: { code: 'rate_limited', message: 'too many failed attempts; retry later' } },
        429,
      );
    }
    if (result === null) return unauthorized(c, 'an admin bearer token is required');
    options.log.warn({ category: 'admin', address, code: result.code }, 'admin API: invalid token');
    return unauthorized(c, result.message, result.code);
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
