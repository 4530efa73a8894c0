// The portal's forms over HTTP: every field's problem at once with nothing typed lost, and a
// portal partner withdrawing or changing what it owns, as its own node would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  deliveredTo,
  expectApi,
  invitePortal,
  PortalClient,
  startVendor,
  type Invited,
} from './portal-fixture.ts';

/** The fields a page marks invalid, in page order. */
const invalidFields = (html: string) =>
  [...html.matchAll(/<(?:input|select|textarea)[^>]*id="f-([^"]+)"[^>]*aria-invalid="true"/g)].map(
    (m) => m[1],
  );

describe('portal › forms and withdrawals', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let a: Invited;
  let asA: PortalClient;

  beforeAll(async () => {
    vendor = await startVendor({ clock });
    a = await invitePortal(vendor, 'Forms Partner');
    asA = new PortalClient(vendor.url);
    await asA.signIn(a.signInUrl);
  });
  afterAll(async () => {
    await vendor.stop();
    await removeTestDirs();
  });

  it('shows every error of a form at once, beside each field, and keeps what was typed', async () => {
    await asA.get('/portal/deals/new');
    const deal = await asA.post('/portal/deals', {
      customerName: '',
      country: 'XX',
      domain: 'shop.example',
      products: '',
      estimatedValue: 'lots',
      currency: 'EURO',
      expectedCloseDate: '2027-02-30',
      notes: 'Keep <these> notes',
    });
    expect(deal.status).toBe(400);
    expect(invalidFields(deal.text)).toEqual([
      'customerName',
      'country',
      'products',
      'estimatedValue',
      'currency',
      'expectedCloseDate',
    ]);
    expect(deal.text).toContain('There are 6 problems');
    for (const field of invalidFields(deal.text)) {
      expect(deal.text).toContain(`href="#f-${field}"`);
      expect(deal.text).toContain(`id="f-${field}-error"`);
    }
    expect(deal.text).toContain('Company name is required.');
    expect(deal.text).toContain('value="lots"');
    expect(deal.text).toContain('value="shop.example"');
    expect(deal.text).toContain('Keep &lt;these&gt; notes');
    expect(
      await expectApi(vendor, 200, 'GET', `/deals?role=vendor&partner=${a.partnerId}`),
    ).toMatchObject({ deals: [] });

    await asA.get('/portal/claims/new');
    const claim = await asA.post('/portal/claims', {
      product: '',
      serial: 'SN-1',
      purchaseDate: 'yesterday',
      failureDate: '2027-02-01',
      failure: 'Fan is loud',
      claimedAmount: '-3',
      currency: 'EUR',
    });
    expect(claim.status).toBe(400);
    expect(invalidFields(claim.text)).toEqual(['product', 'purchaseDate', 'claimedAmount']);
    expect(claim.text).toContain('Fan is loud');

    await asA.get('/portal/requests/new');
    const request = await asA.post('/portal/requests', {
      category: 'technical',
      subject: '',
      description: ' ',
      priority: 'urgent-ish',
      product: 'FW-100',
    });
    expect(request.status).toBe(400);
    expect(invalidFields(request.text)).toEqual(['subject', 'description', 'priority']);
    expect(request.text).toContain('value="FW-100"');
  });

  it("sends a textarea's CRLF line ends as LF, which the wire takes (no CR in text)", async () => {
    await asA.get('/portal/deals/new');
    const registered = await asA.post('/portal/deals', {
      customerName: 'Soylent',
      country: 'DE',
      products: 'FW-100',
      estimatedValue: '1000',
      currency: 'EUR',
      expectedCloseDate: '2027-06-30',
      notes: 'line one\r\nline two\rline three',
    });
    expect(registered.status, registered.text.slice(0, 300)).toBe(303);
    const list = await expectApi(vendor, 200, 'GET', `/deals?role=vendor&partner=${a.partnerId}`);
    const deal = list.deals.find((d: any) => d.endCustomer?.name === 'Soylent');
    expect(deal?.notes).toBe('line one\nline two\nline three');
  });

  it('withdraws a deal registration the partner made', async () => {
    await asA.get('/portal/deals/new');
    const registered = await asA.post('/portal/deals', {
      customerName: 'Umbrella',
      country: 'DE',
      products: 'FW-100',
      estimatedValue: '1000',
      currency: 'EUR',
      expectedCloseDate: '2027-06-30',
    });
    const path = registered.location!.split('?')[0]!;
    const page = await asA.get(path);
    expect(page.text).toContain('Withdraw the registration');
    // The form promises only what happens: the vendor keeps its record of the registration.
    expect(page.text).toContain('The vendor keeps its record of what you registered.');
    expect(page.text).not.toMatch(/stop holding the customer/);

    const tooLong = await asA.post(`${path}/withdraw`, { reason: 'x'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(invalidFields(tooLong.text)).toEqual(['reason']);

    const withdrawn = await asA.post(`${path}/withdraw`, {
      reason: 'Customer chose a competitor.',
    });
    expect(withdrawn.location).toBe(`${path}?done=withdrawn`);
    const list = await expectApi(vendor, 200, 'GET', `/deals?role=vendor&partner=${a.partnerId}`);
    expect(list.deals[0]).toMatchObject({
      status: 'withdrawn',
      endCustomer: { name: 'Umbrella', country: 'DE' },
    });
    const after = await asA.get(path);
    expect(after.text).toContain('Customer chose a competitor.');
    expect(after.text).not.toContain('Withdraw the registration');
    expect(after.text).not.toContain('Send the new version');
    expect((await asA.post(`${path}/withdraw`, {})).location).toBe(`${path}?error=withdrawn`);
    // A signed record.withdraw from the portal partner, as its own node would have sent.
    const inbox = await expectApi(vendor, 200, 'GET', `/messages/in?partner=${a.partnerId}`);
    expect(inbox.messages.map((m: any) => m.kind)).toContain('record.withdraw');
  });

  it('changes and withdraws a service request it opened, not one the vendor opened', async () => {
    await asA.get('/portal/requests/new');
    const opened = await asA.post('/portal/requests', {
      category: 'technical',
      subject: 'Fan noise',
      description: 'Loud at night.',
      priority: 'normal',
    });
    const path = opened.location!.split('?')[0]!;
    const requestId = decodeURIComponent(path.split('/').at(-1)!);
    const page = await asA.get(path);
    expect(page.text).toContain('Change the request');
    expect(page.text).toContain('value="Fan noise"');

    const bad = await asA.post(`${path}/revise`, {
      category: 'technical',
      subject: '',
      description: 'Loud at night, and hot.',
      priority: 'normal',
    });
    expect(bad.status).toBe(400);
    expect(invalidFields(bad.text)).toEqual(['subject']);
    expect(bad.text).toContain('Loud at night, and hot.');

    const revised = await asA.post(`${path}/revise`, {
      category: 'technical',
      subject: 'Fan noise and heat',
      description: 'Loud at night, and hot.',
      priority: 'high',
    });
    expect(revised.location).toBe(`${path}?done=revised`);
    const onVendor = await expectApi(vendor, 200, 'GET', `/service/requests/${requestId}`);
    expect(onVendor).toMatchObject({ subject: 'Fan noise and heat', priority: 'high', version: 2 });

    expect((await asA.post(`${path}/withdraw`, {})).location).toBe(`${path}?done=withdrawn`);
    const gone = await expectApi(vendor, 200, 'GET', `/service/requests/${requestId}`);
    expect(gone).toMatchObject({ withdrawn: true });
    expect(gone.withdrawnReason).toBe('withdrawn by the partner that opened it');
    const after = await asA.get(path);
    expect(after.text).not.toContain('Change the request');
    expect((await asA.post(`${path}/revise`, { subject: 'x' })).location).toBe(
      `${path}?error=request_withdrawn`,
    );

    const byVendor = await expectApi(vendor, 201, 'POST', '/service/requests', {
      partner: a.partnerId,
      category: 'shipping',
      subject: 'Pallet count',
      description: 'Please confirm.',
    });
    await deliveredTo(vendor, a.partnerId, 'service.request');
    const theirs = `/portal/requests/${byVendor.requestId}`;
    expect((await asA.get(theirs)).text).not.toContain('Withdraw the request');
    expect((await asA.post(`${theirs}/withdraw`, {})).location).toBe(`${theirs}?error=not_owner`);
  });

  it('amends and withdraws a warranty claim it filed', async () => {
    await asA.get('/portal/claims/new');
    const filed = await asA.post('/portal/claims', {
      product: 'FW-100',
      serial: 'SN-7',
      purchaseDate: '2026-12-01',
      failureDate: '2027-02-01',
      failure: 'Dead on arrival.',
      claimedAmount: '99.00',
      currency: 'EUR',
    });
    const path = filed.location!.split('?')[0]!;
    const claimId = decodeURIComponent(path.split('/').at(-1)!);
    expect((await asA.get(path)).text).toContain('Withdraw the claim');
    const claimForm = {
      product: 'FW-100',
      serial: 'SN-7',
      purchaseDate: '2026-12-01',
      failureDate: '2027-02-01',
      failure: 'Dead on arrival, fuse blown.',
      currency: 'EUR',
    };
    const badAmend = await asA.post(`${path}/amend`, { ...claimForm, claimedAmount: 'ninety' });
    expect(invalidFields(badAmend.text)).toEqual(['claimedAmount']);
    expect(badAmend.text).toContain('Dead on arrival, fuse blown.');
    const amended = await asA.post(`${path}/amend`, { ...claimForm, claimedAmount: '89.00' });
    expect(amended.location).toBe(`${path}?done=amended_claim`);
    expect(await expectApi(vendor, 200, 'GET', `/warranty/claims/${claimId}`)).toMatchObject({
      version: 2,
      claimedAmount: '89.00',
      failure: 'Dead on arrival, fuse blown.',
    });
    expect((await asA.post(`${path}/withdraw`, { reason: 'Found the fuse.' })).location).toBe(
      `${path}?done=withdrawn`,
    );
    const onVendor = await expectApi(vendor, 200, 'GET', `/warranty/claims/${claimId}`);
    expect(onVendor).toMatchObject({ withdrawn: true, withdrawnReason: 'Found the fuse.' });
    expect((await asA.get(path)).text).toContain('withdrawn');
  });
});
