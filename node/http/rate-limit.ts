/**
 * A token bucket per client address (see client-address.ts): `perMinute` requests a minute, with
 * bursts up to the same number. Past it the request is answered 429 with Retry-After, before any
 * body is read.
 */
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.ts';
import { clientAddressOf, type ClientAddressOf } from './client-address.ts';
import { requestError } from './request-error.ts';

interface Bucket {
  tokens: number;
  updatedMs: number;
}

const MAX_TRACKED_CLIENTS = 100_000;

export function rateLimit(options: {
  perMinute: number;
  clock: Clock;
  /** Who a request counts against; by default the connection's peer. */
  clientAddress?: ClientAddressOf;
}): MiddlewareHandler {
  const clientAddress = options.clientAddress ?? clientAddressOf(undefined);
  const buckets = new Map<string, Bucket>();
  const ratePerMs = options.perMinute / 60_000;

  return async function rateLimitMiddleware(c, next) {
    const key = clientAddress(c);
    const now = options.clock.now().getTime();
    const bucket = buckets.get(key) ?? { tokens: options.perMinute, updatedMs: now };
    bucket.tokens = Math.min(
      options.perMinute,
      bucket.tokens + Math.max(0, now - bucket.updatedMs) * ratePerMs,
    );
    bucket.updatedMs = now;
    if (bucket.tokens < 1) {
      const waitSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
      c.header('Retry-After', String(waitSeconds));
      return requestError(c, 'rate_limited', 'too many requests; retry later');
    }
    bucket.tokens -= 1;
    if (!buckets.has(key)) {
      // Full buckets carry no state worth keeping; drop them when the map grows large.
      if (buckets.size >= MAX_TRACKED_CLIENTS) {
        for (const [k, b] of buckets) if (b.tokens >= options.perMinute - 1) buckets.delete(k);
      }
      buckets.set(key, bucket);
    }
    await next();
  };
}
