/**
 * A token bucket per client address (see client-address.ts and token-buckets.ts): `perMinute`
 * requests a minute, with bursts up to the same number. Past it the request is answered 429 with
 * Retry-After, before any body is read.
 *
 * The limit is the node's, however many processes serve it (PostgreSQL, `rateBuckets`): behind
 * the process's own bucket, which answers what one process alone would refuse from memory, the
 * processes lease from one bucket per address (leased-token-buckets.ts in its batched mode). An
 * address this process holds no token of is admitted on credit (ADDRESS_CREDIT) and its lease
 * taken afterwards, batched with those of the other addresses seen meanwhile: a new address costs
 * no database round trip before its request, a busy one a lease a second, a flood of new
 * addresses one statement at a time per process (up to LEASE_BATCH addresses each), and a refusal
 * nothing but memory. So the node admits an address its limit plus at most ADDRESS_CREDIT per
 * process (taken back from the address's next refill); one process alone, its own bucket holds
 * to the limit exactly.
 *
 * Measured (2-core box under heavy load, local PostgreSQL, node CPU per request, leases
 * included): a busy address at 20 requests a second 15-18 µs (a lease per 20 requests, off
 * their path); a new address 12-14 µs one at a time, 5-7 µs in a flood of 20,000 at once (40
 * statements of 500); a refusal 2 µs; the process's own bucket alone 0.8 µs. Leasing before
 * each new address's request, as the partner buckets do for a quiet partner, costs 80-160 µs and
 * a 0.3-0.6 ms round trip.
 */
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.ts';
import type { RateBucketStore } from '../store/rate-bucket-store.ts';
import { clientAddressOf, type ClientAddressOf } from './client-address.ts';
import { createLeasedTokenBuckets } from './leased-token-buckets.ts';
import { requestError } from './request-error.ts';
import { createTokenBuckets } from './token-buckets.ts';

const MAX_TRACKED_CLIENTS = 100_000;
/** Requests of an address a process admits while the address's lease is on its way. */
export const ADDRESS_CREDIT = 1;

export function rateLimit(options: {
  perMinute: number;
  clock: Clock;
  /** Who a request counts against; by default the connection's peer. */
  clientAddress?: ClientAddressOf;
  /** The node-wide buckets (PostgreSQL), and the name of this limit's. */
  nodeWide?: { rateBuckets: RateBucketStore | undefined; name: string };
}): MiddlewareHandler {
  const clientAddress = options.clientAddress ?? clientAddressOf(undefined);
  const bounds = { perMinute: options.perMinute, maxKeys: MAX_TRACKED_CLIENTS };
  const buckets = createTokenBuckets(options.clock, bounds);
  const rateBuckets = options.nodeWide?.rateBuckets;
  const nodeWide =
    rateBuckets &&
    createLeasedTokenBuckets(rateBuckets, options.clock, {
      name: options.nodeWide!.name,
      credit: ADDRESS_CREDIT,
      ...bounds,
    });

  return async function rateLimitMiddleware(c, next) {
    const address = clientAddress(c);
    let waitSeconds = buckets.take(address);
    if (waitSeconds === 0 && nodeWide) {
      try {
        waitSeconds = await nodeWide.take(address);
      } catch {
        buckets.refund(address, 1);
        return requestError(c, 'not_ready', 'the node is not ready; retry later');
      }
      if (waitSeconds > 0) buckets.refund(address, 1);
    }
    if (waitSeconds > 0) {
      c.header('Retry-After', String(waitSeconds));
      return requestError(c, 'rate_limited', 'too many requests; retry later');
    }
    await next();
  };
}
