import { describe, expect, it } from 'vitest';
import {
  classifyAnswer,
  DEFAULT_RETRY_POLICY,
  isPermanentStatus,
  nextRetry,
  type RetryPolicy,
} from '../../../node/outbox/retry-policy.ts';

const POLICY: RetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  horizonMs: 3_600_000,
  retryAfterMaxMs: 120_000,
};

const delayOf = (decision: ReturnType<typeof nextRetry>): number => {
  if (decision === 'give-up') throw new Error('expected a delay, got give-up');
  return decision.retryInMs;
};

describe('retry-policy', () => {
  describe('nextRetry', () => {
    it('doubles the ceiling with each attempt and waits at least half of it (equal jitter)', () => {
      const at = (attempts: number, random: number) =>
        delayOf(nextRetry(POLICY, { attempts, elapsedMs: 0, random }));
      expect([1, 2, 3, 4].map((n) => at(n, 0))).toEqual([500, 1_000, 2_000, 4_000]);
      expect([1, 2, 3, 4].map((n) => at(n, 0.999999))).toEqual([1_000, 2_000, 4_000, 8_000]);
      expect(at(1, 0.5)).toBe(750);
    });

    it('caps the delay at maxDelayMs however often it failed, without overflowing', () => {
      // 1 s × 2^6 = 64 s is past the 60 s cap; 2^5 = 32 s is not.
      expect(delayOf(nextRetry(POLICY, { attempts: 6, elapsedMs: 0, random: 0.999999 }))).toBe(
        32_000,
      );
      for (const attempts of [7, 8, 31, 32, 1_000, Number.MAX_SAFE_INTEGER]) {
        const low = nextRetry(POLICY, { attempts, elapsedMs: 0, random: 0 });
        const high = nextRetry(POLICY, { attempts, elapsedMs: 0, random: 0.999999 });
        expect(delayOf(low), String(attempts)).toBe(30_000);
        expect(delayOf(high), String(attempts)).toBe(60_000);
      }
      // Attempt 0 (never counted) is treated as the first.
      expect(delayOf(nextRetry(POLICY, { attempts: 0, elapsedMs: 0, random: 0 }))).toBe(500);
    });

    it('honours a longer Retry-After, clamped to retryAfterMaxMs, and ignores a shorter one', () => {
      const base = { attempts: 1, elapsedMs: 0, random: 0 };
      expect(delayOf(nextRetry(POLICY, { ...base, retryAfterMs: 10_000 }))).toBe(10_000);
      expect(delayOf(nextRetry(POLICY, { ...base, retryAfterMs: 120_000 }))).toBe(120_000);
      expect(delayOf(nextRetry(POLICY, { ...base, retryAfterMs: 120_001 }))).toBe(120_000);
      expect(delayOf(nextRetry(POLICY, { ...base, retryAfterMs: 86_400_000 }))).toBe(120_000);
      // Shorter than the backoff: the backoff wins, so a partner cannot make us hammer it.
      expect(delayOf(nextRetry(POLICY, { ...base, retryAfterMs: 100 }))).toBe(500);
      expect(delayOf(nextRetry(POLICY, { ...base, retryAfterMs: 0 }))).toBe(500);
      expect(delayOf(nextRetry(POLICY, { ...base, retryAfterMs: null }))).toBe(500);
    });

    it('lands the last try on the horizon and gives up once it has passed', () => {
      const { horizonMs } = POLICY;
      const late = { attempts: 20, random: 0.999999, retryAfterMs: 120_000 };
      expect(delayOf(nextRetry(POLICY, { ...late, elapsedMs: horizonMs - 5_000 }))).toBe(5_000);
      expect(delayOf(nextRetry(POLICY, { ...late, elapsedMs: horizonMs - 1 }))).toBe(1);
      expect(nextRetry(POLICY, { ...late, elapsedMs: horizonMs })).toBe('give-up');
      expect(nextRetry(POLICY, { ...late, elapsedMs: horizonMs + 1 })).toBe('give-up');
      expect(nextRetry(POLICY, { attempts: 1, elapsedMs: horizonMs, random: 0 })).toBe('give-up');
    });

    it('gives up at once on a permanent status, and retries the ones that ask us back', () => {
      const base = { attempts: 1, elapsedMs: 0, random: 0 };
      for (const status of [400, 401, 403, 404, 409, 413, 422, 499]) {
        expect(nextRetry(POLICY, { ...base, status }), String(status)).toBe('give-up');
      }
      for (const status of [200, 202, 301, 399, 408, 429, 500, 502, 503, 599]) {
        expect(delayOf(nextRetry(POLICY, { ...base, status })), String(status)).toBe(500);
      }
    });

    it('keeps the default policy at a 7-day horizon with a one-hour cap and clamp', () => {
      expect(DEFAULT_RETRY_POLICY).toEqual({
        baseDelayMs: 1_000,
        maxDelayMs: 3_600_000,
        horizonMs: 7 * 24 * 3_600_000,
        retryAfterMaxMs: 3_600_000,
      });
    });
  });

  describe('classifyAnswer', () => {
    it('treats a 4xx other than 408 and 429 as the partner’s final word', () => {
      expect([399, 400, 407, 408, 429, 499, 500].map(isPermanentStatus)).toEqual([
        false,
        true,
        true,
        false,
        false,
        true,
        false,
      ]);
    });

    it('retries what is not final, searches a refused batch one by one, dead-letters one', () => {
      expect(classifyAnswer(503, 1)).toBe('retry');
      expect(classifyAnswer(429, 5)).toBe('retry');
      expect(classifyAnswer(302, 5)).toBe('retry');
      expect(classifyAnswer(413, 5)).toBe('retry-each');
      expect(classifyAnswer(413, 2)).toBe('retry-each');
      expect(classifyAnswer(413, 1)).toBe('dead');
      expect(classifyAnswer(400, 1)).toBe('dead');
    });
  });
});
