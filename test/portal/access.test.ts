import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { PORTAL_ACTIONS_PER_MINUTE } from '../../node/portal/web/action-limit.tsx';
import { invitePortal, PortalClient, startVendor } from './portal-fixture.ts';

describe('portal › access', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;

  beforeAll(async () => {
    vendor = await startVendor({ clock });
  });
  afterAll(async () => {
    await vendor.stop();
    await removeTestDirs();
  });

  it('invites a partner whose link starts a session with safe cookie flags', async () => {
    const acme = await invitePortal(vendor, 'Acme Resale');
    expect(acme.nodeId).toMatch(new RegExp(`^${vendor.url}/portal/partners/[0-9a-f-]{36}$`));
    expect(acme.signInUrl).toMatch(new RegExp(`^${vendor.url}/portal/sign-in/[A-Za-z0-9_-]{43}$`));

    const browser = new PortalClient(vendor.url);
    const before = await browser.get('/portal/home');
    expect(before.status).toBe(303);
    expect(before.location).toBe('/portal/sign-in');

    const opened = await browser.get(acme.signInUrl);
    expect(opened.status).toBe(200);
    const signedIn = await browser.post(acme.signInUrl);
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/portal/home');
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('psp_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/portal/);
    expect(cookie).not.toMatch(/Secure/); // the node's URL is http

    const home = await browser.get('/portal/home');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Acme Resale user');

    // The link worked once.
    const again = await new PortalClient(vendor.url).signIn(acme.signInUrl);
    expect(again.status).toBe(410);
  });

  it('refuses an expired link, and ends sessions at once when access is revoked', async () => {
    const beta = await invitePortal(vendor, 'Beta Systems');
    const second = await vendor.api('POST', `/portal/partners/${beta.partnerId}/users`, {
      email: 'second@beta.example',
      name: 'Second User',
    });
    expect(second.status).toBe(201);

    const first = new PortalClient(vendor.url);
    expect((await first.signIn(beta.signInUrl)).status).toBe(303);
    const other = new PortalClient(vendor.url);
    expect((await other.signIn(second.body.signInUrl)).status).toBe(303);
    const otherHome = await other.get('/portal/home');
    expect(otherHome.text).toContain('Second User');

    // An unused link expires (7 days by default).
    const late = await vendor.api('POST', `/portal/users/${beta.userId}/links`);
    expect(late.status).toBe(201);
    clock.advance(8 * 24 * 3600_000);
    expect((await new PortalClient(vendor.url).signIn(late.body.signInUrl)).status).toBe(410);
    // …as does the session made 8 days ago (12 hours by default).
    expect((await first.get('/portal/home')).status).toBe(303);

    const fresh = await vendor.api('POST', `/portal/users/${beta.userId}/links`);
    const browser = new PortalClient(vendor.url);
    expect((await browser.signIn(fresh.body.signInUrl)).status).toBe(303);
    expect((await browser.get('/portal/home')).status).toBe(200);

    const revoked = await vendor.api('POST', `/portal/partners/${beta.partnerId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.access).toBe('revoked');
    expect((await browser.get('/portal/home')).status).toBe(303);
    const unused = await vendor.api('POST', `/portal/users/${beta.userId}/links`);
    expect(unused.status).toBe(409);
    expect(unused.body.error.code).toBe('portal_revoked');

    await vendor.api('POST', `/portal/partners/${beta.partnerId}/restore`);
    const back = await vendor.api('POST', `/portal/users/${beta.userId}/links`);
    expect((await browser.signIn(back.body.signInUrl)).status).toBe(303);
    // One user revoked: that user is out, the other's new session still works.
    const otherLink = await vendor.api('POST', `/portal/users/${second.body.user.id}/links`);
    expect((await other.signIn(otherLink.body.signInUrl)).status).toBe(303);
    expect((await vendor.api('POST', `/portal/users/${beta.userId}/revoke`)).status).toBe(200);
    expect((await browser.get('/portal/home')).status).toBe(303);
    expect((await other.get('/portal/home')).status).toBe(200);
  });

  it('signs out, and refuses forms without the CSRF token', async () => {
    const gamma = await invitePortal(vendor, 'Gamma');
    const browser = new PortalClient(vendor.url);
    await browser.signIn(gamma.signInUrl);
    await browser.get('/portal/home');
    expect((await browser.post('/portal/sign-out', { _csrf: null })).status).toBe(403);
    expect((await browser.post('/portal/sign-out', { _csrf: 'forged' })).status).toBe(403);
    expect((await browser.get('/portal/home')).status).toBe(200);
    const out = await browser.post('/portal/sign-out');
    expect(out.status).toBe(303);
    expect((await browser.get('/portal/home')).status).toBe(303);
  });

  it('answers an e-mail request the same whoever asks, and queues a link only for users', async () => {
    const delta = await invitePortal(vendor, 'Delta', 'ops@delta.example');
    const ask = async (email: string) => {
      const browser = new PortalClient(vendor.url);
      await browser.get('/portal/sign-in');
      return browser.post('/portal/sign-in', { email });
    };
    const known = await ask('OPS@delta.example');
    const unknown = await ask('nobody@delta.example');
    expect(known.status).toBe(303);
    expect(unknown.status).toBe(303);
    expect(known.location).toBe(unknown.location);
    const queue = await vendor.api('GET', `/portal/notifications?partner=${delta.partnerId}`);
    expect(queue.body.emailEnabled).toBe(false);
    expect(queue.body.notifications.map((n: any) => n.type)).toEqual(['sign_in']);
    // A second request within the window does not mail again.
    await ask('ops@delta.example');
    const again = await vendor.api('GET', `/portal/notifications?partner=${delta.partnerId}`);
    expect(again.body.notifications).toHaveLength(1);
  });

  it('rate-limits the sign-in forms per address', async () => {
    const browser = new PortalClient(vendor.url);
    await browser.get('/portal/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push((await browser.post('/portal/sign-in', { email: 'x@y.example' })).status);
    }
    expect(statuses).toContain(429);
  });

  it('rate-limits form posts per partner with a 429 page that keeps what was typed', async () => {
    clock.advance(60_000); // the sign-in limit of the test before refills
    const gamma = await invitePortal(vendor, 'Gamma Forms');
    const second = await vendor.api('POST', `/portal/partners/${gamma.partnerId}/users`, {
      email: 'second@gamma.example',
      name: 'Gamma Second',
    });
    const first = new PortalClient(vendor.url);
    expect((await first.signIn(gamma.signInUrl)).status).toBe(303);
    const other = new PortalClient(vendor.url);
    expect((await other.signIn(second.body.signInUrl)).status).toBe(303);
    await first.get('/portal/deals/new');
    await other.get('/portal/deals/new');
    // An incomplete form is still a form post: each takes a token, whichever user sends it.
    for (let i = 0; i < PORTAL_ACTIONS_PER_MINUTE; i++) {
      const browser = i % 2 === 0 ? first : other;
      expect((await browser.post('/portal/deals', { customerName: `Try ${i}` })).status).toBe(400);
    }
    const limited = await other.post('/portal/deals', { customerName: 'Kept & typed' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.text).toContain('Too many actions at once');
    expect(limited.text).toContain('name="customerName" value="Kept &amp; typed"');
    expect(limited.text).toContain('action="/portal/deals"');
    // A form with files gets the plain page (the files cannot be echoed back).
    const files = new FormData();
    files.set('_csrf', other.csrf!);
    const multipart = await fetch(`${vendor.url}/portal/deals`, {
      method: 'POST',
      headers: { cookie: [...other.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: files,
    });
    expect(multipart.status).toBe(429);
    expect(multipart.headers.get('retry-after')).not.toBeNull();
    expect(await multipart.text()).toContain('go back and send it again');
    // Pages still open; another partner is not affected.
    expect((await first.get('/portal/deals')).status).toBe(200);
    const delta = await invitePortal(vendor, 'Delta Forms');
    const third = new PortalClient(vendor.url);
    await third.signIn(delta.signInUrl);
    await third.get('/portal/deals/new');
    expect((await third.post('/portal/deals', {})).status).toBe(400);
    // Sent again after the wait, the kept form goes through to the usual checks.
    clock.advance(Number(limited.headers.get('retry-after')) * 1000);
    expect((await other.post('/portal/deals', { customerName: 'Kept & typed' })).status).toBe(400);
  });

  it('keeps the admin API input strict', async () => {
    const bad = await vendor.api('POST', '/portal/partners', {
      name: 'X',
      user: { email: 'nope', name: 'N' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('user.email');
    const taken = await vendor.api('POST', '/portal/partners', {
      name: 'Y',
      user: { email: 'ops@delta.example', name: 'Dup' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');
    expect((await vendor.api('GET', '/portal/partners/999')).status).toBe(404);
    const list = await vendor.api('GET', '/portal/partners');
    expect(list.body.partners.length).toBeGreaterThanOrEqual(4);
  });
});
