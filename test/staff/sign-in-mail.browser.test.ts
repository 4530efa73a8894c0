/**
 * "E-mail me a sign-in link" on the console's sign-in page, in Chromium, with the mail going
 * through a real SMTP server on 127.0.0.1: the same answer for any address, one mail only for a
 * person with an account, in their language; the link is stored hashed, signs in only its own
 * account, once, within minutes; a few per hour per person; every request recorded.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeRows } from '../support/node-database.ts';
import { hashToken } from '../../node/portal/tokens.ts';
import { EMAILED_LINK_MINUTES, EMAILED_LINKS_PER_HOUR } from '../../node/staff/sign-in-mail.ts';
import { HAVE_CHROMIUM, launchChromium } from '../portal/browser.ts';
import { mailText, startSmtpSink, type SmtpSink } from '../portal/smtp-sink.ts';
import { runCliOn } from '../support/run-cli.ts';
import {
  createTestNode,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../support/test-node.ts';

const LINK = /https?:\/\/\S+\/console\/sign-in\/([A-Za-z0-9_-]{43})/;

describe.skipIf(!HAVE_CHROMIUM)('staff › sign-in links by e-mail, in Chromium', () => {
  const clock = new ManualClock();
  let node: TestNode;
  let browser: Browser;
  let sink: SmtpSink;
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

  /** Asks for a link as anyone would, and returns what the page said. */
  async function askForLink(page: Page, email: string) {
    await page.goto(`${node.url}/console/sign-in`);
    await page.getByLabel('Your e-mail address', { exact: true }).fill(email);
    const answer = page.waitForResponse((r) => r.url().includes('/console/sign-in?sent=1'));
    await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
    const res = await answer;
    return { status: res.status(), notice: await page.getByRole('status').textContent() };
  }

  const requests = async () =>
    (await node.api('GET', '/audit?operation=staff.link.email&limit=100')).body.entries as Array<{
      outcome: string;
      email: string;
      record: string | null;
      actorKind: string;
    }>;

  /** Waits until the request's background work recorded its outcome. */
  async function outcomesAfter(count: number) {
    await expect.poll(async () => (await requests()).length, { timeout: 10_000 }).toBe(count);
    return (await requests()).map((r) => r.outcome).reverse();
  }

  async function mailTo(email: string, after: number) {
    await expect.poll(() => sink.mails.length, { timeout: 10_000 }).toBeGreaterThan(after);
    const mail = sink.mails.at(-1)!;
    expect(mail.to).toEqual([email]);
    // Read as its reader would: a zh-CN mail is base64 or quoted-printable by chance (mailText).
    const data = mailText(mail);
    const link = LINK.exec(data);
    expect(link, data).not.toBeNull();
    return { data, url: link![0], token: link![1]! };
  }

  beforeAll(async () => {
    [node, browser, sink] = await Promise.all([
      createTestNode({ name: 'console-mail', clock }),
      launchChromium(),
      startSmtpSink(),
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
    ]);
    await cliJson([
      'staff',
      'add',
      '--email',
      'li@vendor.example',
      '--name',
      'Li Lei',
      '--role',
      'finance',
      '--language',
      'zh-CN',
    ]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await node?.stop();
    await sink?.close();
    await removeTestDirs();
  });

  it('offers no e-mailed link while the node has no SMTP server', async () => {
    const page = await newPage();
    await page.goto(`${node.url}/console/sign-in`);
    expect(await page.getByRole('button', { name: 'E-mail me a sign-in link' }).count()).toBe(0);
    const set = await node.api('PATCH', '/portal/settings', {
      smtp: { host: '127.0.0.1', port: sink.port, from: 'console@vendor.example' },
    });
    expect(set.status).toBe(200);
  });

  it('answers alike for a person and a stranger; only the person gets mail, signing in once', async () => {
    const page = await newPage();
    const known = await askForLink(page, 'Olga@Vendor.example');
    const mail = await mailTo('olga@vendor.example', 0);
    const unknown = await askForLink(page, 'nobody@vendor.example');
    expect(unknown).toEqual(known);
    expect(known.notice).toContain(`expires in ${EMAILED_LINK_MINUTES} minutes`);
    expect(await outcomesAfter(2)).toEqual(['ok', 'unknown_account']);
    expect(sink.mails).toHaveLength(1);

    expect(mail.data).toContain('Subject: Your console sign-in link');
    expect(mail.data).toContain('Hello Olga Owner');
    // Stored as its hash only, bound to Olga's account.
    const rows = await nodeRows<{ staff_id: string; token_hash: string }>(
      node,
      'SELECT staff_id, token_hash FROM staff_links',
    );
    expect(rows.map((r) => r.token_hash)).toContain(hashToken(mail.token));
    expect(JSON.stringify(rows)).not.toContain(mail.token);

    // Opening the link spends nothing; its button signs in Olga, and only once.
    const signIn = await newPage();
    await signIn.goto(mail.url);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    // Where signing in lands is the console's choice (console-sign-in.browser.test.ts checks
    // it); here it is whose session the link started, read on the person's own page.
    await signIn.waitForURL(
      (u) => u.href.startsWith(`${node.url}/console`) && !u.pathname.includes('/sign-in'),
    );
    await signIn.goto(`${node.url}/console`);
    expect(await signIn.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Signed in as Olga Owner',
    );
    const again = await (await newPage()).goto(mail.url);
    expect(again?.status()).toBe(410);
  });

  it('mails in the person’s language, and the link expires within minutes', async () => {
    const page = await newPage();
    const before = sink.mails.length;
    await askForLink(page, 'li@vendor.example');
    const mail = await mailTo('li@vendor.example', before);
    expect(mail.data).toContain('Li Lei，您好');
    clock.advance((EMAILED_LINK_MINUTES + 1) * 60_000);
    const late = await newPage();
    await late.goto(mail.url);
    expect(await late.locator('[data-code]').getAttribute('data-code')).toBe('link_invalid');
  });

  it(`mails at most ${EMAILED_LINKS_PER_HOUR} links an hour to one person, however many ask`, async () => {
    const page = await newPage();
    const before = sink.mails.length;
    const recorded = (await requests()).length;
    // Olga has had one link this hour.
    for (let i = 0; i < EMAILED_LINKS_PER_HOUR; i++) {
      await askForLink(page, 'olga@vendor.example');
      await outcomesAfter(recorded + i + 1);
    }
    const outcomes = (await requests()).slice(0, EMAILED_LINKS_PER_HOUR).map((r) => r.outcome);
    expect(outcomes.reverse()).toEqual([
      ...Array(EMAILED_LINKS_PER_HOUR - 1).fill('ok'),
      'link_rate_limited',
    ]);
    await expect.poll(() => sink.mails.length).toBe(before + EMAILED_LINKS_PER_HOUR - 1);
    const [last] = await requests();
    expect(last).toMatchObject({
      actorKind: 'anonymous',
      email: 'olga@vendor.example',
      record: expect.stringMatching(/^staff\//),
    });
  });

  it('refuses a malformed address on the form, mailing nothing', async () => {
    const page = await newPage();
    await page.goto(`${node.url}/console/sign-in`);
    await page.getByLabel('Your e-mail address', { exact: true }).fill('not an address');
    const answer = page.waitForResponse((r) => r.url().endsWith('/console/sign-in-link'));
    await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
    expect((await answer).status()).toBe(400);
  });
});
