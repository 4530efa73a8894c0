import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_CSP } from '../../node/portal/web/security-headers.ts';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  deliveredTo,
  expectApi,
  invitePortal,
  offerLead,
  portalLead,
  PortalClient,
  startVendor,
  type Invited,
} from './portal-fixture.ts';

const XSS = '<script>alert("x")</script> & Sons';

describe('portal › scoping, escaping, headers', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let a: Invited;
  let b: Invited;
  const browserA = () => new PortalClient(vendor.url);
  let asA: PortalClient;
  let asB: PortalClient;

  beforeAll(async () => {
    vendor = await startVendor({ clock });
    a = await invitePortal(vendor, 'Alpha Partner');
    b = await invitePortal(vendor, 'Bravo Partner');
    asA = browserA();
    asB = new PortalClient(vendor.url);
    await asA.signIn(a.signInUrl);
    await asB.signIn(b.signInUrl);
    await offerLead(
      vendor,
      a.partnerId,
      portalLead('L-A1', { company: XSS, notes: '<b>bold</b>' }),
    );
  });
  afterAll(async () => {
    await vendor.stop();
    await removeTestDirs();
  });

  it('shows a lead offered to the partner, escaped', async () => {
    const list = await asA.get('/portal/leads');
    expect(list.status).toBe(200);
    expect(list.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons');
    expect(list.text).not.toContain('<script>');
    const page = await asA.get('/portal/leads/L-A1');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>');
    expect(page.text).not.toContain('<b>bold</b>');
    expect(page.text).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(page.text).toContain(
      'Answer by <time datetime="2027-03-03T09:00:00.000Z">Mar 3, 2027, 09:00 UTC</time>',
    );
  });

  it('never shows or changes another partner’s lead, whatever the URL', async () => {
    const list = await asB.get('/portal/leads');
    expect(list.text).not.toContain('Sons');
    expect((await asB.get('/portal/leads/L-A1')).status).toBe(404);
    expect((await asB.get('/portal/leads/L-NONE')).status).toBe(404);
    for (const verb of ['accept', 'decline', 'progress']) {
      const res = await asB.post(`/portal/leads/L-A1/${verb}`, {
        reasonCode: 'spam',
        stage: 'won',
      });
      expect(res.status, verb).toBe(404);
    }
    const lead = await expectApi(vendor, 200, 'GET', '/leads/L-A1');
    expect(lead.offers.map((o: any) => o.status)).toEqual(['open']);
  });

  it('refuses a form without the session’s CSRF token', async () => {
    expect((await asA.post('/portal/leads/L-A1/accept', { _csrf: null })).status).toBe(403);
    expect((await asA.post('/portal/leads/L-A1/accept', { _csrf: b.signInUrl })).status).toBe(403);
    // B's token is not A's.
    const bToken = asB.csrf!;
    expect((await asA.post('/portal/leads/L-A1/accept', { _csrf: bToken })).status).toBe(403);
    const res = await fetch(`${vendor.url}/portal/leads/L-A1/accept`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `psp_session=${asA.cookies.get('psp_session')}`,
      },
      body: JSON.stringify({ _csrf: asA.csrf }),
    });
    expect(res.status).toBe(415);
    const lead = await expectApi(vendor, 200, 'GET', '/leads/L-A1');
    expect(lead.offers[0].status).toBe('open');
  });

  it('keeps deal registrations and service requests to their partner', async () => {
    await asA.get('/portal/deals/new');
    const registered = await asA.post('/portal/deals', {
      customerName: 'Initech',
      country: 'de',
      products: 'FW-100\nFW-200',
      estimatedValue: '12000.00',
      currency: 'eur',
      expectedCloseDate: '2027-06-30',
    });
    expect(registered.status).toBe(303);
    const dealPath = registered.location!.split('?')[0]!;
    expect(dealPath).toMatch(/^\/portal\/deals\/[0-9a-f-]{36}$/);
    expect((await asA.get(dealPath)).text).toContain('Initech');
    expect((await asB.get(dealPath)).status).toBe(404);
    await asB.get('/portal/deals');
    expect((await asB.post(`${dealPath}/amend`, { customerName: 'Evil' })).status).toBe(404);

    await asA.get('/portal/requests/new');
    const opened = await asA.post('/portal/requests', {
      category: 'technical',
      subject: 'Router reboots',
      description: 'It reboots nightly.',
      priority: 'high',
    });
    expect(opened.status).toBe(303);
    const requestPath = opened.location!.split('?')[0]!;
    expect((await asB.get(requestPath)).status).toBe(404);
    await asB.get('/portal/requests');
    expect((await asB.post(`${requestPath}/update`, { comment: 'hi' })).status).toBe(404);
    expect((await asB.get('/portal/requests')).text).not.toContain('Router reboots');
  });

  it('sends a form back with the field marked when input is wrong', async () => {
    await asA.get('/portal/deals/new');
    const bad = await asA.post('/portal/deals', {
      customerName: 'Initech',
      country: 'XX',
      products: 'FW-100',
      estimatedValue: '12000.00',
      currency: 'EUR',
      expectedCloseDate: '2027-06-30',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#f-country"');
    expect(bad.text).toContain('aria-invalid="true"');
    expect(bad.text).toContain('value="Initech"');
  });

  it('sets the security headers on every page, signed in or not', async () => {
    for (const [client, path] of [
      [new PortalClient(vendor.url), '/portal/sign-in'],
      [asA, '/portal/home'],
      [asA, '/portal/leads/L-A1'],
      [asB, '/portal/leads/L-A1'],
      [new PortalClient(vendor.url), '/portal/nowhere'],
    ] as const) {
      const res = await client.get(path);
      expect(res.headers.get('content-security-policy'), path).toBe(PORTAL_CSP);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const page = await asA.get('/portal/home');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).not.toMatch(/<script|style="/);
  });

  it('accepts through the inbound pipeline: a signed message from the partner’s node id', async () => {
    await asA.get('/portal/leads/L-A1');
    const accepted = await asA.post('/portal/leads/L-A1/accept');
    expect(accepted.location).toBe('/portal/leads/L-A1?done=accepted');
    const lead = await expectApi(vendor, 200, 'GET', '/leads/L-A1');
    expect(lead.offers[0].status).toBe('accepted');
    const inbound = await expectApi(vendor, 200, 'GET', `/messages/in?partner=${a.partnerId}`);
    expect(inbound.messages.map((m: any) => m.kind)).toContain('lead.accept');
    expect(inbound.messages.find((m: any) => m.kind === 'lead.accept').fromNodeId).toBe(a.nodeId);
    await deliveredTo(vendor, a.partnerId, 'lead.offer');
  });
});
