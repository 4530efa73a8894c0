/**
 * Signing in to the staff console in Chromium: a one-time link (a button to press, used once),
 * then a password with a TOTP second factor, sessions that reach /api, sign out everywhere, and
 * the per-account lockout. The node's clock is manual, so TOTP codes are computed for its time.
 */
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchChromium } from '../portal/browser.ts';
import { runCliOn } from '../support/run-cli.ts';
import {
  createTestNode,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../support/test-node.ts';

const PASSWORD = 'correct horse battery staple';

describe.skipIf(!HAVE_CHROMIUM)('staff › console sign-in in Chromium', () => {
  // Starts at the real time: the CLI makes links by the system clock.
  const clock = new ManualClock();
  let node: TestNode;
  let browser: Browser;
  let link: string;
  let totpKey: Uint8Array;
  const contexts: BrowserContext[] = [];

  async function cliJson(argv: string[]) {
    const result = await runCliOn(node, [...argv, '--json']);
    expect(result.code, result.err).toBe(0);
    return JSON.parse(result.out);
  }

  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  const codeAt = (offsetSteps = 0) =>
    generateHOTP(totpKey, BigInt(Math.floor(clock.now().getTime() / 30_000) + offsetSteps), 6);

  async function passwordSignIn(page: Page, password: string, code = '') {
    await page.goto(`${node.url}/console/sign-in`);
    await page.getByLabel('E-mail address').fill('olga@vendor.example');
    await page.getByLabel('Password').fill(password);
    if (code) await page.getByLabel('Code from your authenticator app').fill(code);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  const refusalCode = (page: Page) => page.locator('[data-code]').getAttribute('data-code');

  beforeAll(async () => {
    [node, browser] = await Promise.all([
      createTestNode({ name: 'console', clock }),
      launchChromium(),
    ]);
    await cliJson([
      'staff',
      'add',
      '--email',
      'olga@vendor.example',
      '--name',
      'Olga Owner',
      '--role',
      'owner',
      '--role',
      'finance',
    ]);
    await cliJson([
      'staff',
      'add',
      '--email',
      'vic@vendor.example',
      '--name',
      'Vic Viewer',
      '--role',
      'viewer',
    ]);
    link = (await cliJson(['staff', 'link', '--email', 'olga@vendor.example'])).url;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await node?.stop();
    await removeTestDirs();
  });

  it('a link opens a page with a button; pressing it signs in, once', async () => {
    expect(link).toMatch(new RegExp(`^${node.url}/console/sign-in/[A-Za-z0-9_-]{43}$`));
    const page = await newPage();
    await page.goto(link);
    // Opening the link did not use it.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Sign in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signing in lands on Today; the person's own page is the console's first.
    await expect.poll(() => page.url()).toBe(`${node.url}/console/today`);
    await page.goto(`${node.url}/console`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Signed in as Olga Owner',
    );
    expect(await page.locator('#who-roles').textContent()).toBe('owner, finance');

    const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'pss_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });

    // The session reaches /api: reads freely, writes only with the session's CSRF token.
    const read = await page.request.get(`${node.url}/api/partners`);
    expect(read.status()).toBe(200);
    const write = await page.request.post(`${node.url}/api/invitations`, {
      data: { name: 'Acme', partnerType: 'reseller', relationship: 'strategic' },
    });
    expect(write.status()).toBe(401);

    // The link is spent: a second browser gets a clear refusal.
    const other = await newPage();
    const res = await other.goto(link);
    expect(res?.status()).toBe(410);
    expect(await refusalCode(other)).toBe('link_invalid');
  });

  it('sets a password and a TOTP second factor, then signs in with both', async () => {
    const page = await newPage();
    link = (await cliJson(['staff', 'link', '--email', 'olga@vendor.example'])).url;
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toBe(`${node.url}/console/today`);
    await page.goto(`${node.url}/console`);

    await page.getByLabel('Choose a password').fill('short');
    await page.getByRole('button', { name: 'Save password' }).click();
    expect(await page.locator('.notice.error').textContent()).toContain('invalid_password');
    await page.getByLabel('Choose a password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    expect(await page.locator('.notice.done').textContent()).toContain('password is set');

    totpKey = decodeBase32IgnorePadding((await page.locator('#totp-key').textContent())!);
    await page.getByLabel('Code from the app').fill(codeAt());
    await page.getByRole('button', { name: 'Turn the second factor on' }).click();
    expect(await page.locator('.notice.done').textContent()).toContain('second factor is on');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect.poll(() => page.url()).toBe(`${node.url}/console/sign-in`);

    await passwordSignIn(page, PASSWORD);
    expect(await refusalCode(page)).toBe('totp_required');
    await passwordSignIn(page, PASSWORD, '000000');
    expect(await refusalCode(page)).toBe('sign_in_failed');
    // The code that turned TOTP on cannot be used again.
    await passwordSignIn(page, PASSWORD, codeAt());
    expect(await refusalCode(page)).toBe('sign_in_failed');
    clock.advance(30_000);
    await passwordSignIn(page, PASSWORD, codeAt());
    await expect.poll(() => page.url()).toBe(`${node.url}/console/today`);
    await page.goto(`${node.url}/console`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Signed in as Olga Owner',
    );
  });

  it('sign out everywhere ends every session; idle sessions end by themselves', async () => {
    const a = await newPage();
    const b = await newPage();
    clock.advance(30_000);
    await passwordSignIn(a, PASSWORD, codeAt());
    clock.advance(30_000);
    await passwordSignIn(b, PASSWORD, codeAt());
    await expect.poll(() => b.url()).toBe(`${node.url}/console/today`);
    await a.goto(`${node.url}/console`);
    await a.getByRole('button', { name: 'Sign out everywhere' }).click();
    // Reload only once each page has finished loading: reloading during the redirect that
    // follows a form post detaches the page in Chromium under load.
    await a.waitForLoadState('load');
    await b.waitForLoadState('load');
    await b.reload();
    expect(b.url()).toBe(`${node.url}/console/sign-in`);

    clock.advance(30_000);
    await passwordSignIn(a, PASSWORD, codeAt());
    await expect.poll(() => a.url()).toBe(`${node.url}/console/today`);
    clock.advance(31 * 60_000);
    await a.waitForLoadState('load');
    await a.reload();
    expect(a.url()).toBe(`${node.url}/console/sign-in`);
  });

  it('locks an account after repeated failures, not the address', async () => {
    const page = await newPage();
    for (let i = 0; i < 5; i++) {
      await passwordSignIn(page, 'wrong password!');
      expect(await refusalCode(page)).toBe('sign_in_failed');
    }
    clock.advance(30_000);
    await passwordSignIn(page, PASSWORD, codeAt());
    expect(await refusalCode(page)).toBe('account_locked');

    // Someone else signing in from the same address is not locked out.
    await cliJson(['staff', 'link', '--email', 'vic@vendor.example']).then(async ({ url }) => {
      await page.goto(url);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.url()).toBe(`${node.url}/console/today`);
    });

    clock.advance(16 * 60_000);
    const again = await newPage();
    await passwordSignIn(again, PASSWORD, codeAt());
    await expect.poll(() => again.url()).toBe(`${node.url}/console/today`);

    const audit = await node.api('GET', '/audit?operation=sign_in.password&limit=20');
    const outcomes = audit.body.entries.map((e: { outcome: string }) => e.outcome);
    expect(outcomes).toContain('account_locked');
    expect(outcomes.filter((o: string) => o === 'wrong_password')).toHaveLength(5);
    expect(outcomes).toContain('wrong_totp');
    expect(outcomes).toContain('totp_required');
  });
});
