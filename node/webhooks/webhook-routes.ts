/**
 * Webhook endpoints in the admin API (docs/integrations.md): create (the secret is in this answer
 * only), list, read, update, enable/disable, delete, rotate the secret, send a test event, replay
 * from a cursor, retry dead letters, and the delivery log.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app.ts';
import type { AdminEnv } from '../admin/admin-env.ts';
import {
  invalidField,
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  optionalInteger,
  queryValue,
  rejectUnknownFields,
  rejectUnknownQuery,
} from '../admin/fields.ts';
import { jsonBody } from '../admin/json-body.ts';
import { notFound } from '../errors.ts';
import type { WebhookDeliveryStatus } from '../store/webhook-store.ts';
import {
  DEFAULT_ROTATION_OVERLAP_HOURS,
  checkEventPatterns,
  checkWebhookUrl,
  createWebhook,
  deliveryView,
  getWebhook,
  replayWebhook,
  rotateWebhookSecret,
  sendTestEvent,
  webhookView,
} from './webhook-service.ts';

const DELIVERY_STATUSES: readonly WebhookDeliveryStatus[] = [
  'pending',
  'in_flight',
  'delivered',
  'dead',
];

export function createWebhookRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const wake = () => deps.webhooks.notify();

  app.post('/webhooks', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['url', 'events', 'description']);
    const { endpoint, secret } = await createWebhook(deps, {
      url: body['url'],
      events: body['events'],
      description: body['description'],
    });
    deps.log.info({ category: 'webhooks', webhookId: endpoint.id }, 'webhook endpoint created');
    return c.json({ id: endpoint.id, secret, webhook: webhookView(endpoint) }, 201);
  });

  app.get('/webhooks', async (c) => {
    rejectUnknownQuery(c, []);
    const endpoints = await deps.store.read((tx) => tx.webhooks.list());
    return c.json({ webhooks: endpoints.map(webhookView) });
  });

  app.get('/webhooks/:id', async (c) => {
    return c.json({ webhook: webhookView(await getWebhook(deps, c.req.param('id'))) });
  });

  app.patch('/webhooks/:id', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['url', 'events', 'description', 'status']);
    const status = body['status'];
    if (status !== undefined && status !== 'active' && status !== 'disabled') {
      throw invalidField('status', 'status must be active or disabled');
    }
    const description = body['description'];
    if (
      description !== undefined &&
      (typeof description !== 'string' || description.length > 500)
    ) {
      throw invalidField('description', 'description must be at most 500 characters');
    }
    const changes = {
      ...(body['url'] !== undefined ? { url: checkWebhookUrl(deps, body['url']) } : {}),
      ...(body['events'] !== undefined ? { events: checkEventPatterns(body['events']) } : {}),
      ...(description !== undefined ? { description: description as string } : {}),
      ...(status !== undefined
        ? { status: status as 'active' | 'disabled', disabledReason: 'disabled by an admin' }
        : {}),
    };
    const endpoint = await deps.store.transact((tx) =>
      tx.webhooks.update(c.req.param('id'), changes, deps.clock.now()),
    );
    if (!endpoint) throw notFound(`webhook ${c.req.param('id')}`);
    wake();
    return c.json({ webhook: webhookView(endpoint) });
  });

  for (const [action, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    app.post(`/webhooks/:id/${action}`, async (c) => {
      const endpoint = await deps.store.transact((tx) =>
        tx.webhooks.update(
          c.req.param('id'),
          { status, disabledReason: 'disabled by an admin' },
          deps.clock.now(),
        ),
      );
      if (!endpoint) throw notFound(`webhook ${c.req.param('id')}`);
      wake();
      return c.json({ webhook: webhookView(endpoint) });
    });
  }

  app.delete('/webhooks/:id', async (c) => {
    const id = c.req.param('id');
    const deleted = await deps.store.transact((tx) => tx.webhooks.delete(id));
    if (!deleted) throw notFound(`webhook ${id}`);
    return c.json({ deleted: id });
  });

  app.post('/webhooks/:id/rotate-secret', jsonBody({ optional: true }), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['overlapHours']);
    const overlapHours =
      optionalInteger(body, 'overlapHours', { min: 0, max: 720 }) ?? DEFAULT_ROTATION_OVERLAP_HOURS;
    const { endpoint, secret } = await rotateWebhookSecret(deps, c.req.param('id'), overlapHours);
    return c.json({ id: endpoint.id, secret, webhook: webhookView(endpoint) });
  });

  app.post('/webhooks/:id/test', async (c) => {
    const sent = await sendTestEvent(deps, c.req.param('id'));
    wake();
    return c.json(sent, 202);
  });

  app.post('/webhooks/:id/replay', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['after']);
    const after = optionalInteger(body, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER });
    if (after === undefined) throw invalidField('after', 'after (an event cursor) is required');
    const endpoint = await replayWebhook(deps, c.req.param('id'), after);
    wake();
    return c.json({ webhook: webhookView(endpoint) });
  });

  app.post('/webhooks/:id/retry-dead', async (c) => {
    const id = c.req.param('id');
    await getWebhook(deps, id);
    const retried = await deps.store.transact((tx) => tx.webhooks.retryDead(id, deps.clock.now()));
    wake();
    return c.json({ retried });
  });

  app.get('/webhooks/:id/deliveries', async (c) => {
    rejectUnknownQuery(c, ['status', 'before', 'limit']);
    const id = c.req.param('id');
    await getWebhook(deps, id);
    const status = queryValue(c, 'status');
    if (status !== undefined && !DELIVERY_STATUSES.includes(status as WebhookDeliveryStatus)) {
      throw invalidField('status', `status must be one of ${DELIVERY_STATUSES.join(', ')}`);
    }
    const before = queryValue(c, 'before');
    if (before !== undefined && !/^\d{1,16}$/.test(before)) {
      throw invalidField('before', 'before must be a delivery seq');
    }
    const rawLimit = queryValue(c, 'limit') ?? String(DEFAULT_PAGE_LIMIT);
    const limit = /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : 0;
    if (limit < 1 || limit > MAX_PAGE_LIMIT) {
      throw invalidField('limit', `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}`);
    }
    const deliveries = await deps.store.read((tx) =>
      tx.webhooks.listDeliveries(id, {
        limit,
        ...(status ? { status: status as WebhookDeliveryStatus } : {}),
        ...(before !== undefined ? { before: Number(before) } : {}),
      }),
    );
    return c.json({ deliveries: deliveries.map(deliveryView) });
  });

  return app;
}
