/**
 * Standard Webhooks delivery against a real receiver that verifies with the independent
 * `standardwebhooks` library: an outage of ten simulated minutes loses nothing and repeats
 * nothing (per webhook-id, in order), a 410 disables the endpoint, a rotated secret overlaps,
 * and the test event, replay, delivery log and URL checks work over the admin API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { createTestNode, eventually, ManualClock, type TestNode } from '../support/test-node.ts';
import { expectApi, newLead } from '../leads/lead-nodes.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const MINUTE = 60_000;
// The receiver checks webhook-timestamp against the real time (5 minutes' tolerance): the
// simulated outage ends near the real now.
const clock = new ManualClock(new Date(Date.now() - 11 * MINUTE));
let node: TestNode;
let receiver: Receiver;

beforeAll(async () => {
  // Retries at most a minute apart, so that the recovery is seen within a simulated minute.
  node = await createTestNode({ name: 'hooks', clock, settings: { retryMaxDelaySeconds: 60 } });
  receiver = await startReceiver();
});
afterAll(async () => {
  await node?.stop();
  await receiver?.close();
});

async function createHook(events: string[]) {
  const created = await expectApi(node, 201, 'POST', '/webhooks', {
    url: receiver.url,
    events,
    description: 'CRM',
  });
  expect(created.secret).toMatch(/^whsec_/);
  receiver.secrets = [created.secret];
  return created as { id: string; secret: string };
}

describe('webhook delivery', () => {
  it('delivers every event once per webhook-id, in order, after a ten-minute outage', async () => {
    const hook = await createHook(['lead.created', 'lead.withdrawn']);
    expect((await expectApi(node, 200, 'GET', '/webhooks')).webhooks).toMatchObject([
      {
        id: hook.id,
        url: receiver.url,
        status: 'active',
        events: ['lead.created', 'lead.withdrawn'],
      },
    ]);
    receiver.mode = 'down';
    for (let i = 1; i <= 5; i++) await expectApi(node, 201, 'POST', '/leads', newLead(`W${i}`));
    await expectApi(node, 200, 'POST', '/leads/W2/withdraw', { reason: 'duplicate' });
    const expected = (
      await expectApi(node, 200, 'GET', '/events?types=lead.created,lead.withdrawn')
    ).events;
    expect(expected).toHaveLength(6);

    for (let t = 0; t < 10; t++) {
      await node.deps.webhooks.runOnce();
      clock.advance(MINUTE);
    }
    expect(receiver.requests).toBeGreaterThan(5);
    expect(receiver.received).toHaveLength(0);
    const during = (await expectApi(node, 200, 'GET', `/webhooks/${hook.id}/deliveries`))
      .deliveries;
    expect(during.at(-1)).toMatchObject({ status: 'pending', lastStatus: 503 });
    expect(during.at(-1).attempts).toBeGreaterThan(3);

    receiver.mode = 'up';
    clock.advance(MINUTE);
    await eventually(async () => {
      await node.deps.webhooks.runOnce();
      return receiver.received.length >= 6;
    });
    const ids = receiver.received.map((r) => r.webhookId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected.map((e: any) => e.id));
    expect(receiver.received.map((r) => r.body)).toEqual(expected);
    const log = (await expectApi(node, 200, 'GET', `/webhooks/${hook.id}/deliveries`)).deliveries;
    expect(log.every((d: any) => d.status === 'delivered' && d.lastStatus === 204)).toBe(true);

    // Replay from a cursor: the same events again under the same webhook-ids.
    await expectApi(node, 200, 'POST', `/webhooks/${hook.id}/replay`, {
      after: expected[3].cursor,
    });
    await eventually(async () => {
      await node.deps.webhooks.runOnce();
      return receiver.received.length >= 8;
    });
    expect(receiver.received.slice(6).map((r) => r.webhookId)).toEqual(
      expected.slice(4).map((e: any) => e.id),
    );
    await expectApi(node, 200, 'DELETE', `/webhooks/${hook.id}`);
  });

  it('signs with both secrets while a rotation overlaps, and sends a test event', async () => {
    receiver.received = [];
    clock.set(new Date());
    const hook = await createHook(['lead.created']);
    const rotated = await expectApi(node, 200, 'POST', `/webhooks/${hook.id}/rotate-secret`, {
      overlapHours: 1,
    });
    expect(rotated.secret).not.toBe(hook.secret);
    receiver.secrets = [hook.secret];
    const sent = await expectApi(node, 202, 'POST', `/webhooks/${hook.id}/test`);
    await eventually(async () => {
      await node.deps.webhooks.runOnce();
      return receiver.received.length >= 1;
    });
    const got = receiver.received[0]!;
    expect(got).toMatchObject({ webhookId: sent.webhookId, type: 'webhook.test' });
    expect(got.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    // Each secret alone verifies the same request.
    for (const secret of [hook.secret, rotated.secret]) {
      expect(() => new Webhook(secret).verify(JSON.stringify(got.body), got.headers)).not.toThrow();
    }
    // Without an overlap only the new secret signs.
    const again = await expectApi(node, 200, 'POST', `/webhooks/${hook.id}/rotate-secret`, {
      overlapHours: 0,
    });
    receiver.secrets = [again.secret];
    await expectApi(node, 202, 'POST', `/webhooks/${hook.id}/test`);
    await eventually(async () => {
      await node.deps.webhooks.runOnce();
      return receiver.received.length >= 2;
    });
    expect(receiver.received[1]!.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    await expectApi(node, 200, 'DELETE', `/webhooks/${hook.id}`);
  });

  it('disables an endpoint that answers 410 Gone and shows why in the list', async () => {
    receiver.received = [];
    clock.set(new Date());
    const hook = await createHook([]);
    receiver.mode = 'gone';
    await expectApi(node, 201, 'POST', '/leads', newLead('G1'));
    await eventually(async () => {
      await node.deps.webhooks.runOnce();
      const { webhook } = await expectApi(node, 200, 'GET', `/webhooks/${hook.id}`);
      return webhook.status === 'disabled';
    });
    const { webhooks } = await expectApi(node, 200, 'GET', '/webhooks');
    expect(webhooks.find((w: any) => w.id === hook.id)).toMatchObject({
      status: 'disabled',
      disabledReason: 'the receiver answered 410 Gone',
    });
    // Nothing is lost: re-enabled, the endpoint gets what waited.
    receiver.mode = 'up';
    await expectApi(node, 200, 'POST', `/webhooks/${hook.id}/enable`);
    await eventually(async () => {
      await node.deps.webhooks.runOnce();
      return receiver.received.some((r) => r.body.subject === 'G1');
    });
    await expectApi(node, 200, 'DELETE', `/webhooks/${hook.id}`);
  });

  it('refuses URLs the SSRF guard refuses, and bad event filters', async () => {
    for (const [body, code] of [
      [{ url: 'http://169.254.169.254/latest', events: [] }, 'ssrf_blocked'],
      [{ url: 'ftp://example.com/', events: [] }, 'bad_url'],
      [{ url: receiver.url, events: ['Lead!'] }, 'invalid_field'],
      [{ url: receiver.url, events: [], secret: 'mine' }, 'invalid_field'],
    ] as const) {
      const res = await node.api('POST', '/webhooks', body);
      expect(res, JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code } } });
    }
    expect((await node.api('GET', '/webhooks/wh_nope')).status).toBe(404);
  });
});
