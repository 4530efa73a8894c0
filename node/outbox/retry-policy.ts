/**
 * When to try a failed delivery again: a pure function of how often and how long it has failed.
 * Exponential backoff with jitter, a partner's Retry-After honoured within a clamp, and a horizon
 * (7 days by default) after which the message is dead-lettered. The last try lands at the horizon.
 */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  horizonMs: number;
  retryAfterMaxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 60 * 60_000,
  horizonMs: 7 * 24 * 3600_000,
  retryAfterMaxMs: 3600_000,
};

export interface RetryInput {
  /** Failed attempts so far, this one included (≥ 1). */
  attempts: number;
  /** Time since the retry horizon started for this message. */
  elapsedMs: number;
  /** The partner's Retry-After, when it sent one. */
  retryAfterMs?: number | null;
  /** A number in [0, 1); injected so tests are exact. */
  random: number;
}

export type RetryDecision = { retryInMs: number } | 'give-up';

export function nextRetry(policy: RetryPolicy, input: RetryInput): RetryDecision {
  const remaining = policy.horizonMs - input.elapsedMs;
  if (remaining <= 0) return 'give-up';
  const exponent = Math.min(Math.max(input.attempts - 1, 0), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  // "Equal jitter": at least half the ceiling, so a failing partner is never hammered.
  let delay = ceiling / 2 + (ceiling / 2) * input.random;
  if (input.retryAfterMs != null) {
    delay = Math.max(delay, Math.min(input.retryAfterMs, policy.retryAfterMaxMs));
  }
  return { retryInMs: Math.round(Math.min(delay, remaining)) };
}
