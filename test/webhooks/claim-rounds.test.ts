/**
 * Claim rounds of the webhook worker never overlap within a process: a round that starts while
 * another is still claiming waits for it, so it sees the other's endpoints as in flight. Without
 * that, a round whose clock had moved past the other's lease claimed the same queue again and the
 * receiver got every event twice (seen as a flake of the ten-minute outage test on a busy machine,
 * where the test's own rounds overlapped the node's timer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNode, ManualClock, type TestNode } from '../support/test-node.ts';
import { expectApi, newLead } from '../leads/lead-nodes.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const MINUTE = 60_000;
const clock = new ManualClock(new Date(Date.now() - 3 * MINUTE));
let node: TestNode;
let receiver: Receiver;

beforeAll(async () => {
  node = await createTestNode({ name: 'rounds', clock });
  receiver = await startReceiver();
});
afterAll(async () => {
  await node?.stop();
  await receiver?.close();
});

describe('webhook claim rounds', () => {
  it('sends each event once when rounds overlap across an expired lease', async () => {
    const created = await expectApi(node, 201, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['lead.created'],
      description: 'CRM',
    });
    receiver.secrets = [created.secret];
    for (let round = 1; round <= 5; round++) {
      await expectApi(node, 201, 'POST', '/leads', newLead(`R${round}`));
      // The second round starts after the clock passed the first round's lease (outbound
      // timeout x 2 + 30 s), while the first is still claiming.
      const first = node.deps.webhooks.runOnce();
      clock.advance(MINUTE);
      const second = node.deps.webhooks.runOnce();
      await Promise.all([first, second]);
      await node.deps.webhooks.runOnce();
      const ids = receiver.received.map((r) => r.webhookId);
      expect(ids).toHaveLength(round);
      expect(new Set(ids).size).toBe(round);
    }
  });
});
