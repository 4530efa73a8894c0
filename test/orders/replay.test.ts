import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMessageId } from '../../protocol/index.ts';
import { postToInbox, signedFrom } from '../support/federation.ts';
import { removeTestDirs } from '../support/test-node.ts';
import { LIST_ID, orderOn, sharedState, startOrderNodes, type OrderNodes } from './order-nodes.ts';

const results = (res: { body: any }) => res.body.results.map((r: any) => r.code ?? r.status);

describe('orders › replays, duplicates, messages out of order, and authorization', () => {
  let n: OrderNodes;
  beforeAll(async () => {
    n = await startOrderNodes();
  }, 60_000);
  afterAll(async () => {
    await n.stop();
    await removeTestDirs();
  });

  async function placeAccepted(node = n.p1, seller = n.ownerOnP1) {
    const placed = await node.api('POST', '/orders', {
      seller,
      type: 'standard',
      lines: [{ sku: 'KB-100', qty: '3' }],
    });
    expect(placed.status).toBe(201);
    return placed.body.orderId as string;
  }

  it('leaves the buyer in the same state whatever order the seller’s messages arrive in', async () => {
    const inOrder = await placeAccepted();
    const shuffled = await placeAccepted();
    await orderOn(n.p1, inOrder, (o) => o.status === 'acknowledged');
    await orderOn(n.p1, shuffled, (o) => o.status === 'acknowledged');
    const at = n.clock.now().toISOString();
    const messages = async (orderId: string) => ({
      ap: await signedFrom(n.owner, n.p1, 'order.response', { orderId, code: 'AP', at }),
      ab: await signedFrom(n.owner, n.p1, 'order.response', { orderId, code: 'AB', at }),
      shipped: await signedFrom(n.owner, n.p1, 'order.status', {
        orderId,
        status: 'shipped',
        tracking: 'UPS 1Z999',
        at,
      }),
      delivered: await signedFrom(n.owner, n.p1, 'order.status', {
        orderId,
        status: 'delivered',
        at,
      }),
    });
    const a = await messages(inOrder);
    const first = await postToInbox(n.p1, [a.ap.jws, a.shipped.jws, a.delivered.jws]);
    expect(results(first)).toEqual(['accepted', 'accepted', 'accepted']);

    const b = await messages(shuffled);
    const again = await signedFrom(n.owner, n.p1, 'order.status', {
      orderId: shuffled,
      status: 'shipped',
      tracking: 'UPS 1Z999',
      at,
    });
    const mixed = await postToInbox(n.p1, [
      b.delivered.jws,
      b.shipped.jws,
      b.ap.jws,
      b.ab.jws,
      b.delivered.jws,
      again.jws,
    ]);
    // The repeated JWS is a duplicate; the same milestone under a new id is accepted, no change.
    expect(results(mixed)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'duplicate',
      'accepted',
    ]);
    const x = await orderOn(n.p1, inOrder, (o) => o.status === 'delivered');
    const y = await orderOn(n.p1, shuffled, (o) => o.status === 'delivered');
    const { orderId: _x, ...stateX } = sharedState(x);
    const { orderId: _y, ...stateY } = sharedState(y);
    expect(stateY).toEqual(stateX);
    expect(stateY).toMatchObject({ shipped: true, tracking: 'UPS 1Z999', delivered: true });
    // Only what changed something is on the timeline (in arrival order among equal times).
    const codes = y.timeline.filter((e: any) => e.side === 'partner').map((e: any) => e.code);
    expect(codes.sort()).toEqual(['AB', 'AP', 'delivered', 'shipped']);

    // Another final answer contradicts the one held; cancelling a shipped order too.
    const re = await signedFrom(n.owner, n.p1, 'order.response', {
      orderId: shuffled,
      code: 'RE',
      reason: 'No.',
      reasonCode: 'rejected_by_seller',
    });
    const cancel = await signedFrom(n.owner, n.p1, 'order.status', {
      orderId: shuffled,
      status: 'cancelled',
    });
    expect(results(await postToInbox(n.p1, [re.jws, cancel.jws]))).toEqual([
      'conflict',
      'conflict',
    ]);
  });

  it('answers conflict to a cancel that crossed the shipment; the buyer ends shipped', async () => {
    const orderId = await placeAccepted();
    await orderOn(n.owner, orderId, (o) => o.status === 'acknowledged');
    await n.owner.api('POST', `/orders/${orderId}/response`, { code: 'AP' });
    await n.owner.api('POST', `/orders/${orderId}/status`, { status: 'shipped' });
    // The buyer's cancel as if sent before it heard of the shipment.
    const cancel = await signedFrom(n.p1, n.owner, 'order.cancel', {
      orderId,
      reason: 'Changed mind',
    });
    expect(results(await postToInbox(n.owner, [cancel.jws]))).toEqual(['conflict']);
    const onSeller = await n.owner.api('GET', `/orders/${orderId}`);
    const onBuyer = await orderOn(n.p1, orderId, (o) => o.status === 'shipped');
    expect(sharedState(onBuyer)).toEqual(sharedState(onSeller.body));
  });

  it('treats a repeated order.place as the same order, and other content under its id as a conflict', async () => {
    const orderId = newMessageId();
    const body = {
      order: {
        id: orderId,
        type: 'standard',
        priceListId: LIST_ID,
        priceListVersion: 1,
        currency: 'EUR',
        lines: [{ line: 1, sku: 'MS-200', qty: '2', unitPrice: '19.90' }],
      },
    };
    const one = await signedFrom(n.p2, n.owner, 'order.place', body);
    const two = await signedFrom(n.p2, n.owner, 'order.place', body);
    const other = await signedFrom(n.p2, n.owner, 'order.place', {
      order: { ...body.order, lines: [{ line: 1, sku: 'MS-200', qty: '3', unitPrice: '19.90' }] },
    });
    const res = await postToInbox(n.owner, [one.jws, two.jws, one.jws, other.jws]);
    expect(results(res)).toEqual(['accepted', 'accepted', 'duplicate', 'conflict']);
    const order = await n.owner.api('GET', `/orders/${orderId}`);
    expect(order.body).toMatchObject({ status: 'acknowledged', total: '39.80' });
    expect(order.body.timeline.map((e: any) => e.type)).toEqual(['placed', 'response']);
  });

  it('rejects an order against a version not in effect on the order date', async () => {
    const v2 = await n.owner.api('POST', `/price-lists/${LIST_ID}/versions`, {
      validFrom: '2027-06-01',
      lines: [{ sku: 'KB-100', listPrice: '50.00' }],
    });
    expect(v2.status).toBe(201);
    const orderId = newMessageId();
    const place = await signedFrom(n.p2, n.owner, 'order.place', {
      order: {
        id: orderId,
        type: 'standard',
        priceListId: LIST_ID,
        priceListVersion: 2,
        currency: 'EUR',
        lines: [{ line: 1, sku: 'KB-100', qty: '1', unitPrice: '50.00' }],
      },
    });
    expect(results(await postToInbox(n.owner, [place.jws]))).toEqual(['accepted']);
    const order = await n.owner.api('GET', `/orders/${orderId}`);
    expect(order.body.response).toMatchObject({ code: 'RE', reasonCode: 'version_not_in_effect' });
    // Unknown SKU and a quantity below every break are named per line.
    const bad = await signedFrom(n.p2, n.owner, 'order.place', {
      order: {
        id: newMessageId(),
        type: 'standard',
        priceListId: LIST_ID,
        priceListVersion: 1,
        currency: 'EUR',
        lines: [
          { line: 1, sku: 'XX-999', qty: '1', unitPrice: '1.00' },
          { line: 2, sku: 'MS-200', qty: '1', unitPrice: '19.9' },
        ],
      },
    });
    await postToInbox(n.owner, [bad.jws]);
    const badOrder = await n.owner.api('GET', `/orders/${(bad.message.body as any).order.id}`);
    expect(badOrder.body.response.lines).toEqual([
      expect.objectContaining({ line: 1, code: 'unknown_sku' }),
    ]);
  });

  it('forbids orders against a list not shared with the sender, and messages about others’ orders', async () => {
    await n.owner.api('POST', '/price-lists', { id: 'p1-only', name: 'P1 only', currency: 'EUR' });
    await n.owner.api('POST', '/price-lists/p1-only/versions', {
      validFrom: '2027-01-01',
      lines: [{ sku: 'KB-100', listPrice: '10.00' }],
    });
    await n.owner.api('POST', '/price-lists/p1-only/push', { partners: [n.p1Id] });
    const place = (listId: string) =>
      signedFrom(n.p2, n.owner, 'order.place', {
        order: {
          id: newMessageId(),
          type: 'standard',
          priceListId: listId,
          priceListVersion: 1,
          currency: 'EUR',
          lines: [{ line: 1, sku: 'KB-100', qty: '1', unitPrice: '10.00' }],
        },
      });
    const notShared = await place('p1-only');
    const missing = await place('no-such-list');
    // p1's order, named by p2.
    const p1Order = await placeAccepted();
    await orderOn(n.owner, p1Order, (o) => o.status === 'acknowledged');
    const cancel = await signedFrom(n.p2, n.owner, 'order.cancel', {
      orderId: p1Order,
      reason: 'x',
    });
    const res = await postToInbox(n.owner, [notShared.jws, missing.jws, cancel.jws]);
    expect(results(res)).toEqual(['forbidden', 'forbidden', 'forbidden']);
    // A buyer's node takes answers only from the seller of the order.
    const fake = await signedFrom(n.p2, n.p1, 'order.response', { orderId: p1Order, code: 'AP' });
    const onP1 = await postToInbox(n.p1, [fake.jws]);
    expect(onP1.body.results[0].code).toBe('unknown_partner');
  });
});
