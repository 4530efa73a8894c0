/**
 * Whether and when to try a failed delivery again: pure functions of what the partner answered,
 * how often and how long it has failed. A 4xx is the partner's final word (a permanent failure);
 * anything else is retried with exponential backoff and jitter, a partner's Retry-After honoured
 * within a clamp, until a horizon (7 days by default) after which the message is dead-lettered.
 * The last try lands at the horizon.
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
  /** The HTTP status the partner answered, when it answered one. */
  status?: number | null;
}

export type RetryDecision = { retryInMs: number } | 'give-up';

/**
 * Whether an HTTP status is the partner's final word on a request: a 4xx, except 408 (timeout)
 * and 429 (too many requests), which ask us to come back. A redirect or another 2xx is no answer.
 */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * What to do with a batch the partner answered with a status other than 200: retry it; retry
 * each message as suspect (a permanent refusal of a batch of several: the culprit is found by
 * sending one at a time); or dead-letter it (a permanent refusal of one message).
 */
export type AnswerAction = 'retry' | 'retry-each' | 'dead';

export function classifyAnswer(status: number, batchSize: number): AnswerAction {
  if (!isPermanentStatus(status)) return 'retry';
  return batchSize > 1 ? 'retry-each' : 'dead';
}

export function nextRetry(policy: RetryPolicy, input: RetryInput): RetryDecision {
  if (input.status != null && isPermanentStatus(input.status)) return 'give-up';
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
