/**
 * The order desk answers an order in the console, line by line: a changed quantity is sent as
 * CA with only that line, the buyer's node sees the accepted total, and a bad quantity comes back
 * with the API's code linked to that line's field. Finance without the order desk role reads
 * orders but is offered no answer.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { issueStaffLink } from '../../node/staff/sign-in-links.ts';
import { orderOn, startOrderNodes, type OrderNodes } from '../orders/order-nodes.ts';
import { HAVE_CHROMIUM, launchChromium, PHONE } from '../portal/browser.ts';
import { runCliOn } from '../support/run-cli.ts';
import { removeTestDirs } from '../support/test-node.ts';
import { overflowAt390 } from './phone-width.ts';

describe.skipIf(!HAVE_CHROMIUM)('console › answering an order in Chromium', () => {
  let n: OrderNodes;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let orderId: string;
  let row: number;

  const consoleUrl = (path = '') => `${n.owner.url}/console${path}`;

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext(PHONE);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    const { url } = await issueStaffLink(n.owner.deps, email, CLI_ACTOR);
    await page.goto(url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toBe(consoleUrl('/today'));
    return page;
  }

  beforeAll(async () => {
    [n, browser] = await Promise.all([startOrderNodes(), launchChromium()]);
    for (const [email, name, role] of [
      ['otto@vendor.example', 'Otto Orders', 'order_desk'],
      ['fay@vendor.example', 'Fay Finance', 'finance'],
    ] as const) {
      const added = await runCliOn(n.owner, [
        'staff',
        'add',
        '--email',
        email,
        '--name',
        name,
        '--role',
        role,
      ]);
      expect(added.code, added.err).toBe(0);
    }
    const placed = await n.p1.api('POST', '/orders', {
      seller: n.ownerOnP1,
      type: 'standard',
      lines: [
        { sku: 'KB-100', qty: '12' },
        { sku: 'MS-200', qty: '3' },
      ],
    });
    expect(placed.status).toBe(201);
    orderId = placed.body.orderId;
    row = (await orderOn(n.owner, orderId, (o) => o.status === 'acknowledged')).id;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await n?.stop();
    await removeTestDirs();
  });

  it('finance reads the order but is offered no answer', async () => {
    const page = await signedIn('fay@vendor.example');
    const res = await page.goto(consoleUrl(`/orders/${row}`));
    expect(res?.status()).toBe(200);
    expect(await page.getByRole('button', { name: 'Send the answer' }).count()).toBe(0);
    // Posting the form anyway is refused, and the order still waits.
    await page.goto(consoleUrl());
    const token = await page.locator('input[name=_csrf]').first().getAttribute('value');
    const forged = await page.request.post(consoleUrl(`/orders/${row}/response`), {
      form: { _csrf: token!, code: 'RE', reason: 'no' },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('data-code="forbidden_role"');
    expect((await n.owner.api('GET', `/orders/${row}`)).body.status).toBe('acknowledged');
  });

  it('the order desk answers from Today with a changed line', async () => {
    const page = await signedIn('otto@vendor.example');
    await page.goto(consoleUrl('/today'));
    const waiting = page.locator('#today-orders-answer');
    expect(await waiting.locator('[data-count]').getAttribute('data-count')).toBe('1');
    await waiting.getByRole('link').click();
    await page.locator(`[data-order="${row}"] a`).click();
    expect(page.url()).toBe(consoleUrl(`/orders/${row}`));
    expect(await overflowAt390(page)).toEqual({ wide: [], scrollWidth: 390 });

    // A quantity the API refuses: its code, linked to that line's field, the input kept.
    await page.getByLabel('Answer').selectOption('CA');
    const line2 = page.locator('[data-line="2"]');
    await line2.getByLabel('Quantity').fill('three');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    const summary = page.locator('.notice.error[role=alert]');
    expect(await summary.textContent()).toContain('invalid_field');
    expect(await summary.locator('a').getAttribute('href')).toBe('#f-line-2-qty');
    expect(await line2.getByLabel('Quantity').inputValue()).toBe('three');

    await line2.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await expect.poll(() => page.url()).toBe(consoleUrl(`/orders/${row}?done=answered`));
    expect(await page.locator('#answer-code').textContent()).toContain('CA');
    // 12 × 42.00 + 2 × 19.90
    expect(await page.locator('#accepted-total').textContent()).toBe('€543.80');
    // Each line's unit price in the order's currency, as the order has it.
    expect(await page.locator('[data-line="1"]').textContent()).toBe(
      'Line 1: KB-100 · 12 × €42.00',
    );
    const onBuyer = await orderOn(n.p1, orderId, (o) => o.status === 'accepted');
    expect(onBuyer.acceptedTotal).toBe('543.80');
    expect(onBuyer.response.lines).toEqual([expect.objectContaining({ line: 2, qty: '2' })]);
  });
});
