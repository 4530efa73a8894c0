/**
 * A service agent answers a partner's request in the console: an internal note stays on the
 * vendor's node (the partner's node never receives it), a comment for the partner reaches it, and
 * a comment without a chosen audience is refused by the API with nothing sent.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { issueStaffLink } from '../../node/staff/sign-in-links.ts';
import { HAVE_CHROMIUM, launchChromium, PHONE } from '../portal/browser.ts';
import { call, createTrio, requestOn, settle, type Trio } from '../service/service-fixture.ts';
import { runCliOn } from '../support/run-cli.ts';
import { removeTestDirs } from '../support/test-node.ts';
import { overflowAt390 } from './phone-width.ts';

describe.skipIf(!HAVE_CHROMIUM)('console › the service desk in Chromium', () => {
  let t: Trio;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let requestId: string;
  let row: number;

  const consoleUrl = (path = '') => `${t.vendor.url}/console${path}`;

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext(PHONE);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    const { url } = await issueStaffLink(t.vendor.deps, email, CLI_ACTOR);
    await page.goto(url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toBe(consoleUrl('/today'));
    return page;
  }

  beforeAll(async () => {
    [t, browser] = await Promise.all([createTrio(), launchChromium()]);
    const added = await runCliOn(t.vendor, [
      'staff',
      'add',
      '--email',
      'sam@vendor.example',
      '--name',
      'Sam Service',
      '--role',
      'service_agent',
    ]);
    expect(added.code, added.err).toBe(0);
    const opened = await call(t.p1, 'POST', '/service/requests', {
      partner: t.idOf(t.p1, t.vendor),
      category: 'technical',
      subject: 'Router drops VPN',
      description: 'Since the last firmware.',
      priority: 'high',
    });
    requestId = opened.requestId;
    await settle(t.p1, t.vendor);
    row = (await requestOn(t.vendor, requestId)).id;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.stop();
    await removeTestDirs();
  });

  it('an internal note stays inside; a comment for the partner reaches it', async () => {
    const page = await signedIn('sam@vendor.example');
    await page.goto(consoleUrl('/service'));
    await page.locator(`[data-request="${row}"] a`).click();
    expect(page.url()).toBe(consoleUrl(`/service/${row}`));
    expect(await overflowAt390(page)).toEqual({ wide: [], scrollWidth: 390 });

    // No audience chosen: the API refuses, the text is kept, nothing is recorded.
    await page.getByLabel('Comment').fill('Customer is on firmware 4.2, known issue.');
    await page.getByRole('button', { name: 'Save the update' }).click();
    const summary = page.locator('.notice.error[role=alert]');
    expect(await summary.textContent()).toContain('invalid_field');
    expect(await summary.locator('a').getAttribute('href')).toBe('#f-visibility');
    expect(await page.getByLabel('Comment').inputValue()).toContain('firmware 4.2');

    await page.getByLabel('Only our staff (internal note)').check();
    await page.getByRole('button', { name: 'Save the update' }).click();
    await expect.poll(() => page.url()).toBe(consoleUrl(`/service/${row}?done=updated`));
    const note = page.locator('[data-visibility=internal]');
    expect(await note.textContent()).toContain('the partner never sees this');

    await page.getByLabel('Status').selectOption('in_progress');
    await page.getByLabel('Comment').fill('We are on it; a fix is coming.');
    await page.getByLabel('The partner (sent to them)').check();
    await page.getByRole('button', { name: 'Save the update' }).click();
    await expect.poll(() => page.url()).toBe(consoleUrl(`/service/${row}?done=updated`));
    expect(await page.locator('[data-visibility=partner]').count()).toBe(1);

    await settle(t.vendor, t.p1);
    const onPartner = await requestOn(t.p1, requestId);
    expect(onPartner.status).toBe('in_progress');
    const texts = JSON.stringify(onPartner.timeline);
    expect(texts).toContain('a fix is coming');
    expect(texts).not.toContain('firmware 4.2');
  });
});
