/**
 * Security review, issue #14 findings 1 and 3: the seller's clock decides which prices an order
 * is judged by. A cash sale's soldAt may lie back only within the seller's back-dating window,
 * and a backdated sentAt (inside the replay window) buys nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMessageId } from '../../protocol/index.ts';
import { postToInbox, signedFrom } from '../support/federation.ts';
import { removeTestDirs } from '../support/test-node.ts';
import { LIST_ID, orderOn, startOrderNodes, type OrderNodes } from './order-nodes.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('orders › the order date is the seller’s', () => {
  let n: OrderNodes;
  let v2From: Date;
  beforeAll(async () => {
    n = await startOrderNodes();
    // Version 2 raises KB-100 from 44.00 to 150.00 and takes over now; three hours pass.
    v2From = n.clock.now();
    const v2 = await n.owner.api('POST', `/price-lists/${LIST_ID}/versions`, {
      validFrom: v2From.toISOString(),
      lines: [{ sku: 'KB-100', listPrice: '150.00' }],
    });
    expect(v2.status).toBe(201);
    n.clock.advance(3 * HOUR);
  }, 60_000);
  afterAll(async () => {
    await n.stop();
    await removeTestDirs();
  });

  const order = (version: number, unitPrice: string, extra: Record<string, unknown> = {}) => ({
    order: {
      id: newMessageId(),
      type: 'standard',
      priceListId: LIST_ID,
      priceListVersion: version,
      currency: 'EUR',
      lines: [{ line: 1, sku: 'KB-100', qty: '1', unitPrice }],
      ...extra,
    },
  });
  const cashSale = (version: number, unitPrice: string, soldAt: Date) =>
    order(version, unitPrice, { type: 'cash_sale', soldAt: soldAt.toISOString() });

  async function place(body: ReturnType<typeof order>, sentAt?: Date) {
    const signed = await signedFrom(
      n.p1,
      n.owner,
      'order.place',
      body,
      sentAt ? { sentAt: sentAt.toISOString() } : {},
    );
    const res = await postToInbox(n.owner, [signed.jws]);
    expect(res.body.results[0].status).toBe('accepted');
    // The seller answers while it stores the order.
    return orderOn(n.owner, body.order.id, (o) => o.response !== null);
  }

  it('rejects a cash sale sold long before the seller received it, at a superseded price', async () => {
    for (const back of [300 * DAY, 25 * HOUR]) {
      const held = await place(cashSale(1, '44.00', new Date(n.clock.now().getTime() - back)));
      expect(held).toMatchObject({
        status: 'rejected',
        response: { code: 'RE', reasonCode: 'sold_at_out_of_window' },
        receivable: null,
      });
    }
    const rec = await n.owner.api('GET', `/receivables?partner=${n.p1Id}`);
    expect(rec.body.receivables).toEqual([]);
  });

  it('books a cash sale sold within the window at the version in effect then', async () => {
    // Sold an hour before version 2 took over: version 1's price stands.
    const early = await place(cashSale(1, '44.00', new Date(v2From.getTime() - HOUR)));
    expect(early).toMatchObject({ status: 'delivered', receivable: { amount: '44.00' } });
    // Sold two hours ago: version 2 is in effect, and version 1's price is refused.
    const twoHoursAgo = new Date(n.clock.now().getTime() - 2 * HOUR);
    const cheap = await place(cashSale(1, '44.00', twoHoursAgo));
    expect(cheap.response).toMatchObject({ code: 'RE', reasonCode: 'version_not_in_effect' });
    const fair = await place(cashSale(2, '150.00', twoHoursAgo));
    expect(fair).toMatchObject({ status: 'delivered', receivable: { amount: '150.00' } });
  });

  it('judges a standard order by when it was received, not by a backdated sentAt', async () => {
    const tenDaysAgo = new Date(n.clock.now().getTime() - 10 * DAY);
    const backdated = await place(order(1, '44.00'), tenDaysAgo);
    expect(backdated).toMatchObject({
      status: 'rejected',
      response: { code: 'RE', reasonCode: 'version_not_in_effect' },
    });
    const current = await place(order(2, '150.00'), tenDaysAgo);
    expect(current.status).toBe('acknowledged');
  });
});
