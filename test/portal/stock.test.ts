/**
 * The portal's stock pages: a portal partner reports stock (typed lines, or a CSV file upload),
 * reads the vendor's replenishment proposals and accepts (which orders), changes or rejects them;
 * a second portal partner reaches none of the first's reports or proposals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  deliveredTo,
  expectApi,
  type Invited,
  PortalClient,
  pushEuPriceList,
  startTwoPartnerPortal,
} from './portal-fixture.ts';

const DAY = 24 * 3600_000;

describe('portal › stock reports and replenishment proposals', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let a: Invited;
  let b: Invited;
  let asA: PortalClient;
  let asB: PortalClient;

  beforeAll(async () => {
    // Long sessions: a test moves the clock past a proposal's validity.
    ({ vendor, a, b, asA, asB } = await startTwoPartnerPortal(
      { clock },
      { sessionHours: 24 * 30 },
    ));
    await pushEuPriceList(vendor, a.partnerId, [
      { sku: 'KB-100', listPrice: '49.90', standardPrice: '44.00' },
      { sku: 'MS-200', listPrice: '19.90' },
    ]);
    await deliveredTo(vendor, a.partnerId, 'pricelist.push');
    for (const [sku, days] of [
      ['KB-100', 14],
      ['MS-200', 7],
    ] as const) {
      await expectApi(vendor, 200, 'PUT', '/inventory/settings', {
        partner: a.partnerId,
        sku,
        policy: 'days_of_cover',
        days,
        leadTimeDays: 7,
      });
    }
  });
  afterAll(async () => {
    await vendor.stop();
    await removeTestDirs();
  });

  const report = (client: PortalClient, fields: Record<string, string>) =>
    client.post('/portal/stock/reports', {
      location: 'Lyon',
      periodStart: '2027-02-15',
      periodEnd: '2027-02-28',
      csvText: 'sku,onHand,sold,onOrder\nKB-100,10,28,0\nMS-200,5,14,2\n',
      note: '',
      ...fields,
    });

  it('sends a typed stock report, and names every bad field', async () => {
    const form = await asA.get('/portal/stock/reports/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="f-location">');
    const sent = await report(asA, {});
    expect(sent.status).toBe(303);
    const path = sent.location!.split('?')[0]!;
    const held = await expectApi(vendor, 200, 'GET', `/inventory/reports?partner=${a.partnerId}`);
    expect(held.reports).toHaveLength(1);
    expect(held.reports[0]).toMatchObject({ role: 'supplier', location: 'Lyon', days: 14 });
    expect(path).toBe(`/portal/stock/reports/${held.reports[0].reportId}`);
    const page = await asA.get(sent.location!);
    expect(page.text).toContain('Your stock report was sent to the vendor.');
    expect(page.text).toContain('KB-100');

    const bad = await report(asA, {
      location: '',
      periodEnd: '2027-02-01',
      csvText: 'sku,onHand,sold\nKB-100,ten,3\n',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('There are 3 problems');
    expect(bad.text).toContain('Location is required.');
    expect(bad.text).toContain('Last day of the period must not be before');
    expect(bad.text).toContain('Line 2, column onHand');
    // Output is escaped: a location with markup comes back as text.
    const markup = await report(asA, { location: '<b>x</b>', csvText: '' });
    expect(markup.text).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(markup.text).toContain('Stock lines is required.');
    const still = await expectApi(vendor, 200, 'GET', `/inventory/reports?partner=${a.partnerId}`);
    expect(still.reports).toHaveLength(1);
  });

  it('takes a CSV file upload, capped in size', async () => {
    await asA.get('/portal/stock/reports/new');
    const upload = async (csv: string) => {
      const body = new FormData();
      body.set('_csrf', asA.csrf!);
      body.set('location', 'Nice');
      body.set('periodStart', '2027-02-22');
      body.set('periodEnd', '2027-02-28');
      body.set('csvText', '');
      body.set('csvFile', new Blob([csv], { type: 'text/csv' }), 'stock.csv');
      return fetch(`${vendor.url}/portal/stock/reports`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          connection: 'close',
          cookie: [...asA.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        body,
      });
    };
    const ok = await upload('SKU,On Hand,Sold\nKB-100,3,7\n');
    expect(ok.status).toBe(303);
    const held = await expectApi(vendor, 200, 'GET', '/inventory/reports?location=Nice');
    expect(held.reports[0]).toMatchObject({ lineCount: 1, partner: { id: a.partnerId } });
    const big = await upload(`sku,onHand,sold\n${'KB-100,1,1\n'.repeat(40_000)}`);
    expect(big.status).toBe(413);
    const wrong = await upload('sku,colour\nKB-100,red\n');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('unknown column');
  });

  it('shows a proposal with its reasons and accepts it, which orders', async () => {
    // KB-100: 2/day; 14 + 7 days → 42, position 10 → 32.
    const sent = await expectApi(vendor, 201, 'POST', '/inventory/proposals', {
      partner: a.partnerId,
      location: 'Lyon',
    });
    await deliveredTo(vendor, a.partnerId, 'replenishment.proposal');
    const list = await asA.get('/portal/stock');
    expect(list.text).toContain('Lyon: 2 lines');
    const path = `/portal/stock/proposals/${sent.proposalId}`;
    const page = await asA.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('sold 2/day over 14 days');
    expect(page.text).toContain('Accept and order');

    const accepted = await asA.post(`${path}/decision`, { status: 'accepted', reason: '' });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toContain('done=accepted');
    const decided = await expectApi(vendor, 200, 'GET', `/inventory/proposals/${sent.id}`);
    expect(decided.decision).toMatchObject({ status: 'accepted', late: false });
    const orders = await expectApi(vendor, 200, 'GET', `/orders?partner=${a.partnerId}`);
    const order = orders.orders.find((o: any) => o.orderId === decided.decision.orderId);
    expect(order).toMatchObject({ type: 'replenishment', direction: 'incoming' });
    const again = await asA.post(`${path}/decision`, { status: 'rejected' });
    expect(again.location).toContain('error=proposal_decided');
  });

  it('changes quantities, rejects, and refuses once expired', async () => {
    const propose = () =>
      expectApi(vendor, 201, 'POST', '/inventory/proposals', {
        partner: a.partnerId,
        location: 'Lyon',
      });
    const first = await propose();
    const path = `/portal/stock/proposals/${first.proposalId}`;
    await asA.get(path);
    const bad = await asA.post(`${path}/decision`, {
      status: 'modified',
      'qty-0': 'lots',
      'qty-1': '1',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a quantity');
    const changed = await asA.post(`${path}/decision`, {
      status: 'modified',
      'qty-0': '20',
      'qty-1': '0',
    });
    expect(changed.location).toContain('done=modified');
    const modified = await expectApi(vendor, 200, 'GET', `/inventory/proposals/${first.id}`);
    expect(modified.decision).toMatchObject({
      status: 'modified',
      lines: [{ sku: 'KB-100', qty: '20' }],
    });

    const second = await propose();
    const secondPath = `/portal/stock/proposals/${second.proposalId}`;
    clock.advance(8 * DAY);
    try {
      const late = await asA.post(`${secondPath}/decision`, { status: 'accepted' });
      expect(late.location).toContain('error=proposal_expired');
      expect((await asA.get(late.location!)).text).toContain('The proposal has expired');
      const rejected = await asA.post(`${secondPath}/decision`, {
        status: 'rejected',
        reason: 'Too late.',
      });
      expect(rejected.location).toContain('done=rejected');
      const held = await expectApi(vendor, 200, 'GET', `/inventory/proposals/${second.id}`);
      expect(held.decision).toMatchObject({
        status: 'rejected',
        reason: 'Too late.',
        orderId: null,
      });
    } finally {
      clock.advance(-8 * DAY);
    }
  });

  it("keeps another partner out of the first one's reports and proposals", async () => {
    const reports = await expectApi(
      vendor,
      200,
      'GET',
      `/inventory/reports?partner=${a.partnerId}`,
    );
    const proposals = await expectApi(
      vendor,
      200,
      'GET',
      `/inventory/proposals?partner=${a.partnerId}`,
    );
    const reportPath = `/portal/stock/reports/${reports.reports[0].reportId}`;
    const open = await expectApi(vendor, 201, 'POST', '/inventory/proposals', {
      partner: a.partnerId,
      location: 'Lyon',
    });
    const proposalPath = `/portal/stock/proposals/${open.proposalId}`;
    expect((await asB.get(reportPath)).status).toBe(404);
    expect(
      (await asB.get(`/portal/stock/proposals/${proposals.proposals[0].proposalId}`)).status,
    ).toBe(404);
    await asB.get('/portal/stock');
    const forged = await asB.post(`${proposalPath}/decision`, { status: 'rejected' });
    expect(forged.status).toBe(404);
    const list = await asB.get('/portal/stock');
    expect(list.text).not.toContain('Lyon');
    expect((await expectApi(vendor, 200, 'GET', `/inventory/proposals/${open.id}`)).status).toBe(
      'open',
    );
    // Without the CSRF token a form is refused.
    const noToken = await asA.post(`${proposalPath}/decision`, { _csrf: null, status: 'rejected' });
    expect(noToken.status).toBe(403);
    await eventually(async () => true);
  });
});
