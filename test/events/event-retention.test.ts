/** Events older than eventRetentionDays are deleted by the event-retention job; newer ones stay. */
import { afterAll, describe, expect, it } from 'vitest';
import { createTestNode, ManualClock, type TestNode } from '../support/test-node.ts';
import { expectApi, newLead } from '../leads/lead-nodes.ts';

const DAY = 24 * 3600_000;
let node: TestNode;
afterAll(() => node?.stop());

describe('events › retention', () => {
  it('prunes what is older than the retention period', async () => {
    const clock = new ManualClock(new Date('2027-01-01T00:00:00Z'));
    node = await createTestNode({ name: 'retention', clock, settings: { eventRetentionDays: 7 } });
    await expectApi(node, 201, 'POST', '/leads', newLead('OLD'));
    clock.advance(5 * DAY);
    await expectApi(node, 201, 'POST', '/leads', newLead('NEW'));
    clock.advance(3 * DAY);
    expect(await node.deps.jobs.runAll()).toMatchObject({ 'event-retention': 1 });
    const { events } = await expectApi(node, 200, 'GET', '/events?types=lead.created');
    expect(events.map((e: any) => e.subject)).toEqual(['NEW']);
  });
});
