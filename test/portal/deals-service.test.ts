import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  deliveredTo,
  expectApi,
  type Invited,
  PortalClient,
  startTwoPartnerPortal,
} from './portal-fixture.ts';

const DAY = 24 * 3600_000;

describe('portal › deal registration and service pages', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let a: Invited;
  let b: Invited;
  let asA: PortalClient;
  let asB: PortalClient;

  const vendorDeal = async (partnerId: number) => {
    const list = await expectApi(vendor, 200, 'GET', `/deals?role=vendor&partner=${partnerId}`);
    return list.deals[0];
  };
  const notified = (partnerId: number, type: string) =>
    eventually(async () => {
      const q = await vendor.api('GET', `/portal/notifications?partner=${partnerId}`);
      return q.body.notifications.find((n: any) => n.type === type);
    });

  beforeAll(async () => {
    ({ vendor, a, b, asA, asB } = await startTwoPartnerPortal({ clock }));
  });
  afterAll(async () => {
    await vendor.stop();
    await removeTestDirs();
  });

  const register = async (client: PortalClient, customer: string, domain = '') => {
    await client.get('/portal/deals/new');
    const res = await client.post('/portal/deals', {
      customerName: customer,
      country: 'FR',
      domain,
      products: 'FW-100, FW-200',
      estimatedValue: '25000.00',
      currency: 'EUR',
      expectedCloseDate: '2027-06-30',
      notes: 'Three sites.',
    });
    expect(res.status).toBe(303);
    return res.location!.split('?')[0]!;
  };

  it('registers a deal, answers a return, and shows the approval with its protection window', async () => {
    const path = await register(asA, 'Globex');
    const onVendor = await vendorDeal(a.partnerId);
    expect(onVendor).toMatchObject({
      status: 'submitted',
      version: 1,
      products: ['FW-100', 'FW-200'],
    });
    expect(path).toBe(`/portal/deals/${onVendor.dealId}`);

    await expectApi(vendor, 200, 'POST', `/deals/${onVendor.id}/decision`, {
      status: 'returned',
      reason: 'Please add the customer domain.',
    });
    await deliveredTo(vendor, a.partnerId, 'deal.decision');
    const returned = await asA.get(path);
    expect(returned.text).toContain('returned');
    expect(returned.text).toContain('Please add the customer domain.');
    expect(returned.text).toContain('Send the new version');
    expect((await notified(a.partnerId, 'deal_decided')).subject).toBe(
      'Deal registration returned: Globex',
    );

    const amended = await asA.post(`${path}/amend`, {
      customerName: 'Globex',
      country: 'FR',
      domain: 'https://www.globex.example/contact',
      products: 'FW-100\nFW-200',
      estimatedValue: '26000.00',
      currency: 'EUR',
      expectedCloseDate: '2027-06-30',
    });
    expect(amended.location).toBe(`${path}?done=amended`);
    const v2 = await vendorDeal(a.partnerId);
    expect(v2).toMatchObject({ status: 'submitted', version: 2, estimatedValue: '26000.00' });
    expect(v2.endCustomer.domain).toBe('globex.example');

    await expectApi(vendor, 200, 'POST', `/deals/${v2.id}/decision`, {
      status: 'approved',
      protectionDays: 30,
    });
    await eventually(async () => (await asA.get(path)).text.includes('approved'));
    const approved = await asA.get(path);
    const until = new Date(clock.now().getTime() + 30 * DAY).toISOString();
    expect(until).toBe('2027-03-31T09:00:00.000Z');
    expect(approved.text).toContain(`Protected until`);
    // The instant for scripts, the time in English words and its zone for people.
    expect(approved.text).toContain(`<time datetime="${until}">Mar 31, 2027, 09:00 UTC</time>`);
    expect(approved.text).not.toContain('Send the new version');
    // Decided: no more versions.
    const late = await asA.post(`${path}/amend`, { customerName: 'Globex' });
    expect(late.location).toBe(`${path}?error=deal_closed`);
  });

  it('shows a conflict decision without naming the other partner', async () => {
    const path = await register(asB, 'Globex', 'globex.example');
    await deliveredTo(vendor, b.partnerId, 'deal.decision');
    const page = await asB.get(path);
    expect(page.text).toContain('conflict');
    expect(page.text).not.toContain('Alpha');
    expect((await asB.get('/portal/deals')).text).not.toContain('26000.00');
  });

  it('opens a service request, follows the vendor’s answer, never sees internal comments', async () => {
    await asA.get('/portal/requests/new');
    const opened = await asA.post('/portal/requests', {
      category: 'technical',
      subject: 'Router reboots nightly',
      description: 'Since the last firmware.',
      priority: 'high',
      product: 'FW-100',
    });
    const path = opened.location!.split('?')[0]!;
    const requestId = decodeURIComponent(path.split('/').at(-1)!);
    const onVendor = await expectApi(vendor, 200, 'GET', `/service/requests/${requestId}`);
    expect(onVendor).toMatchObject({
      owner: 'partner',
      subject: 'Router reboots nightly',
      priority: 'high',
    });

    await expectApi(vendor, 200, 'POST', `/service/requests/${onVendor.id}/updates`, {
      status: 'in_progress',
      comment: 'We are on it.',
      visibility: 'partner',
    });
    await expectApi(vendor, 200, 'POST', `/service/requests/${onVendor.id}/updates`, {
      comment: 'Their setup is odd.',
      visibility: 'internal',
    });
    await deliveredTo(vendor, a.partnerId, 'service.update');
    const page = await asA.get(path);
    expect(page.text).toContain('in progress');
    expect(page.text).toContain('We are on it.');
    expect(page.text).not.toContain('Their setup is odd.');
    expect((await notified(a.partnerId, 'request_changed')).subject).toBe(
      'Service request in progress: Router reboots nightly',
    );

    clock.advance(60_000);
    const updated = await asA.post(`${path}/update`, {
      status: 'resolved',
      comment: 'Fixed, thanks!',
    });
    expect(updated.location).toBe(`${path}?done=updated`);
    const after = await expectApi(vendor, 200, 'GET', `/service/requests/${onVendor.id}`);
    expect(after.status).toBe('resolved');
    expect(after.timeline.map((e: any) => e.comment?.text).filter(Boolean)).toContain(
      'Fixed, thanks!',
    );
    expect((await asA.post(`${path}/update`, {})).status).toBe(400);
    expect((await asB.get(path)).status).toBe(404);
  });

  it('shows a request the vendor opened, and a warranty claim with its decision', async () => {
    const opened = await expectApi(vendor, 201, 'POST', '/service/requests', {
      partner: a.partnerId,
      category: 'shipping',
      subject: 'Missing pallet',
      description: 'One pallet did not arrive.',
    });
    await deliveredTo(vendor, a.partnerId, 'service.request');
    const list = await asA.get('/portal/requests');
    expect(list.text).toContain('Missing pallet');
    expect(list.text).toContain('Opened by the vendor');
    expect((await asA.get(`/portal/requests/${opened.requestId}`)).status).toBe(200);

    await asA.get('/portal/claims/new');
    const filed = await asA.post('/portal/claims', {
      product: 'FW-100',
      serial: 'SN-42',
      purchaseDate: '2026-11-02',
      failureDate: '2027-02-20',
      failure: 'Power supply died.',
      claimedAmount: '149.90',
      currency: 'eur',
    });
    expect(filed.status).toBe(303);
    const path = filed.location!.split('?')[0]!;
    const claimId = decodeURIComponent(path.split('/').at(-1)!);
    const onVendor = await expectApi(vendor, 200, 'GET', `/warranty/claims/${claimId}`);
    expect(onVendor).toMatchObject({
      status: 'submitted',
      claimedAmount: '149.90',
      currency: 'EUR',
    });
    await expectApi(vendor, 200, 'POST', `/warranty/claims/${onVendor.id}/decision`, {
      status: 'partial',
      approvedAmount: '100.00',
      reason: 'Shipping not covered.',
    });
    await deliveredTo(vendor, a.partnerId, 'warranty.decision');
    const page = await asA.get(path);
    expect(page.text).toContain('partial');
    expect(page.text).toContain('<dt>Approved</dt><dd>€100.00</dd>');
    expect(page.text).toContain('Shipping not covered.');
    expect((await notified(a.partnerId, 'claim_decided')).subject).toBe(
      'Warranty claim partial: FW-100 SN-42',
    );
    expect((await asB.get(path)).status).toBe(404);

    const bad = await asA.post('/portal/claims', {
      product: 'FW-100',
      serial: 'SN-43',
      purchaseDate: '2027-02-20',
      failureDate: '2026-11-02',
      failure: 'x',
      claimedAmount: '1',
      currency: 'EUR',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#f-failureDate"');
  });
});
