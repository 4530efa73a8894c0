/**
 * A token bucket per client address (see client-address.ts and token-buckets.ts): `perMinute`
 * requests a minute, with bursts up to the same number. Past it the request is answered 429 with
 * Retry-After, before any body is read.
 */
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.ts';
import { clientAddressOf, type ClientAddressOf } from './client-address.ts';
import { requestError } from './request-error.ts';
import { createTokenBuckets } from './token-buckets.ts';

const MAX_TRACKED_CLIENTS = 100_000;

export function rateLimit(options: {
  perMinute: number;
  clock: Clock;
  /** Who a request counts against; by default the connection's peer. */
  clientAddress?: ClientAddressOf;
}): MiddlewareHandler {
  const clientAddress = options.clientAddress ?? clientAddressOf(undefined);
  const buckets = createTokenBuckets(options.clock, {
    perMinute: options.perMinute,
    maxKeys: MAX_TRACKED_CLIENTS,
  });

  return async function rateLimitMiddleware(c, next) {
    const waitSeconds = buckets.take(clientAddress(c));
    if (waitSeconds > 0) {
      c.header('Retry-After', String(waitSeconds));
      return requestError(c, 'rate_limited', 'too many requests; retry later');
    }
    await next();
  };
}
