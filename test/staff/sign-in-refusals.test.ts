/**
 * The console's refusals over plain HTTP, each with its stable code and an audit row, nothing
 * changed: unknown, used and expired links, a removed person's link, forms without their CSRF
 * token; and a session calling /api, which may write only with the session's CSRF token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleForm,
  consoleLinkFor,
  consoleSession,
  pressConsoleLink,
} from '../support/console-session.ts';
import { runCliOn } from '../support/run-cli.ts';
import {
  createTestNode,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../support/test-node.ts';

let node: TestNode;
const clock = new ManualClock();

beforeAll(async () => {
  node = await createTestNode({ name: 'refusals', clock });
  for (const [email, role] of [
    ['o@v.example', 'owner'],
    ['c@v.example', 'channel_manager'],
    ['v@v.example', 'viewer'],
  ]) {
    const r = await runCliOn(node, [
      'staff',
      'add',
      '--email',
      email!,
      '--name',
      email!,
      '--role',
      role!,
    ]);
    expect(r.code, r.err).toBe(0);
  }
});
afterAll(async () => {
  await node?.stop();
  await removeTestDirs();
});

const linkFor = (email: string) => consoleLinkFor(node, email);
const session = (email: string) => consoleSession(node, email);
const pressLink = pressConsoleLink;
const form = consoleForm;

const codeIn = async (res: Response) => /data-code="([a-z_]+)"/.exec(await res.text())?.[1];

describe('staff › sign-in refusals', () => {
  it('unknown, used, expired and removed-person links are refused and recorded', async () => {
    const unknown = await pressLink(`${node.url}/console/sign-in/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(410);
    expect(await codeIn(unknown)).toBe('link_invalid');

    const once = await linkFor('c@v.example');
    expect((await pressLink(once)).status).toBe(303);
    expect((await pressLink(once)).status).toBe(410);

    const expiring = await linkFor('c@v.example');
    clock.advance(25 * 3_600_000);
    expect((await pressLink(expiring)).status).toBe(410);
    // Back to the real time: the CLI makes links by the system clock.
    clock.set(new Date());

    const removedLink = await linkFor('v@v.example');
    expect((await runCliOn(node, ['staff', 'remove', '--email', 'v@v.example'])).code).toBe(0);
    expect((await pressLink(removedLink)).status).toBe(410);
    // Removed people get no new links either.
    const noLink = await runCliOn(node, ['staff', 'link', '--email', 'v@v.example']);
    expect(noLink.code).toBe(1);
    expect(noLink.err).toContain('was removed');

    const audit = await node.api('GET', '/audit?operation=sign_in.link');
    expect(audit.body.entries.map((e: { outcome: string }) => e.outcome)).toEqual([
      'staff_removed',
      'link_expired',
      'link_used',
      'ok',
      'link_unknown',
    ]);
  });

  it('console forms without the CSRF token change nothing', async () => {
    const s = await session('c@v.example');
    const res = await fetch(
      `${node.url}/console/password`,
      form({ password: 'a long enough password' }, s.cookie),
    );
    expect(res.status).toBe(403);
    const forged = await fetch(
      `${node.url}/console/sign-out-everywhere`,
      form({ _csrf: 'not-the-token' }, s.cookie),
    );
    expect(forged.status).toBe(403);
    // Still signed in, still without a password.
    expect(
      (await fetch(`${node.url}/console`, { headers: { cookie: s.cookie }, redirect: 'manual' }))
        .status,
    ).toBe(200);
    const [c] = JSON.parse((await runCliOn(node, ['staff', 'list', '--json'])).out).filter(
      (u: { email: string }) => u.email === 'c@v.example',
    );
    expect(c.password).toBe(false);
  });

  it('a refused change to one’s own sign-in is recorded with its code, changing nothing', async () => {
    const s = await session('c@v.example');
    const home = await (
      await fetch(`${node.url}/console`, { headers: { cookie: s.cookie } })
    ).text();
    const key = /name="key" value="([^"]+)"/.exec(home)![1]!;
    const short = await fetch(
      `${node.url}/console/password`,
      form({ _csrf: s.csrf, password: 'short' }, s.cookie),
    );
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('invalid_password');
    const wrong = await fetch(
      `${node.url}/console/totp`,
      form({ _csrf: s.csrf, key, code: '000000' }, s.cookie),
    );
    expect(wrong.status).toBe(400);
    const audit = await node.api('GET', '/audit?person=c@v.example&operation=staff.&limit=2');
    expect(
      audit.body.entries.map((e: { operation: string; outcome: string }) => [
        e.operation,
        e.outcome,
      ]),
    ).toEqual([
      ['staff.totp.enable', 'wrong_totp'],
      ['staff.password', 'invalid_password'],
    ]);
    const [c] = JSON.parse((await runCliOn(node, ['staff', 'list', '--json'])).out).filter(
      (u: { email: string }) => u.email === 'c@v.example',
    );
    expect(c).toMatchObject({ password: false, totp: false });
  });

  it('a session writes on /api only with its CSRF token, and is audited as the person', async () => {
    const s = await session('c@v.example');
    const body = JSON.stringify({
      name: 'Acme',
      partnerType: 'reseller',
      relationship: 'strategic',
    });
    const without = await fetch(`${node.url}/api/invitations`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'content-type': 'application/json' },
      body,
    });
    expect(without.status).toBe(401);
    const withToken = await fetch(`${node.url}/api/invitations`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'content-type': 'application/json', 'x-csrf-token': s.csrf },
      body,
    });
    expect(withToken.status).toBe(201);
    const audit = await node.api('GET', '/audit?operation=POST%20/api/invitations');
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({
      actorKind: 'session',
      email: 'c@v.example',
      outcome: 'ok',
    });
  });

  it('password sign-in: an unknown address, and a mandatory second factor not set up', async () => {
    const page = await fetch(`${node.url}/console/sign-in`);
    const pre = page.headers.getSetCookie()[0]!.split(';')[0]!;
    const signIn = (email: string, password: string) =>
      fetch(
        `${node.url}/console/sign-in`,
        form({ _csrf: pre.split('=')[1]!, email, password }, pre),
      );

    const unknown = await signIn('nobody@v.example', 'whatever it is 123');
    expect(unknown.status).toBe(401);
    expect(await codeIn(unknown)).toBe('sign_in_failed');

    const s = await session('c@v.example');
    const password = 'channel manager password 1';
    const set = await fetch(
      `${node.url}/console/password`,
      form({ _csrf: s.csrf, password }, s.cookie),
    );
    expect(set.status).toBe(303);
    expect((await signIn('c@v.example', password)).status).toBe(303);

    const mandatory = await runCliOn(node, ['staff', 'settings', '--require-totp', 'on', '--json']);
    expect(JSON.parse(mandatory.out).requireTotp).toBe(true);
    const refused = await signIn('c@v.example', password);
    expect(refused.status).toBe(403);
    expect(await codeIn(refused)).toBe('totp_setup_required');
    await runCliOn(node, ['staff', 'settings', '--require-totp', 'off']);

    const audit = await node.api('GET', '/audit?operation=sign_in.password');
    expect(audit.body.entries.map((e: { outcome: string }) => e.outcome)).toEqual([
      'totp_setup_required',
      'ok',
      'staff_not_found',
    ]);
    const settings = await node.api('GET', '/audit?operation=settings.staff');
    expect(settings.body.entries).toHaveLength(2);
  });

  it('session cookies are Secure when the node URL is https', async () => {
    const port = node.port;
    const https = await createTestNode({
      name: 'https',
      settings: { url: `https://127.0.0.1:${port + 1}` },
    });
    try {
      await runCliOn(https, [
        'staff',
        'add',
        '--email',
        'o@v.example',
        '--name',
        'O',
        '--role',
        'owner',
      ]);
      const url = JSON.parse(
        (await runCliOn(https, ['staff', 'link', '--email', 'o@v.example', '--json'])).out,
      ).url as string;
      const local = url.replace(/^https:\/\/127\.0\.0\.1:\d+/, `http://127.0.0.1:${https.port}`);
      const res = await pressLink(local);
      expect(res.status).toBe(303);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pss_session='))!;
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
    } finally {
      await https.stop();
    }
  });

  it('signing out ends the session and is recorded with it', async () => {
    const s = await session('o@v.example');
    const out = await fetch(`${node.url}/console/sign-out`, form({ _csrf: s.csrf }, s.cookie));
    expect(out.status).toBe(303);
    const api = await fetch(`${node.url}/api/partners`, { headers: { cookie: s.cookie } });
    expect(api.status).toBe(401);
    const audit = await node.api('GET', '/audit?operation=sign_out');
    expect(audit.body.entries[0]).toMatchObject({ email: 'o@v.example', outcome: 'ok' });
  });

  it('a session in use still ends at its absolute timeout', async () => {
    const set = await runCliOn(node, ['staff', 'settings', '--session-max-hours', '1']);
    expect(set.code, set.err).toBe(0);
    const s = await session('c@v.example');
    const home = () =>
      fetch(`${node.url}/console`, { headers: { cookie: s.cookie }, redirect: 'manual' });
    // Used every 20 minutes, well within the idle timeout, for the hour it may last.
    for (let i = 0; i < 2; i++) {
      clock.advance(20 * 60_000);
      expect((await home()).status).toBe(200);
    }
    clock.advance(21 * 60_000);
    const ended = await home();
    expect(ended.status).toBe(303);
    expect(ended.headers.get('location')).toMatch(/\/console\/sign-in$/);
    const api = await fetch(`${node.url}/api/partners`, { headers: { cookie: s.cookie } });
    expect(api.status).toBe(401);
  });
});
