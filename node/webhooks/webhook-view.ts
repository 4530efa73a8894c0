/**
 * How the admin API shows a webhook endpoint and its deliveries (never the secret); the
 * `webhook.*` events carry the same shape.
 */
import type { WebhookDelivery, WebhookEndpoint } from '../store/webhook-store.ts';

export function webhookView(endpoint: WebhookEndpoint) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description,
    status: endpoint.status,
    disabledReason: endpoint.disabledReason,
    disabledAt: endpoint.disabledAt?.toISOString() ?? null,
    previousSecretUntil: endpoint.previousSecretUntil?.toISOString() ?? null,
    cursor: endpoint.cursor,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

export function deliveryView(d: WebhookDelivery) {
  return {
    seq: d.seq,
    webhookId: d.messageId,
    eventCursor: d.eventSeq,
    type: d.type,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    deadAt: d.deadAt?.toISOString() ?? null,
  };
}
