/**
 * Shared services between real nodes: a reseller's shipping and accounting requests carry
 * read-only snapshots of its order documents to the vendor (the provider), withdrawn with the
 * request; the vendor's service agreement with the reseller refuses categories it does not offer,
 * sets the SLA that drives the overdue job, and books a charge for each billable request resolved,
 * which the vendor lists and invoices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../protocol/index.ts';
import { nodeRows } from '../support/node-database.ts';
import { orderOn, startOrderNodes, type OrderNodes } from '../orders/order-nodes.ts';
import { outboundRows, postToInbox, signedFrom } from '../support/federation.ts';
import { runCliOn } from '../support/run-cli.ts';
import { removeTestDirs, type TestNode } from '../support/test-node.ts';
import { call, requestOn, settle } from './service-fixture.ts';

const HOUR = 3600_000;

let n: OrderNodes;
let orderId: string;

beforeAll(async () => {
  n = await startOrderNodes();
  // The reseller's order, accepted, shipped and invoiced by the vendor.
  const placed = await call(
    n.p1,
    'POST',
    '/orders',
    {
      seller: n.ownerOnP1,
      type: 'standard',
      lines: [{ sku: 'KB-100', qty: '2' }],
      shipTo: { name: 'Acme GmbH', street: 'Hauptstr. 1', city: 'Berlin', country: 'DE' },
    },
    201,
  );
  orderId = placed.orderId;
  await orderOn(n.owner, orderId, (o) => o.status === 'acknowledged');
  await call(n.owner, 'POST', `/orders/${orderId}/response`, { code: 'AP' });
  await call(n.owner, 'POST', `/orders/${orderId}/status`, {
    status: 'shipped',
    tracking: 'DHL-7731',
  });
  await orderOn(n.p1, orderId, (o) => o.status === 'shipped');
  await call(n.owner, 'PUT', `/service/agreements/${n.p1Id}`, {
    categories: ['shipping', 'accounting'],
    responseHours: 1,
    resolutionHours: 4,
    billable: true,
    price: '25.00',
    currency: 'EUR',
    priceUnit: 'request',
  });
});
afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

async function attachmentRows(node: TestNode): Promise<number> {
  const [row] = await nodeRows<{ c: number }>(
    node,
    'SELECT CAST(count(*) AS INTEGER) AS c FROM service_attachments',
  );
  return row!.c;
}

describe('shared services › documents, agreements, SLA and charges', () => {
  it('a shipping request with its order and shipment attached arrives with read-only snapshots', async () => {
    const mine = await call(n.p1, 'POST', '/service/requests', {
      partner: n.ownerOnP1,
      category: 'shipping',
      subject: 'Parcel DHL-7731 arrived damaged',
      description: 'One keyboard box was crushed.',
      attachments: [
        { type: 'order', order: orderId },
        { type: 'shipment', order: orderId },
      ],
    });
    expect(mine.attachments.map((a: any) => [a.type, a.recordId])).toEqual([
      ['order', orderId],
      ['shipment', orderId],
    ]);
    await settle(n.p1, n.owner);
    const theirs = await requestOn(n.owner, mine.requestId);
    expect(theirs.attachments).toEqual(mine.attachments);
    const [order, shipment] = theirs.attachments;
    expect(order).toMatchObject({ readOnly: true, recordId: orderId });
    expect(order.snapshot).toMatchObject({
      orderId,
      currency: 'EUR',
      lines: [{ line: 1, sku: 'KB-100', qty: '2', unitPrice: '44.00' }],
      shipTo: { name: 'Acme GmbH', city: 'Berlin', country: 'DE' },
    });
    expect(shipment.snapshot).toMatchObject({ orderId, tracking: 'DHL-7731' });
    expect(order.contentHash).toBe(contentHash(order.snapshot));
    // The agreement's SLA: first answer within 1 hour, resolution within 4, from receipt.
    const received = new Date(theirs.createdAt).getTime();
    expect(theirs.respondBy).toBe(new Date(received + HOUR).toISOString());
    expect(theirs.dueAt).toBe(new Date(received + 4 * HOUR).toISOString());
    // An invoice not yet issued cannot be attached: refused, nothing sent.
    const early = await n.p1.api('POST', '/service/requests', {
      partner: n.ownerOnP1,
      category: 'accounting',
      subject: 'Invoice question',
      description: 'Where is it?',
      attachments: [{ type: 'invoice', order: orderId }],
    });
    expect(early).toMatchObject({
      status: 409,
      body: { error: { code: 'attachment_unavailable' } },
    });
  });

  it('a revision carries the documents again, or replaces them with snapshots taken now', async () => {
    const mine = await call(n.p1, 'POST', '/service/requests', {
      partner: n.ownerOnP1,
      category: 'shipping',
      subject: 'Tracking number missing',
      description: 'No tracking on the label.',
      attachments: [{ type: 'order', order: orderId }],
    });
    await call(n.p1, 'PATCH', `/service/requests/${mine.id}`, { priority: 'high' });
    await settle(n.p1, n.owner);
    const kept = await requestOn(n.owner, mine.requestId);
    expect(kept).toMatchObject({ version: 2, priority: 'high' });
    expect(kept.attachments.map((a: any) => a.type)).toEqual(['order']);
    const replaced = await call(n.p1, 'PATCH', `/service/requests/${mine.id}`, {
      attachments: [{ type: 'shipment', order: orderId }],
    });
    expect(replaced.version).toBe(3);
    await settle(n.p1, n.owner);
    const theirs = await requestOn(n.owner, mine.requestId);
    expect(theirs.attachments).toEqual(replaced.attachments);
    expect(theirs.attachments.map((a: any) => a.type)).toEqual(['shipment']);
  });

  it('withdrawing the request erases the snapshots at the provider', async () => {
    const mine = await call(n.p1, 'POST', '/service/requests', {
      partner: n.ownerOnP1,
      category: 'shipping',
      subject: 'Wrong delivery address',
      description: 'Please redirect.',
      attachments: [{ type: 'order', order: orderId }],
    });
    await settle(n.p1, n.owner);
    expect((await requestOn(n.owner, mine.requestId)).attachments).toHaveLength(1);
    const before = await attachmentRows(n.owner);
    await call(n.p1, 'POST', `/service/requests/${mine.id}/withdraw`, { reason: 'Solved locally' });
    await settle(n.p1, n.owner);
    const theirs = await requestOn(n.owner, mine.requestId);
    expect(theirs).toMatchObject({ withdrawn: true, attachments: [] });
    expect(await attachmentRows(n.owner)).toBe(before - 1);
  });

  it('a category outside the agreement is refused with service_not_offered', async () => {
    const mine = await call(n.p1, 'POST', '/service/requests', {
      partner: n.ownerOnP1,
      category: 'help_desk',
      subject: 'Portal login',
      description: 'Cannot log in.',
    });
    await settle(n.p1, n.owner);
    const dead = (await outboundRows(n.p1)).find(
      (r) =>
        r.kind === 'service.request' &&
        r.status === 'dead' &&
        (r.lastError ?? '').includes('service_not_offered'),
    );
    expect(dead).toMatchObject({ lastErrorCode: 'forbidden' });
    expect((await n.owner.api('GET', `/service/requests/${mine.requestId}`)).status).toBe(404);
    // The same answer straight at the inbox, and a snapshot that is not what its hash says.
    const refused = await signedFrom(n.p1, n.owner, 'service.request', {
      request: {
        id: 'req-help-1',
        category: 'technical',
        subject: 'Firmware',
        description: 'Which version?',
        priority: 'normal',
      },
      version: 1,
    });
    const snapshot = { orderId, tracking: 'DHL-7731' };
    const tampered = await signedFrom(n.p1, n.owner, 'service.request', {
      request: {
        id: 'req-ship-tampered',
        category: 'shipping',
        subject: 'Parcel',
        description: 'Lost.',
        priority: 'normal',
        attachments: [
          {
            type: 'shipment',
            recordId: orderId,
            contentHash: contentHash({ ...snapshot, tracking: 'OTHER' }),
            takenAt: n.clock.now().toISOString(),
            snapshot,
          },
        ],
      },
      version: 1,
    });
    const results = (await postToInbox(n.owner, [refused.jws, tampered.jws])).body.results;
    expect(results).toMatchObject([
      { status: 'rejected', code: 'forbidden' },
      { status: 'rejected', code: 'conflict' },
    ]);
  });

  it('SLA from the agreement drives overdue; a billable request resolved is charged and invoiced', async () => {
    const mine = await call(n.p1, 'POST', '/service/requests', {
      partner: n.ownerOnP1,
      category: 'accounting',
      subject: 'Credit note for the crushed keyboard',
      description: 'Please credit one unit.',
      attachments: [{ type: 'order', order: orderId }],
    });
    await settle(n.p1, n.owner);
    await n.owner.deps.jobs.runAll();
    expect((await requestOn(n.owner, mine.requestId)).overdue).toBe(false);
    n.clock.advance(4 * HOUR + 1);
    const overdue = await call(n.owner, 'GET', '/service/requests?overdue=true');
    expect(overdue.requests.map((r: any) => r.requestId)).toContain(mine.requestId);
    expect((await n.owner.deps.jobs.runAll())['service-overdue']).toBeGreaterThanOrEqual(1);
    const marked = await requestOn(n.owner, mine.requestId);
    expect(marked.timeline.map((e: any) => e.type)).toContain('overdue');

    const resolved = await call(n.owner, 'POST', `/service/requests/${marked.id}/updates`, {
      status: 'resolved',
    });
    expect(resolved.charge).toMatchObject({
      unit: 'request',
      quantity: 1,
      amount: '25.00',
      currency: 'EUR',
      status: 'open',
    });
    // Resolved again after reopening: still one charge.
    await call(n.owner, 'POST', `/service/requests/${marked.id}/updates`, {
      status: 'in_progress',
    });
    await call(n.owner, 'POST', `/service/requests/${marked.id}/updates`, { status: 'resolved' });
    const open = await call(n.owner, 'GET', `/service/charges?partner=${n.p1Id}&status=open`);
    expect(open.charges).toHaveLength(1);
    expect(open.charges[0]).toMatchObject({ requestId: mine.requestId, amount: '25.00' });

    const invoice = await call(n.owner, 'POST', '/service/charges/invoice', {
      partner: n.p1Id,
      invoiceNumber: 'SVC-2027-001',
    });
    expect(invoice).toMatchObject({
      invoiceNumber: 'SVC-2027-001',
      totals: [{ currency: 'EUR', amount: '25.00' }],
      charges: [{ requestId: mine.requestId, status: 'invoiced' }],
    });
    const again = await n.owner.api('POST', '/service/charges/invoice', {
      partner: n.p1Id,
      invoiceNumber: 'SVC-2027-002',
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'nothing_to_invoice' } } });
    // The requester's node books nothing: charges are the provider's.
    expect((await call(n.p1, 'GET', '/service/charges')).charges).toEqual([]);
  });

  it('refuses a malformed agreement field by field', async () => {
    const res = await n.owner.api('PUT', `/service/agreements/${n.p1Id}`, {
      categories: ['shipping'],
      billable: true,
      currency: 'EUR',
      priceUnit: 'request',
    });
    expect(res).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_field', field: 'price' } },
    });
    const agreement = await call(n.owner, 'GET', `/service/agreements/${n.p1Id}`);
    expect(agreement.categories).toEqual(['shipping', 'accounting']);
  });

  it('the CLI sets an agreement, opens a request with documents, lists and invoices charges', async () => {
    const set = await runCliOn(n.owner, [
      'service',
      'set-agreement',
      String(n.p2Id),
      '--categories',
      'shipping',
      '--resolution-hours',
      '8',
      '--billable',
      '--price',
      '12.50',
      '--currency',
      'EUR',
      '--per',
      'hour',
      '--json',
    ]);
    expect(set.code, set.err).toBe(0);
    expect(JSON.parse(set.out)).toMatchObject({
      partnerId: n.p2Id,
      categories: ['shipping'],
      resolutionHours: 8,
      priceUnit: 'hour',
    });
    const bad = await runCliOn(n.owner, [
      'service',
      'set-agreement',
      String(n.p2Id),
      '--categories',
      'shipping',
      '--billable',
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--price');

    const placed = await call(
      n.p2,
      'POST',
      '/orders',
      {
        seller: n.ownerOnP2,
        type: 'standard',
        lines: [{ sku: 'MS-200', qty: '3' }],
      },
      201,
    );
    const opened = await runCliOn(n.p2, [
      'service',
      'open',
      '--partner',
      String(n.ownerOnP2),
      '--category',
      'shipping',
      '--subject',
      'Split the delivery',
      '--description',
      'Two parcels please.',
      '--attach',
      `order:${placed.orderId}`,
      '--json',
    ]);
    expect(opened.code, opened.err).toBe(0);
    const mine = JSON.parse(opened.out);
    expect(mine.attachments).toMatchObject([{ type: 'order', recordId: placed.orderId }]);
    const badAttach = await runCliOn(n.p2, [
      'service',
      'open',
      '--partner',
      String(n.ownerOnP2),
      '--category',
      'shipping',
      '--subject',
      'x',
      '--description',
      'y',
      '--attach',
      'parcel:1',
    ]);
    expect(badAttach.code).not.toBe(0);
    expect(badAttach.err).toContain('--attach');
    await settle(n.p2, n.owner);

    const theirs = await requestOn(n.owner, mine.requestId);
    expect(theirs.attachments[0].snapshot).toMatchObject({ orderId: placed.orderId });
    n.clock.advance(2 * HOUR + 60_000);
    // Resolved through the running node, on its clock (the CLI runs on the real one).
    await call(n.owner, 'POST', `/service/requests/${theirs.id}/updates`, { status: 'resolved' });
    const charges = await runCliOn(n.owner, [
      'service',
      'charges',
      '--partner',
      String(n.p2Id),
      '--json',
    ]);
    expect(JSON.parse(charges.out)).toMatchObject([
      { requestId: mine.requestId, unit: 'hour', quantity: 3, amount: '37.50', status: 'open' },
    ]);
    const invoiced = await runCliOn(n.owner, [
      'service',
      'invoice',
      '--partner',
      String(n.p2Id),
      '--number',
      'SVC-2027-002',
    ]);
    expect(invoiced.code, invoiced.err).toBe(0);
    expect(invoiced.out).toContain('37.50 EUR');
    const shown = await runCliOn(n.owner, ['service', 'show', String(theirs.id)]);
    expect(shown.out).toContain(`order ${placed.orderId} (read-only)`);
    expect(shown.out).toContain('37.50 EUR invoiced');
  });
});
