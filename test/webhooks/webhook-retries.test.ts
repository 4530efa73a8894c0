/**
 * How webhook deliveries fail and come back, against real receivers on 127.0.0.1: backoff with
 * jitter between attempts and a receiver's Retry-After within its clamp; past the horizon a dead
 * letter, the queue moving on, and `retry-dead` sending it again under the same webhook-id; a
 * receiver's name resolving to a private address refused at connect time; a receiver that never
 * answers cut off at the deadline and one sending 100 MB cut off at the response cap.
 */
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolveAll } from '../../node/net/ssrf-guard.ts';
import { startHostilePeer, type HostilePeer } from '../faults/support/hostile-peer.ts';
import { expectApi, newLead } from '../leads/lead-nodes.ts';
import {
  createTestNode,
  eventually,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../support/test-node.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const HOUR = 3600_000;
const DEADLINE_MS = 1000;
// Slack for a loaded machine: the deadline is an AbortSignal timer, the rest is bookkeeping.
const SLACK_MS = 2500;

afterAll(removeTestDirs);

async function createHook(node: TestNode, url: string, events: string[] = ['lead.created']) {
  return (await expectApi(node, 201, 'POST', '/webhooks', { url, events })) as {
    id: string;
    secret: string;
  };
}

async function deliveries(node: TestNode, id: string) {
  return (await expectApi(node, 200, 'GET', `/webhooks/${id}/deliveries`)).deliveries as Array<{
    webhookId: string;
    status: string;
    attempts: number;
    nextAttemptAt: string;
    lastStatus: number | null;
    lastError: string | null;
    deadAt: string | null;
  }>;
}

describe('webhook retries', () => {
  // The receiver checks webhook-timestamp against the real time, so the clock ends near it.
  const clock = new ManualClock(new Date(Date.now() - 80 * HOUR));
  let node: TestNode;
  let receiver: Receiver;

  beforeAll(async () => {
    node = await createTestNode({
      name: 'retries',
      clock,
      // Jitter drawn at the middle: each delay is three quarters of its ceiling.
      random: () => 0.5,
      settings: { retryAfterMaxSeconds: 300 },
    });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await node?.stop();
    await receiver?.close();
  });

  /**
   * The endpoint's newest delivery once it has had `attempts` attempts, moving the clock to each
   * next attempt (the node's own worker may make it; only the test moves the clock), and how long
   * after its last attempt the next one is due.
   */
  async function attempted(id: string, attempts: number) {
    return eventually(async () => {
      const head = (await deliveries(node, id)).at(-1);
      if (head && head.attempts >= attempts) {
        return { ...head, waitMs: Date.parse(head.nextAttemptAt) - clock.now().getTime() };
      }
      if (head && Date.parse(head.nextAttemptAt) > clock.now().getTime()) {
        clock.set(new Date(head.nextAttemptAt));
      }
      await node.deps.webhooks.runOnce();
      return null;
    });
  }

  it('backs off exponentially with jitter, and honours Retry-After up to its clamp', async () => {
    // The waits below add up to 7.4 minutes; the last attempt lands near the real time.
    clock.set(new Date(Date.now() - 7 * 60_000));
    const hook = await createHook(node, receiver.url);
    receiver.secrets = [hook.secret];
    receiver.mode = 'down';
    await expectApi(node, 201, 'POST', '/leads', newLead('R1'));

    // Base 1 s, doubling; equal jitter at 0.5 gives 3/4 of each ceiling.
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const head = await attempted(hook.id, attempt);
      expect(head).toMatchObject({ status: 'pending', lastStatus: 503, lastError: 'HTTP 503' });
      waits.push(head.waitMs);
    }
    expect(waits).toEqual([750, 1500, 3000, 6000, 12000]);

    // A Retry-After longer than the backoff is honoured, as seconds or as a date...
    receiver.retryAfter = '120';
    expect((await attempted(hook.id, 6)).waitMs).toBe(120_000);
    // ...but never past retryAfterMaxSeconds.
    receiver.retryAfter = '86400';
    expect((await attempted(hook.id, 7)).waitMs).toBe(300_000);

    receiver.mode = 'up';
    receiver.retryAfter = null;
    await attempted(hook.id, 8);
    expect(receiver.received.map((r) => r.body.subject)).toEqual(['R1']);
    expect((await deliveries(node, hook.id)).at(-1)).toMatchObject({
      status: 'delivered',
      attempts: 8,
      lastStatus: 204,
    });
    await expectApi(node, 200, 'DELETE', `/webhooks/${hook.id}`);
  });

  it('dead-letters an event past the horizon, moves on, and retry-dead sends it under the same webhook-id', async () => {
    receiver.received = [];
    receiver.mode = 'down';
    // 74 hours ago: the event's horizon (webhookRetryHorizonHours, 72) has passed by now.
    clock.set(new Date(Date.now() - 74 * HOUR));
    const hook = await createHook(node, receiver.url);
    receiver.secrets = [hook.secret];
    await expectApi(node, 201, 'POST', '/leads', newLead('OLD'));
    await attempted(hook.id, 1);

    clock.set(new Date());
    await expectApi(node, 201, 'POST', '/leads', newLead('NEW'));
    const [newer, older] = await eventually(async () => {
      await node.deps.webhooks.runOnce();
      const log = await deliveries(node, hook.id);
      return log.length === 2 && log[0]!.attempts === 1 && log[0]!.status === 'pending' && log;
    });
    expect(older).toMatchObject({ status: 'dead', attempts: 2, lastStatus: 503 });
    expect(older!.deadAt).not.toBeNull();
    // The queue moved on: the next event was tried in the same round, and waits for its retry.
    expect(newer).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 503 });

    receiver.mode = 'up';
    clock.advance(60_000);
    await eventually(async () => {
      await node.deps.webhooks.runOnce();
      return receiver.received.length >= 1;
    });
    expect(receiver.received.map((r) => r.body.subject)).toEqual(['NEW']);

    expect(await expectApi(node, 200, 'POST', `/webhooks/${hook.id}/retry-dead`)).toMatchObject({
      retried: 1,
    });
    await eventually(async () => {
      await node.deps.webhooks.runOnce();
      return receiver.received.length >= 2;
    });
    expect(receiver.received.map((r) => [r.body.subject, r.webhookId])).toEqual([
      ['NEW', newer!.webhookId],
      ['OLD', older!.webhookId],
    ]);
    expect((await deliveries(node, hook.id)).map((d) => d.status)).toEqual([
      'delivered',
      'delivered',
    ]);
    await expectApi(node, 200, 'DELETE', `/webhooks/${hook.id}`);
  });
});

