/**
 * The staff inbox in Chromium on a 390 px phone (issue #17): a reseller registers a deal over the
 * federation; the vendor's channel manager sees the unread count in the navigation, opens the
 * inbox, follows the link to the registration, marks it read by the form's button, and chooses a
 * daily e-mail digest on their account page. No serious or critical axe violation on either page,
 * nothing wider than the phone.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { issueStaffLink } from '../../node/staff/sign-in-links.ts';
import { atVendor, register, startDealNodes, type DealNodes } from '../deals/deal-nodes.ts';
import { HAVE_CHROMIUM, launchChromium, PHONE } from '../portal/browser.ts';
import { runCliOn } from '../support/run-cli.ts';
import { removeTestDirs } from '../support/test-node.ts';
import { axeViolations } from './axe.ts';
import { overflowAt390 } from './phone-width.ts';

describe.skipIf(!HAVE_CHROMIUM)('console › notifications in Chromium', () => {
  let n: DealNodes;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleUrl = (path = '') => `${n.vendor.url}/console${path}`;

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext(PHONE);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    const { url } = await issueStaffLink(n.vendor.deps, email, CLI_ACTOR);
    await page.goto(url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toBe(consoleUrl('/today'));
    return page;
  }

  async function fitsAndPassesAxe(page: Page) {
    expect(await axeViolations(page)).toEqual([]);
    const { wide, scrollWidth } = await overflowAt390(page);
    expect(wide).toEqual([]);
    expect(scrollWidth).toBeLessThanOrEqual(390);
  }

  beforeAll(async () => {
    [n, browser] = await Promise.all([startDealNodes(), launchChromium()]);
    const added = await runCliOn(n.vendor, [
      'staff',
      'add',
      '--email',
      'cara@vendor.example',
      '--name',
      'Cara Channel',
      '--role',
      'channel_manager',
    ]);
    expect(added.code, added.err).toBe(0);
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await n?.stop();
    await removeTestDirs();
  });

  it('shows a new registration with the unread count, opens it, marks it read', async () => {
    const deal = await register(n.alpha, n.ids.vendorOnAlpha);
    const held = await atVendor(n, deal.dealId);
    // Twice: a run the node's own timer started before the registration arrived may be joined.
    await n.vendor.deps.jobs.runAll();
    await n.vendor.deps.jobs.runAll();

    const page = await signedIn('cara@vendor.example');
    const nav = page.getByRole('navigation', { name: 'Notifications' });
    await nav.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await expect.poll(() => page.url()).toBe(consoleUrl('/notifications'));
    await expect.poll(() => page.locator('#unread-count').textContent()).toBe('1 unread.');
    const card = page.locator('#notifications li');
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain(
      `Alpha Systems registered the deal ${deal.dealId} for ACME GmbH`,
    );
    await fitsAndPassesAxe(page);

    await card.getByRole('link', { name: 'Open the record' }).click();
    await expect.poll(() => page.url()).toBe(consoleUrl(`/deals/${held.id}`));
    await page.goBack();

    await page.getByRole('button', { name: 'Mark read' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('1 notification marked read.');
    expect(await page.locator('#unread-count').textContent()).toBe('All read.');
    expect(await nav.getByRole('link', { name: 'Notifications', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Mark read' }).count()).toBe(0);
    await fitsAndPassesAxe(page);
  });

  it('chooses a daily digest on the account page', async () => {
    const page = await signedIn('cara@vendor.example');
    await page.goto(consoleUrl(''));
    const select = page.getByLabel('How often');
    expect(await select.inputValue()).toBe('off');
    await select.selectOption('daily');
    await page.getByRole('button', { name: 'Save the digest setting' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Your e-mail digest setting is saved.');
    expect(await page.getByLabel('How often').inputValue()).toBe('daily');
    await fitsAndPassesAxe(page);
  });
});
