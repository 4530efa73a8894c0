/** Conversions between webhook rows (integer millis, JSON text) and webhook records. */
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../../db/schema/events.ts';
import type {
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookSecrets,
  WebhookStatus,
} from '../webhook-store.ts';

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export function endpointFromRow(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    description: row.description,
    status: row.status as WebhookStatus,
    disabledReason: row.disabledReason,
    disabledAt: date(row.disabledAt),
    previousSecretUntil: date(row.previousSecretUntil),
    cursor: row.cursor,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

export function secretsFromRow(row: WebhookEndpointRow): WebhookSecrets {
  return {
    secret: row.secret,
    previousSecret: row.previousSecret,
    previousSecretUntil: date(row.previousSecretUntil),
  };
}

export function deliveryFromRow(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    seq: row.seq,
    webhookId: row.webhookId,
    messageId: row.messageId,
    eventSeq: row.eventSeq,
    type: row.type,
    payload: row.payload,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.nextAttemptAt),
    horizonFrom: new Date(row.horizonFrom),
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    createdAt: new Date(row.createdAt),
    deliveredAt: date(row.deliveredAt),
    deadAt: date(row.deadAt),
  };
}
