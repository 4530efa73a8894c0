/**
 * Webhook endpoint management shared by the admin API and the CLI: input checks (the URL passes
 * the same SSRF checks as a partner's), creation with a secret shown once, rotation with an
 * overlap, replay from a cursor, and the "send a test event" call.
 */
import { randomUUID } from 'node:crypto';
import type { NodeDeps } from '../deps.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { isEventPattern, MAX_PATTERNS } from '../events/event-patterns.ts';
import { newEventId } from '../events/emit-event.ts';
import { checkUrl } from '../net/ssrf-guard.ts';
import type { WebhookEndpoint } from '../store/webhook-store.ts';
import { newWebhookSecret } from './webhook-signature.ts';

export { deliveryView, webhookView } from './webhook-view.ts';

export const MAX_WEBHOOKS = 50;
export const DEFAULT_ROTATION_OVERLAP_HOURS = 24;

export function checkWebhookUrl(deps: Pick<NodeDeps, 'config'>, url: unknown): string {
  if (typeof url !== 'string' || url.length > 2048) {
    throw badRequest(
      'invalid_field',
      'url must be an http(s) URL of at most 2048 characters',
      'url',
    );
  }
  const check = checkUrl(url, {
    allowLoopback: deps.config.allowLoopback,
    allowPrivate: deps.config.allowPrivate,
  });
  if (!check.ok) throw badRequest(check.code, `url refused: ${check.detail}`, 'url');
  return check.url.toString();
}

export function checkEventPatterns(events: unknown): string[] {
  if (
    !Array.isArray(events) ||
    events.length > MAX_PATTERNS ||
    !events.every((e) => typeof e === 'string' && isEventPattern(e))
  ) {
    throw badRequest(
      'invalid_field',
      `events must be a list of up to ${MAX_PATTERNS} event types or prefixes (lead. or lead.*)`,
      'events',
    );
  }
  return [...new Set(events as string[])];
}

export async function createWebhook(
  deps: Pick<NodeDeps, 'store' | 'clock' | 'config'>,
  input: { url: unknown; events: unknown; description: unknown },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const url = checkWebhookUrl(deps, input.url);
  const events = checkEventPatterns(input.events ?? []);
  const description = input.description ?? '';
  if (typeof description !== 'string' || description.length > 500) {
    throw badRequest('invalid_field', 'description must be at most 500 characters', 'description');
  }
  const secret = newWebhookSecret();
  const now = deps.clock.now();
  const endpoint = await deps.store.transact(async (tx) => {
    if ((await tx.webhooks.list()).length >= MAX_WEBHOOKS) {
      throw new AppError(409, 'too_many_webhooks', `at most ${MAX_WEBHOOKS} webhook endpoints`);
    }
    // A new endpoint gets what happens from now on; `replay` sends older events.
    const cursor = await tx.events.latestSeq();
    const id = `wh_${randomUUID().replaceAll('-', '')}`;
    return tx.webhooks.create({ id, url, events, description, secret, cursor, at: now });
  });
  return { endpoint, secret };
}

export async function getWebhook(deps: Pick<NodeDeps, 'store'>, id: string) {
  const endpoint = await deps.store.read((tx) => tx.webhooks.get(id));
  if (!endpoint) throw notFound(`webhook ${id}`);
  return endpoint;
}

export async function rotateWebhookSecret(
  deps: Pick<NodeDeps, 'store' | 'clock'>,
  id: string,
  overlapHours: number,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const secret = newWebhookSecret();
  const now = deps.clock.now();
  const until = new Date(now.getTime() + overlapHours * 3600_000);
  const endpoint = await deps.store.transact(async (tx) => {
    if (!(await tx.webhooks.rotateSecret(id, secret, until, now))) throw notFound(`webhook ${id}`);
    return (await tx.webhooks.get(id))!;
  });
  return { endpoint, secret };
}

/** Queues every matching event after `after` again (same webhook-ids); how many. */
export async function replayWebhook(
  deps: Pick<NodeDeps, 'store' | 'clock'>,
  id: string,
  after: number,
): Promise<WebhookEndpoint> {
  return deps.store.transact(async (tx) => {
    const endpoint = await tx.webhooks.get(id);
    if (!endpoint) throw notFound(`webhook ${id}`);
    if (after > endpoint.cursor) return endpoint;
    return (await tx.webhooks.update(id, { cursor: after }, deps.clock.now()))!;
  });
}

/** Queues a `webhook.test` event for this endpoint only, behind what it already has queued. */
export async function sendTestEvent(deps: Pick<NodeDeps, 'store' | 'clock'>, id: string) {
  const now = deps.clock.now();
  const messageId = newEventId();
  await deps.store.transact(async (tx) => {
    if (!(await tx.webhooks.get(id))) throw notFound(`webhook ${id}`);
    const payload = JSON.stringify({
      id: messageId,
      cursor: null,
      type: 'webhook.test',
      subject: id,
      timestamp: now.toISOString(),
      cause: { kind: 'staff', principal: 'test' },
      data: { webhookId: id, message: 'a test event from partner-sync' },
    });
    await tx.webhooks.enqueue(
      [{ webhookId: id, messageId, eventSeq: null, type: 'webhook.test', payload }],
      now,
    );
  });
  return { webhookId: messageId };
}
