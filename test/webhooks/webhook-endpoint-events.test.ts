/**
 * Webhook endpoints are records too: creating, changing, disabling (by an admin or by a 410),
 * rotating and deleting one emits a `webhook.*` event whose data is the endpoint as
 * GET /api/webhooks/{id} shows it, never its secret. The worker moving an endpoint's cursor is
 * not an event. Delivered rows older than webhookDeliveryRetentionDays are pruned by a job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNode, eventually, ManualClock, type TestNode } from '../support/test-node.ts';
import { expectApi, newLead } from '../leads/lead-nodes.ts';
import { JOBS } from '../../node/jobs/registry.ts';
import { webhookDeliveryRetentionJob } from '../../node/webhooks/delivery-retention-job.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const DAY = 24 * 3600_000;
const MINUTE = 60_000;
const clock = new ManualClock(new Date());
let node: TestNode;
let receiver: Receiver;

beforeAll(async () => {
  node = await createTestNode({
    name: 'hook-events',
    clock,
    settings: { webhookDeliveryRetentionDays: 2 },
  });
  receiver = await startReceiver();
});
afterAll(async () => {
  await node?.stop();
  await receiver?.close();
});

const webhookEvents = async () =>
  (await expectApi(node, 200, 'GET', '/events?types=webhook.')).events as any[];

describe('webhook endpoint events', () => {
  it('emits an event with the admin view for each change an operator makes', async () => {
    const created = await expectApi(node, 201, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['lead.'],
      description: 'CRM',
    });
    const id = created.id as string;
    await expectApi(node, 200, 'PATCH', `/webhooks/${id}`, { description: 'CRM (EU)' });
    await expectApi(node, 200, 'POST', `/webhooks/${id}/disable`);
    await expectApi(node, 200, 'POST', `/webhooks/${id}/enable`);
    await expectApi(node, 200, 'POST', `/webhooks/${id}/rotate-secret`, { overlapHours: 1 });
    const { webhook: shown } = await expectApi(node, 200, 'GET', `/webhooks/${id}`);
    // The worker's cursor moves are bookkeeping, not events.
    await expectApi(node, 201, 'POST', '/leads', newLead('HE1'));
    await node.deps.webhooks.runOnce();
    await expectApi(node, 200, 'DELETE', `/webhooks/${id}`);

    const events = await webhookEvents();
    expect(events.map((e) => e.type)).toEqual([
      'webhook.created',
      'webhook.updated',
      'webhook.disabled',
      'webhook.enabled',
      'webhook.secret_rotated',
      'webhook.deleted',
    ]);
    expect(events.every((e) => e.subject === id)).toBe(true);
    expect(events[0].data).toEqual(created.webhook);
    expect(events[1].data.description).toBe('CRM (EU)');
    expect(events[2].data).toMatchObject({
      status: 'disabled',
      disabledReason: 'disabled by an admin',
    });
    // The worker may move the cursor in between; all else is as the admin API shows it.
    expect(events[4].data).toEqual({ ...shown, cursor: expect.any(Number) });
    expect(events[5].data).toEqual({ id });
    expect(events.every((e) => e.cause.kind === 'staff')).toBe(true);
    const text = JSON.stringify(events);
    expect(text).not.toContain('whsec_');
    expect(text).not.toContain(created.secret);
  });

  it('emits webhook.disabled when a receiver answers 410 Gone', async () => {
    const created = await expectApi(node, 201, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['lead.created'],
    });
    receiver.mode = 'gone';
    await expectApi(node, 201, 'POST', '/leads', newLead('HE2'));
    await eventually(async () => {
      await node.deps.webhooks.runOnce();
      return (await webhookEvents()).some(
        (e) =>
          e.type === 'webhook.disabled' && e.subject === created.id && e.cause.kind !== 'staff',
      );
    });
    const gone = (await webhookEvents()).filter((e) => e.subject === created.id).at(-1);
    expect(gone.data).toMatchObject({
      status: 'disabled',
      disabledReason: 'the receiver answered 410 Gone',
    });
    receiver.mode = 'up';
    await expectApi(node, 200, 'DELETE', `/webhooks/${created.id}`);
  });
});

describe('webhook delivery retention', () => {
  it('prunes delivered rows past the retention period and keeps pending and dead ones', async () => {
    receiver.received = [];
    receiver.mode = 'up';
    const created = await expectApi(node, 201, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['lead.created'],
    });
    receiver.secrets = [created.secret];
    const id = created.id as string;
    await expectApi(node, 201, 'POST', '/leads', newLead('OLD1'));
    await expectApi(node, 201, 'POST', '/leads', newLead('OLD2'));
    await eventually(async () => {
      await node.deps.webhooks.runOnce();
      return receiver.received.length >= 2;
    });
    // The receiver checks webhook-timestamp against the real time (5 minutes' tolerance).
    clock.advance(3 * MINUTE);
    await expectApi(node, 201, 'POST', '/leads', newLead('NEW1'));
    await eventually(async () => {
      await node.deps.webhooks.runOnce();
      return receiver.received.length >= 3;
    });
    // One still owed: the receiver is down, so it stays pending however old it gets.
    receiver.mode = 'down';
    await expectApi(node, 201, 'POST', '/leads', newLead('OWED'));
    await node.deps.webhooks.runOnce();

    // Two days after the first two were delivered, and before the third was.
    const later = new Date(clock.now().getTime() + 2 * DAY - 1.5 * MINUTE);
    expect(await webhookDeliveryRetentionJob.run(node.deps, later)).toBe(2);
    const { deliveries } = await expectApi(node, 200, 'GET', `/webhooks/${id}/deliveries`);
    expect(deliveries.map((d: any) => d.status)).toEqual(['pending', 'delivered']);
    // Run again: nothing more is old enough.
    expect(await webhookDeliveryRetentionJob.run(node.deps, later)).toBe(0);
    expect(JOBS).toContain(webhookDeliveryRetentionJob);
    receiver.mode = 'up';
    await expectApi(node, 200, 'DELETE', `/webhooks/${id}`);
  });
});
