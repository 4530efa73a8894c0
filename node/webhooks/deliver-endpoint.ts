/**
 * Delivers one endpoint's claimed run of events, in order, one request each. A 2xx delivers; any
 * other answer or a network failure retries the event with the outbox's policy (backoff, jitter,
 * Retry-After, horizon) and returns the rest of the run to the queue untouched, so nothing
 * overtakes it. A 410 Gone disables the endpoint: the receiver said it no longer exists.
 */
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { parseRetryAfter, type HttpClient } from '../net/http-client.ts';
import { nextRetry, type RetryPolicy } from '../outbox/retry-policy.ts';
import type { Store } from '../store/store.ts';
import type { WebhookDelivery, WebhookEndpoint, WebhookSecrets } from '../store/webhook-store.ts';
import { webhookHeaders } from './webhook-signature.ts';

export interface WebhookDeliverDeps {
  store: Store;
  http: HttpClient;
  clock: Clock;
  log: Logger;
  retryPolicy: RetryPolicy;
  random: () => number;
}

export const GONE_REASON = 'the receiver answered 410 Gone';

export async function deliverToEndpoint(
  deps: WebhookDeliverDeps,
  claim: { endpoint: WebhookEndpoint; secrets: WebhookSecrets; deliveries: WebhookDelivery[] },
  signal: AbortSignal,
): Promise<void> {
  const { endpoint, secrets, deliveries } = claim;
  const delivered: Array<{ seq: number; status: number }> = [];
  let stop: (() => Promise<void>) | null = null;

  for (const [i, delivery] of deliveries.entries()) {
    if (signal.aborted) break;
    const at = deps.clock.now();
    const headers = webhookHeaders(secrets, delivery.messageId, at, delivery.payload);
    const result = await deps.http.postJson(endpoint.url, delivery.payload, { headers, signal });
    const status = result.ok ? result.response.status : null;
    if (status !== null && status >= 200 && status < 300) {
      delivered.push({ seq: delivery.seq, status });
      continue;
    }
    const rest = deliveries.slice(i + 1).map((d) => d.seq);
    const error = result.ok ? `HTTP ${status}` : `${result.code}: ${result.detail}`;
    if (status === 410) {
      stop = () =>
        deps.store.transact(async (tx) => {
          await tx.webhooks.update(
            endpoint.id,
            { status: 'disabled', disabledReason: GONE_REASON },
            at,
          );
          await tx.webhooks.reschedule([delivery.seq], {
            nextAttemptAt: at,
            status,
            error,
            countAttempt: true,
          });
          await tx.webhooks.reschedule(rest, {
            nextAttemptAt: at,
            status: null,
            error: null,
            countAttempt: false,
          });
        });
      deps.log.warn(
        { category: 'webhooks', webhookId: endpoint.id, url: endpoint.url },
        'webhook endpoint answered 410 Gone and was disabled; re-enable it with `partner-sync webhooks enable`',
      );
      break;
    }
    const retryAfterMs = result.ok
      ? parseRetryAfter(result.response.headers['retry-after'], at)
      : null;
    const decision = nextRetry(deps.retryPolicy, {
      attempts: delivery.attempts + 1,
      elapsedMs: at.getTime() - delivery.horizonFrom.getTime(),
      retryAfterMs,
      random: deps.random(),
    });
    if (decision === 'give-up') {
      // Past the horizon the event becomes a dead letter and the queue moves on.
      await deps.store.transact((tx) => tx.webhooks.markDead(delivery.seq, { status, error, at }));
      deps.log.warn(
        { category: 'webhooks', webhookId: endpoint.id, messageId: delivery.messageId, error },
        'webhook delivery dead-lettered',
      );
      continue;
    }
    const nextAttemptAt = new Date(at.getTime() + decision.retryInMs);
    stop = () =>
      deps.store.transact(async (tx) => {
        await tx.webhooks.reschedule([delivery.seq], {
          nextAttemptAt,
          status,
          error,
          countAttempt: true,
        });
        await tx.webhooks.reschedule(rest, {
          nextAttemptAt,
          status: null,
          error: null,
          countAttempt: false,
        });
      });
    break;
  }
  // One unit for the run's successes: a crash before it re-sends them with the same webhook-id,
  // which receivers drop as duplicates (at-least-once, as the spec expects).
  const at = deps.clock.now();
  await deps.store.transact(async (tx) => {
    for (const d of delivered) await tx.webhooks.markDelivered(d.seq, { status: d.status, at });
  });
  if (stop) await stop();
  else if (signal.aborted) {
    const unsent = deliveries
      .filter((d) => !delivered.some((x) => x.seq === d.seq))
      .map((d) => d.seq);
    await deps.store.transact((tx) =>
      tx.webhooks.reschedule(unsent, {
        nextAttemptAt: at,
        status: null,
        error: null,
        countAttempt: false,
      }),
    );
  }
}
