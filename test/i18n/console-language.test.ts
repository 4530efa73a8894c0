/**
 * The staff console's language: the account's language when the console speaks it, else the
 * language switch's cookie, else Accept-Language, else the node's defaultLanguage. The switch
 * works without script and without a session, saves the choice on a signed-in person's account
 * (with the session's CSRF token only), and only ever sends back to a console page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { issueStaffLink } from '../../node/staff/sign-in-links.ts';
import { PortalClient, startVendor } from '../portal/portal-fixture.ts';
import { runCliOn } from '../support/run-cli.ts';
import { removeTestDirs, type TestNode } from '../support/test-node.ts';

const lang = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

async function page(node: TestNode, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${node.url}/console${path}`, { redirect: 'manual', headers });
  return { status: res.status, text: await res.text() };
}

async function addStaff(node: TestNode, email: string, language: string) {
  const added = await runCliOn(node, [
    'staff',
    'add',
    '--email',
    email,
    '--name',
    email.split('@')[0]!,
    '--role',
    'owner',
    '--language',
    language,
  ]);
  expect(added.code, added.err).toBe(0);
}

/** A browser without script, signed in to the console through a one-time link. */
async function signedIn(node: TestNode, email: string): Promise<PortalClient> {
  const client = new PortalClient(node.url);
  const { url } = await issueStaffLink(node.deps, email, CLI_ACTOR);
  const done = await client.signIn(url);
  expect(done.status).toBe(303);
  await client.get('/console/today');
  return client;
}

describe('i18n › the console’s language', () => {
  let vendor: TestNode;
  let chinese: TestNode;

  beforeAll(async () => {
    [vendor, chinese] = await Promise.all([
      startVendor(),
      startVendor({ name: '华南电子', settings: { defaultLanguage: 'zh-CN' } }),
    ]);
    await Promise.all([
      addStaff(vendor, 'li@vendor.example', 'zh-CN'),
      addStaff(vendor, 'ann@vendor.example', 'en'),
      addStaff(vendor, 'dora@vendor.example', 'de'),
      addStaff(chinese, 'dora@huanan.example', 'de'),
    ]);
  });
  afterAll(async () => {
    await Promise.all([vendor.stop(), chinese.stop()]);
    await removeTestDirs();
  });

  it('reads Accept-Language before anyone signs in, then the node default', async () => {
    expect(lang((await page(vendor, '/sign-in')).text)).toBe('en');
    const zh = await page(vendor, '/sign-in', { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(lang(zh.text)).toBe('zh-CN');
    expect(zh.text).toContain('登录管理控制台');
    expect(lang((await page(chinese, '/sign-in')).text)).toBe('zh-CN');
    expect(lang((await page(chinese, '/sign-in', { 'accept-language': 'en-US' })).text)).toBe('en');
  });

  it('keeps the switch in a cookie without a session, and never leaves the console', async () => {
    const browser = new PortalClient(vendor.url);
    const switched = await browser.post('/console/language', {
      lang: 'zh-CN',
      back: '/console/sign-in',
      _csrf: null,
    });
    expect(switched.status).toBe(303);
    expect(switched.location).toBe('/console/sign-in');
    expect(lang((await browser.get('/console/sign-in')).text)).toBe('zh-CN');
    for (const back of ['//evil.example/', 'https://evil.example/', '/portal/home']) {
      const res = await browser.post('/console/language', { lang: 'en', back, _csrf: null });
      expect(res.location, back).toBe('/console/sign-in');
    }
    const bad = await browser.post('/console/language', { lang: 'fr', _csrf: null });
    expect(bad.status).toBe(400);
  });

  it('follows the account’s language, when the console speaks it, over the cookie', async () => {
    const li = await signedIn(vendor, 'li@vendor.example');
    const today = await li.get('/console/today');
    expect(lang(today.text)).toBe('zh-CN');
    expect(today.text).toContain('<h1>今日</h1>');
    const ann = await signedIn(vendor, 'ann@vendor.example');
    ann.cookies.set('ps_lang', 'zh-CN');
    expect(lang((await ann.get('/console/today')).text)).toBe('en');
    // German is no console language: the node's default decides.
    expect(lang((await (await signedIn(vendor, 'dora@vendor.example')).get('/console')).text)).toBe(
      'en',
    );
    const dora = await signedIn(chinese, 'dora@huanan.example');
    expect(lang((await dora.get('/console')).text)).toBe('zh-CN');
  });

  it('shows a refused form’s problem in the person’s language, its code beside it', async () => {
    const li = await signedIn(vendor, 'li@vendor.example');
    await li.get('/console/leads');
    const refused = await li.post('/console/leads', {
      company: '苏州精工制造',
      'contact.name': '陈明',
      region: '华东',
      interest: 'FW-100',
      source: '展会',
      currency: 'euros',
    });
    expect(refused.status).toBe(400);
    // The field named in words, the kind of problem from the catalog, the code beside them.
    expect(refused.text).toContain('币种无效。（代码：invalid_field）');
    expect(refused.text).toContain('href="#f-currency"');
  });

  it('saves a signed-in person’s switch on the account, with the session’s CSRF token only', async () => {
    const ann = await signedIn(vendor, 'ann@vendor.example');
    const forged = await ann.post('/console/language', {
      lang: 'zh-CN',
      back: '/console/today',
      _csrf: 'forged',
    });
    expect(forged.status).toBe(403);
    const account = () =>
      vendor.deps.store.read((tx) => tx.staff.findUserByEmail('ann@vendor.example'));
    expect((await account())?.language).toBe('en');
    const saved = await ann.post('/console/language', { lang: 'zh-CN', back: '/console/today' });
    expect(saved.location).toBe('/console/today');
    expect((await account())?.language).toBe('zh-CN');
    // Saved on the account: a new session, without the cookie, is in Chinese too.
    const again = await signedIn(vendor, 'ann@vendor.example');
    expect(lang((await again.get('/console/today')).text)).toBe('zh-CN');
  });
});
