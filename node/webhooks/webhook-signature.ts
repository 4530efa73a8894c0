/**
 * Standard Webhooks headers, signed by the maintained `standardwebhooks` library rather than by
 * hand. During a secret rotation's overlap the previous secret signs too; the spec lets a
 * receiver accept any of the space-separated `v1,` signatures, so both old and new receivers pass.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { WebhookSecrets } from '../store/webhook-store.ts';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function webhookHeaders(
  secrets: WebhookSecrets,
  messageId: string,
  at: Date,
  payload: string,
): Record<string, string> {
  const signatures = [new Webhook(secrets.secret).sign(messageId, at, payload)];
  if (secrets.previousSecret && secrets.previousSecretUntil && secrets.previousSecretUntil > at) {
    signatures.push(new Webhook(secrets.previousSecret).sign(messageId, at, payload));
  }
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