describe('webhook receivers that misbehave', () => {
  // Any name under rebind.test resolves to a private address, as a hostile DNS answer would.
  const lookups: string[] = [];
  const resolveAll: ResolveAll = (hostname, _options, callback) => {
    lookups.push(hostname);
    if (!hostname.endsWith('.rebind.test')) {
      callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
      return;
    }
    const answer: LookupAddress[] = [{ address: '10.0.0.7', family: 4 }];
    callback(null, answer);
  };
  let node: TestNode;
  let receiver: Receiver;

  beforeAll(async () => {
    node = await createTestNode({
      name: 'hostile-hooks',
      httpHooks: { resolveAll },
      settings: { outboundTimeoutMs: DEADLINE_MS },
    });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await node?.stop();
    await receiver?.close();
  });

  it('refuses at connect time a receiver whose name resolves to a private address', async () => {
    // The name passes the check at creation (it is not an address); the connection does not.
    const hook = await createHook(
      node,
      `http://crm.rebind.test:${new URL(receiver.url).port}/hook`,
    );
    await expectApi(node, 201, 'POST', '/leads', newLead('S1'));
    const [head] = await eventually(async () => {
      const log = await deliveries(node, hook.id);
      return log[0]?.lastError ? log : null;
    });
    expect(head).toMatchObject({ status: 'pending', lastStatus: null });
    expect(head!.lastError).toMatch(/^ssrf_blocked: .*10\.0\.0\.7/);
    expect(lookups).toContain('crm.rebind.test');
    expect(receiver.requests).toBe(0);
    await expectApi(node, 200, 'DELETE', `/webhooks/${hook.id}`);
  });

  it('cuts off a receiver that never answers at the deadline, and a 100 MB answer at the cap', async () => {
    const HUNDRED_MB = 100 * 1024 * 1024;
    const peers: HostilePeer[] = await Promise.all([
      startHostilePeer({ type: 'hang' }),
      startHostilePeer({ type: 'huge', status: 200, bytes: HUNDRED_MB, declareLength: false }),
    ]);
    try {
      const [hung, huge] = await Promise.all(peers.map((p) => createHook(node, `${p.url}/hook`)));
      const started = Date.now();
      await expectApi(node, 201, 'POST', '/leads', newLead('H1'));
      for (const [hook, error] of [
        [hung!, /^timeout: /],
        [huge!, /^too_large: /],
      ] as const) {
        const [head] = await eventually(async () => {
          const log = await deliveries(node, hook.id);
          return log[0]?.lastError ? log : null;
        }, 10_000);
        // Retried: pending, or already in flight again.
        expect(head!.attempts).toBeGreaterThanOrEqual(1);
        expect(head!.lastError).toMatch(error);
      }
      expect(Date.now() - started).toBeLessThan(DEADLINE_MS + SLACK_MS);
      // The node hung up on both: they got rid of a few socket buffers' worth, not 100 MB.
      await eventually(async () => peers.every((p) => p.abandoned >= 1));
      expect(peers[1]!.bytesWritten).toBeLessThan(HUNDRED_MB / 4);
      for (const hook of [hung!, huge!]) {
        await expectApi(node, 200, 'DELETE', `/webhooks/${hook.id}`);
      }
    } finally {
      await Promise.all(peers.map((p) => p.close()));
    }
  });
});
