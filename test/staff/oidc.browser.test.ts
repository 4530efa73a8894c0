/**
 * Single sign-on against a real OpenID Connect provider (`oidc-provider`) on 127.0.0.1, in
 * Chromium: authorization code with PKCE, groups mapped to roles, an account made at the first
 * sign-in and its roles following the groups, and refusals for a person whose groups grant no
 * role and for a removed person.
 */
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchChromium } from '../portal/browser.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, freePort, removeTestDirs, type TestNode } from '../support/test-node.ts';

const CLIENT_SECRET = 'the-test-providers-client-secret-0123456789';

const ACCOUNTS: Record<string, { email: string; name: string; groups: string[] }> = {
  sam: { email: 'sam@vendor.example', name: 'Sam Sales', groups: ['sales', 'staff'] },
  fin: { email: 'fin@vendor.example', name: 'Fin Ance', groups: ['accounting'] },
  guest: { email: 'guest@vendor.example', name: 'Guest', groups: ['visitors'] },
};

describe.skipIf(!HAVE_CHROMIUM)('staff › single sign-on in Chromium', () => {
  let node: TestNode;
  let browser: Browser;
  let idp: Server;
  let issuer: string;

  async function cli(argv: string[]) {
    return runCliOn(node, argv);
  }

  async function signInAs(login: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${node.url}/console/sign-in`);
    await page.getByRole('link', { name: 'Sign in with your company account' }).click();

    await expect.poll(() => page.url()).toContain(issuer);
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    // The provider asks once for consent to share the claims.
    const consent = page.getByRole('button', { name: 'Continue' });
    await consent.waitFor({ timeout: 5_000 }).catch(() => undefined);
    if (await consent.isVisible()) await consent.click();
    await expect.poll(() => page.url()).toContain(`${node.url}/console`);
    return page;
  }

  beforeAll(async () => {
    [node, browser] = await Promise.all([
      createTestNode({ name: 'sso', settings: { allowLoopback: true } }),
      launchChromium(),
    ]);
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'partner-sync',
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${node.url}/console/sign-in/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
      findAccount: async (_ctx: unknown, sub: string) => ({
        accountId: sub,
        claims: async () => ({ sub, email_verified: true, ...ACCOUNTS[sub] }),
      }),
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['test-cookie-key-0123456789'] },
    });
    idp = createServer(provider.callback());
    await new Promise<void>((resolve) => idp.listen(port, '127.0.0.1', resolve));

    const base = ['staff', 'settings', '--oidc-issuer', issuer, '--oidc-client-id', 'partner-sync'];
    const noSecret = await cli(base);
    expect(noSecret.code).toBe(2);
    const secretFile = join(node.dataDir, 'oidc-secret');
    await writeFile(secretFile, `${CLIENT_SECRET}\n`, { mode: 0o600 });
    const set = await cli([
      ...base,
      '--oidc-client-secret-file',
      secretFile,
      '--oidc-group-role',
      'sales=channel_manager',
      '--oidc-group-role',
      'staff=viewer',
      '--oidc-group-role',
      'accounting=finance',
      '--json',
    ]);
    expect(set.code, set.err).toBe(0);
    const view = JSON.parse(set.out);
    expect(view.oidc).toMatchObject({
      issuer,
      clientSecretSet: true,
      groupRoles: { sales: ['channel_manager'] },
    });
    expect(set.out).not.toContain(CLIENT_SECRET);
    const audit = await node.api('GET', '/audit?operation=settings.staff');
    expect(JSON.stringify(audit.body)).not.toContain(CLIENT_SECRET);
  });

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    await new Promise((resolve) => idp?.close(resolve));
    await removeTestDirs();
  });

  it('signs a new person in with the roles their groups map to', async () => {
    const page = await signInAs('sam');
    // Signing in lands on Today; the person's own page is the console's first.
    expect(page.url()).toBe(`${node.url}/console/today`);
    await page.goto(`${node.url}/console`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Signed in as Sam Sales',
    );
    expect(await page.locator('#who-roles').textContent()).toBe('channel_manager, viewer');

    const [sam] = JSON.parse((await cli(['staff', 'list', '--json'])).out);
    expect(sam).toMatchObject({
      email: 'sam@vendor.example',
      sso: true,
      roles: ['channel_manager', 'viewer'],
    });
    await page.context().close();
  });

  it("an existing person's roles follow their groups", async () => {
    await cli([
      'staff',
      'add',
      '--email',
      'fin@vendor.example',
      '--name',
      'Fin Ance',
      '--role',
      'viewer',
    ]);
    const page = await signInAs('fin');
    await page.goto(`${node.url}/console`);
    expect(await page.locator('#who-roles').textContent()).toBe('finance');
    await page.context().close();
  });

  it('refuses someone whose groups grant no role, and a removed person', async () => {
    const guest = await signInAs('guest');
    expect(await guest.locator('[data-code]').getAttribute('data-code')).toBe('oidc_no_role');
    await guest.context().close();

    await cli([
      'staff',
      'add',
      '--email',
      'owner@vendor.example',
      '--name',
      'O',
      '--role',
      'owner',
    ]);
    expect((await cli(['staff', 'remove', '--email', 'sam@vendor.example'])).code).toBe(0);
    const sam = await signInAs('sam');
    expect(await sam.locator('[data-code]').getAttribute('data-code')).toBe('staff_removed');
    await sam.context().close();

    const audit = await node.api('GET', '/audit?operation=sign_in.oidc');
    expect(audit.body.entries.map((e: { outcome: string }) => e.outcome)).toEqual([
      'staff_removed',
      'oidc_no_role',
      'ok',
      'ok',
    ]);
  });

  it('a callback without the flow started in this browser is refused', async () => {
    const res = await fetch(`${node.url}/console/sign-in/oidc/callback?code=forged&state=forged`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('data-code="oidc_failed"');
  });
});
