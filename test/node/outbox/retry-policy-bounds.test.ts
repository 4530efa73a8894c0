import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, nextRetry } from '../../../node/outbox/retry-policy.ts';

const P = DEFAULT_RETRY_POLICY;
const HOUR = 3600_000;

describe('outbox › retry-policy', () => {
  it('defaults to 1 s base, 1 h cap, a 7-day horizon and Retry-After honoured up to 1 h', () => {
    expect(P).toEqual({
      baseDelayMs: 1_000,
      maxDelayMs: HOUR,
      horizonMs: 7 * 24 * HOUR,
      retryAfterMaxMs: HOUR,
    });
  });

  it('doubles the ceiling per attempt, waiting between half of it and all of it', () => {
    const at = (attempts: number, random: number) =>
      nextRetry(P, { attempts, elapsedMs: 0, random });
    expect(at(1, 0)).toEqual({ retryInMs: 500 });
    expect(at(1, 0.5)).toEqual({ retryInMs: 750 });
    expect(at(1, 0.999)).toEqual({ retryInMs: 1000 });
    expect(at(2, 0)).toEqual({ retryInMs: 1_000 });
    expect(at(3, 0)).toEqual({ retryInMs: 2_000 });
    // The ceiling stops at maxDelayMs, and a huge attempt count does not overflow.
    expect(at(13, 0)).toEqual({ retryInMs: HOUR / 2 });
    expect(at(1_000, 0.999)).toEqual({ retryInMs: Math.round(HOUR / 2 + (HOUR / 2) * 0.999) });
    // An attempt count below 1 is treated as the first.
    expect(at(0, 0)).toEqual({ retryInMs: 500 });
  });

  it('honours a Retry-After longer than the backoff, clamped to retryAfterMaxMs', () => {
    const base = { attempts: 1, elapsedMs: 0, random: 0 };
    expect(nextRetry(P, { ...base, retryAfterMs: 120_000 })).toEqual({ retryInMs: 120_000 });
    expect(nextRetry(P, { ...base, retryAfterMs: 100 })).toEqual({ retryInMs: 500 });
    expect(nextRetry(P, { ...base, retryAfterMs: 5 * HOUR })).toEqual({ retryInMs: HOUR });
    expect(nextRetry(P, { ...base, retryAfterMs: null })).toEqual({ retryInMs: 500 });
    expect(nextRetry(P, { ...base, retryAfterMs: 0 })).toEqual({ retryInMs: 500 });
  });

  it('lands the last try at the horizon and gives up once it has passed', () => {
    const horizon = P.horizonMs;
    expect(nextRetry(P, { attempts: 20, elapsedMs: horizon - 10_000, random: 0 })).toEqual({
      retryInMs: 10_000,
    });
    expect(nextRetry(P, { attempts: 1, elapsedMs: horizon - 1, random: 0 })).toEqual({
      retryInMs: 1,
    });
    expect(nextRetry(P, { attempts: 1, elapsedMs: horizon, random: 0 })).toBe('give-up');
    expect(nextRetry(P, { attempts: 1, elapsedMs: horizon + 1, random: 0 })).toBe('give-up');
  });
});
