// A portal partner moves to a node of its own, on two real nodes: the vendor re-points the
// partner's row, the new node connects with the invitation it got, and the records made through
// the portal stay with the partner while new messages flow between the nodes.
import { compactVerify, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestOf, verifyReceipt } from '../../protocol/index.ts';
import {
  createTestNode,
  eventually,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../support/test-node.ts';
import {
  expectApi,
  invitePortal,
  offerLead,
  portalLead,
  PortalClient,
  startVendor,
  type Invited,
} from './portal-fixture.ts';

describe('portal › moving a portal partner to its own node', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let own: TestNode;
  let p: Invited;
  let browser: PortalClient;

  beforeAll(async () => {
    [vendor, own] = await Promise.all([
      startVendor({ clock }),
      createTestNode({ name: 'Mover', clock }),
    ]);
    p = await invitePortal(vendor, 'Mover');
    browser = new PortalClient(vendor.url);
    await browser.signIn(p.signInUrl);
  });
  afterAll(async () => {
    await Promise.all([vendor.stop(), own.stop()]);
    await removeTestDirs();
  });

  it('keeps the records on the same partner, ends the portal, and carries on node to node', async () => {
    // Portal time: a lead offered and accepted, a deal registered.
    await offerLead(vendor, p.partnerId, portalLead('L-MOVE'));
    await browser.get('/portal/leads/L-MOVE');
    expect((await browser.post('/portal/leads/L-MOVE/accept')).status).toBe(303);
    await browser.get('/portal/deals/new');
    const registered = await browser.post('/portal/deals', {
      customerName: 'Portal Era GmbH',
      country: 'DE',
      products: 'FW-100',
      estimatedValue: '1000',
      currency: 'EUR',
      expectedCloseDate: '2027-06-30',
    });
    expect(registered.status).toBe(303);
    const before = await expectApi(vendor, 200, 'GET', `/portal/partners/${p.partnerId}/history`);

    // The vendor re-points the partner to its node.
    const bad = await vendor.api('POST', `/portal/partners/${p.partnerId}/move`, {
      nodeId: `${own.url}/`,
    });
    expect(bad.status).toBe(400);
    const moved = await expectApi(vendor, 200, 'POST', `/portal/partners/${p.partnerId}/move`, {
      nodeId: own.url,
    });
    expect(moved.partner).toMatchObject({ id: p.partnerId, nodeId: own.url, status: 'suspended' });
    expect(moved.connectCommand).toBe(`partner-sync connect ${vendor.url} --token ${moved.token}`);
    expect((await browser.get('/portal/home')).status).toBe(303);
    const elsewhere = await vendor.api('POST', `/portal/partners/${p.partnerId}/move`, {
      nodeId: 'https://elsewhere.example',
    });
    expect(elsewhere.body.error.code).toBe('partner_moved');
    // Until the node connects, moving again to it only makes a new invitation (the old one stays).
    const reissued = await expectApi(vendor, 200, 'POST', `/portal/partners/${p.partnerId}/move`, {
      nodeId: own.url,
    });
    expect(reissued.token).not.toBe(moved.token);

    // While it is suspended, what the vendor sends waits.
    const request = await expectApi(vendor, 201, 'POST', '/service/requests', {
      partner: p.partnerId,
      category: 'technical',
      subject: 'Sent while moving',
      description: 'Waits for the new node.',
    });
    const waiting = await expectApi(vendor, 200, 'GET', `/messages/out?partner=${p.partnerId}`);
    expect(waiting.messages.find((m: any) => m.kind === 'service.request').status).toBe('pending');

    // The partner's node connects with the invitation: the same row becomes active with its keys.
    const vendorOnOwn = await expectApi(own, 201, 'POST', '/connect', {
      url: vendor.url,
      token: moved.token,
    });
    const row = await expectApi(vendor, 200, 'GET', `/partners/${p.partnerId}`);
    expect(row).toMatchObject({ id: p.partnerId, nodeId: own.url, status: 'active' });
    const done = await vendor.api('POST', `/portal/partners/${p.partnerId}/move`, {
      nodeId: own.url,
    });
    expect(done.body.error.code).toBe('partner_moved');
    const partners = await expectApi(vendor, 200, 'GET', '/partners');
    expect(partners.partners.filter((x: any) => x.nodeId === own.url)).toHaveLength(1);

    // The waiting request is delivered to the node, over HTTP.
    await eventually(async () => {
      const got = await own.api('GET', '/service/requests');
      return got.body.requests?.some((r: any) => r.requestId === request.requestId) || null;
    });
    // The node registers a deal: it lands on the same partner as the portal-era one.
    await expectApi(own, 201, 'POST', '/deals', {
      vendor: vendorOnOwn.id,
      endCustomer: { name: 'Node Era BV', country: 'NL' },
      products: ['FW-200'],
      estimatedValue: '2000',
      currency: 'EUR',
      expectedCloseDate: '2027-07-31',
    });
    const deals = await eventually(async () => {
      const list = await vendor.api('GET', `/deals?role=vendor&partner=${p.partnerId}`);
      return list.body.deals.length === 2 ? list.body.deals : null;
    });
    expect(deals.map((d: any) => d.endCustomer.name).sort()).toEqual([
      'Node Era BV',
      'Portal Era GmbH',
    ]);
    const lead = await expectApi(vendor, 200, 'GET', '/leads/L-MOVE');
    expect(lead.status).toBe('accepted');

    // The portal-era history still exports as it was, verifiable with the portal key.
    const after = await expectApi(vendor, 200, 'GET', `/portal/partners/${p.partnerId}/history`);
    expect(after.partner).toEqual(before.partner);
    expect(after.partner.nodeId).toBe(p.nodeId);
    expect(after.sent.map((m: any) => m.id)).toEqual(before.sent.map((m: any) => m.id));
    expect(after.received.map((m: any) => m.id)).toEqual(before.received.map((m: any) => m.id));
    const key = await importJWK(after.partner.keys[0], 'EdDSA');
    for (const m of after.sent) {
      await compactVerify(m.jws, key);
      const receipt = await verifyReceipt(m.receipt, {
        keys: after.counterpart.keys,
        expect: { receiptFor: m.id, from: vendor.url, to: p.nodeId, digest: digestOf(m.jws) },
      });
      expect(receipt.ok).toBe(true);
    }
  });
});
