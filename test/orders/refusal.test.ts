/**
 * An order the seller refuses (the buyer may no longer send order.place) shows the refusal on the
 * buyer's own order, in the admin API and the CLI, and the buyer's operator finds it among the
 * refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliOn } from '../support/run-cli.ts';
import { eventually, removeTestDirs } from '../support/test-node.ts';
import { startOrderNodes, type OrderNodes } from './order-nodes.ts';

let n: OrderNodes;
beforeAll(async () => {
  n = await startOrderNodes();
}, 30_000);
afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

describe('orders › refused order', () => {
  it('shows the refusal on the buyer’s order', async () => {
    const partner = await n.owner.api('GET', `/partners/${n.p1Id}`);
    const kinds = partner.body.kinds.filter((k: string) => k !== 'order.place');
    expect((await n.owner.api('PATCH', `/partners/${n.p1Id}`, { kinds })).status).toBe(200);

    const placed = await runCliOn(n.p1, [
      'orders',
      'place',
      '--seller',
      String(n.ownerOnP1),
      '--type',
      'standard',
      '--lines',
      'KB-100:2',
      '--json',
    ]);
    expect(placed.code, placed.err).toBe(0);
    const order = JSON.parse(placed.out);
    expect(order.refusal).toBeNull();

    const refused = await eventually(async () => {
      const res = await n.p1.api('GET', `/orders/${encodeURIComponent(order.orderId)}`);
      return res.body.refusal ? res.body : undefined;
    }, 10_000);
    expect(refused.refusal).toMatchObject({
      status: 'refused',
      code: 'forbidden',
      kind: 'order.place',
    });
    const shown = await runCliOn(n.p1, ['orders', 'show', order.orderId]);
    expect(shown.out).toMatch(/refused\s+.*order\.place forbidden: /);
    const listed = await runCliOn(n.p1, ['refusals', '--json']);
    expect(JSON.parse(listed.out)).toEqual([
      expect.objectContaining({ record: { kind: 'order', id: order.orderId }, code: 'forbidden' }),
    ]);
  });
});
