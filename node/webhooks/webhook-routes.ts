/**
 * Webhook endpoints in the admin API (docs/integrations.md), declared in ./webhook-operations.ts:
 * create (the secret is in this answer only), list, read, update, enable/disable, delete, rotate
 * the secret, send a test event, replay from a cursor, retry dead letters, and the delivery log.
 */
import type { AppDeps } from '../app.ts';
import { DEFAULT_PAGE_LIMIT } from '../admin/fields.ts';
import { createOperationRouter } from '../admin/operation.ts';
import { notFound } from '../errors.ts';
import * as ops from './webhook-operations.ts';
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

export function createWebhookRoutes(deps: AppDeps) {
  const app = createOperationRouter();
  const wake = () => deps.webhooks.notify();

  app.openapi(ops.createWebhookOp, async (c) => {
    const body = c.req.valid('json');
    const { endpoint, secret } = await createWebhook(c.var.deps, {
      url: body.url,
      events: body.events,
      description: body.description,
    });
    c.var.deps.log.info(
      { category: 'webhooks', webhookId: endpoint.id },
      'webhook endpoint created',
    );
    return c.json({ id: endpoint.id, secret, webhook: webhookView(endpoint) }, 201);
  });

  app.openapi(ops.listWebhooks, async (c) => {
    const endpoints = await c.var.deps.store.read((tx) => tx.webhooks.list());
    return c.json({ webhooks: endpoints.map(webhookView) }, 200);
  });

  app.openapi(ops.getWebhookOp, async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ webhook: webhookView(await getWebhook(c.var.deps, id)) }, 200);
  });

  app.openapi(ops.updateWebhook, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const changes = {
      ...(body.url !== undefined ? { url: checkWebhookUrl(c.var.deps, body.url) } : {}),
      ...(body.events !== undefined ? { events: checkEventPatterns(body.events) } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.status !== undefined
        ? { status: body.status, disabledReason: 'disabled by an admin' }
        : {}),
    };
    const endpoint = await c.var.deps.store.transact((tx) =>
      tx.webhooks.update(id, changes, c.var.deps.clock.now()),
    );
    if (!endpoint) throw notFound(`webhook ${id}`);
    wake();
    return c.json({ webhook: webhookView(endpoint) }, 200);
  });

  for (const [route, status] of [
    [ops.disableWebhook, 'disabled'],
    [ops.enableWebhook, 'active'],
  ] as const) {
    app.openapi(route, async (c) => {
      const { id } = c.req.valid('param');
      const endpoint = await c.var.deps.store.transact((tx) =>
        tx.webhooks.update(
          id,
          { status, disabledReason: 'disabled by an admin' },
          c.var.deps.clock.now(),
        ),
      );
      if (!endpoint) throw notFound(`webhook ${id}`);
      wake();
      return c.json({ webhook: webhookView(endpoint) }, 200);
    });
  }

  app.openapi(ops.deleteWebhook, async (c) => {
    const { id } = c.req.valid('param');
    const deleted = await c.var.deps.store.transact((tx) => tx.webhooks.delete(id));
    if (!deleted) throw notFound(`webhook ${id}`);
    return c.json({ deleted: id }, 200);
  });

  app.openapi(ops.rotateWebhookSecretOp, async (c) => {
    const { id } = c.req.valid('param');
    const overlapHours = c.req.valid('json').overlapHours ?? DEFAULT_ROTATION_OVERLAP_HOURS;
    const { endpoint, secret } = await rotateWebhookSecret(c.var.deps, id, overlapHours);
    return c.json({ id: endpoint.id, secret, webhook: webhookView(endpoint) }, 200);
  });

  app.openapi(ops.testWebhook, async (c) => {
    const sent = await sendTestEvent(c.var.deps, c.req.valid('param').id);
    wake();
    return c.json(sent, 202);
  });

  app.openapi(ops.replayWebhookOp, async (c) => {
    const { id } = c.req.valid('param');
    const endpoint = await replayWebhook(c.var.deps, id, c.req.valid('json').after);
    wake();
    return c.json({ webhook: webhookView(endpoint) }, 200);
  });

  app.openapi(ops.retryWebhookDeadLetters, async (c) => {
    const { id } = c.req.valid('param');
    await getWebhook(c.var.deps, id);
    const retried = await c.var.deps.store.transact((tx) =>
      tx.webhooks.retryDead(id, c.var.deps.clock.now()),
    );
    wake();
    return c.json({ retried }, 200);
  });

  app.openapi(ops.listWebhookDeliveries, async (c) => {
    const { id } = c.req.valid('param');
    const { status, before, limit = DEFAULT_PAGE_LIMIT } = c.req.valid('query');
    await getWebhook(c.var.deps, id);
    const deliveries = await c.var.deps.store.read((tx) =>
      tx.webhooks.listDeliveries(id, {
        limit,
        ...(status ? { status } : {}),
        ...(before !== undefined ? { before } : {}),
      }),
    );
    return c.json({ deliveries: deliveries.map(deliveryView) }, 200);
  });

  return app;
}
