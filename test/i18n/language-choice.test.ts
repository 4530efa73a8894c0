/**
 * Which language a page is in: the person's saved setting, else the language switch's cookie,
 * else Accept-Language, else the node's defaultLanguage; the switch works without JavaScript,
 * saves the choice for a signed-in user, and only ever sends back to a page of the portal. Also
 * the exact formatting of decimal strings (never through floating point).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { runCli } from '../../node/cli/main.ts';
import { fromAcceptLanguage } from '../../node/i18n/negotiate.ts';
import { translatorFor } from '../../node/i18n/translator.ts';
import { removeTestDirs, type TestNode } from '../support/test-node.ts';
import { expectApi, invitePortal, PortalClient, startVendor } from '../portal/portal-fixture.ts';

const lang = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

async function page(node: TestNode, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${node.url}/portal${path}`, { redirect: 'manual', headers });
  return { status: res.status, text: await res.text() };
}

describe('i18n › choosing the language', () => {
  let vendor: TestNode;
  let chinese: TestNode;

  beforeAll(async () => {
    [vendor, chinese] = await Promise.all([
      startVendor(),
      startVendor({ name: '华南电子', settings: { defaultLanguage: 'zh-CN' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([vendor.stop(), chinese.stop()]);
    await removeTestDirs();
  });

  it('reads Accept-Language, then the node default', async () => {
    expect(lang((await page(vendor, '/sign-in')).text)).toBe('en');
    const zh = await page(vendor, '/sign-in', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(lang(zh.text)).toBe('zh-CN');
    expect(zh.text).toContain('登录合作伙伴门户');
    // Traditional Chinese is not offered: the next range decides.
    expect(
      lang((await page(vendor, '/sign-in', { 'accept-language': 'zh-TW,en;q=0.5' })).text),
    ).toBe('en');
    expect(lang((await page(chinese, '/sign-in')).text)).toBe('zh-CN');
    expect(lang((await page(chinese, '/sign-in', { 'accept-language': 'en-US' })).text)).toBe('en');
  });

  it('keeps the switch in a cookie without a session, and comes back to the page', async () => {
    const browser = new PortalClient(vendor.url);
    const switched = await browser.post('/portal/language', {
      lang: 'zh-CN',
      back: '/portal/sign-in',
      _csrf: null,
    });
    expect(switched.status).toBe(303);
    expect(switched.location).toBe('/portal/sign-in');
    expect(lang((await browser.get('/portal/sign-in')).text)).toBe('zh-CN');
    // Never to another site.
    for (const back of ['//evil.example/x', 'https://evil.example/', '/elsewhere']) {
      const res = await browser.post('/portal/language', { lang: 'en', back, _csrf: null });
      expect(res.location).toBe('/portal/sign-in');
    }
    const bad = await browser.post('/portal/language', { lang: 'fr', _csrf: null });
    expect(bad.status).toBe(400);
  });

  it('lets the inviting company choose the language with the CLI (--language)', async () => {
    const cli = async (argv: string[]) => {
      const io = createCapturedIo({ env: {} });
      const code = await runCli([...argv, '--data', vendor.dataDir], io);
      return { code, out: io.out(), err: io.err() };
    };
    const invited = await cli([
      'portal',
      'invite',
      '--name',
      '深圳云帆电子',
      '--email',
      'li@yunfan.example',
      '--user-name',
      '李娜',
      '--language',
      'zh-CN',
      '--json',
    ]);
    expect(invited.code, invited.err).toBe(0);
    const made = JSON.parse(invited.out);
    expect(made.partner.users[0].language).toBe('zh-CN');
    // The invitation link opens a Chinese page, whatever the browser asks for.
    const browser = new PortalClient(vendor.url);
    await browser.signIn(made.signInUrl);
    expect(lang((await browser.get('/portal/home')).text)).toBe('zh-CN');
    const bad = await cli([
      'portal',
      'add-user',
      String(made.partner.id),
      '--email',
      'x@yunfan.example',
      '--user-name',
      'X',
      '--language',
      'fr',
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--language');
  });

  it('saves a signed-in user’s choice, which wins over the browser', async () => {
    const p = await invitePortal(vendor, 'Switching Partner');
    const browser = new PortalClient(vendor.url);
    await browser.signIn(p.signInUrl);
    const home = await browser.get('/portal/home');
    expect(lang(home.text)).toBe('en');
    expect(home.text).toContain('name="lang" value="zh-CN"');
    // Without the session's token the choice is not saved.
    const forged = await browser.post('/portal/language', { lang: 'zh-CN', _csrf: 'forged' });
    expect(forged.status).toBe(403);
    await browser.post('/portal/language', { lang: 'zh-CN', back: '/portal/deals' });
    const user = async () =>
      (await expectApi(vendor, 200, 'GET', `/portal/partners/${p.partnerId}`)).users[0];
    expect((await user()).language).toBe('zh-CN');
    // Another browser of the same user, asking for English, still gets the saved Chinese.
    const other = new PortalClient(vendor.url);
    const link = await expectApi(vendor, 201, 'POST', `/portal/users/${p.userId}/links`);
    await other.signIn(link.signInUrl);
    const res = await fetch(`${vendor.url}/portal/home`, {
      headers: {
        cookie: [...other.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'accept-language': 'en',
      },
    });
    const text = await res.text();
    expect(lang(text)).toBe('zh-CN');
    expect(text).toContain('欢迎，Switching Partner user');
  });
});

describe('i18n › formats', () => {
  it('picks the language from Accept-Language ranges by weight', () => {
    expect(fromAcceptLanguage('fr-FR,zh-Hans;q=0.8,en;q=0.5')).toBe('zh-CN');
    expect(fromAcceptLanguage('en;q=0.1,zh;q=0.9')).toBe('zh-CN');
    expect(fromAcceptLanguage('zh-HK')).toBeNull();
    expect(fromAcceptLanguage('*')).toBeNull();
    expect(fromAcceptLanguage('x'.repeat(5000))).toBeNull();
  });

  it('writes exact decimal strings with the language’s signs, never rounding', () => {
    const zh = translatorFor('zh-CN');
    const en = translatorFor('en');
    expect(zh.decimal('12345678901234567.01')).toBe('12,345,678,901,234,567.01');
    expect(zh.money('0.10', 'CNY')).toBe('¥0.10');
    expect(zh.money('-1234.5', 'EUR')).toBe('-€1,234.5');
    expect(zh.money('99999999999999999.99', 'USD')).toBe('US$99,999,999,999,999,999.99');
    expect(zh.money('5', 'XQQ')).toBe('XQQ\u00a05');
    expect(en.money('3000.00', 'EUR')).toBe('€3,000.00');
    expect(en.time(new Date('2027-03-03T09:00:00Z'))).toBe('Mar 3, 2027, 09:00 UTC');
    expect(zh.time(new Date('2027-03-03T09:00:00Z'))).toBe('2027/03/03 09:00（UTC）');
    expect(zh.date('2027-07-31')).toBe('2027年7月31日');
    expect(zh.timeLeft(new Date('2027-03-03T12:00:00Z'), new Date('2027-03-01T09:00:00Z'))).toBe(
      '2 天 3 小时',
    );
    expect(en.timeLeft(new Date('2027-03-03T12:00:00Z'), new Date('2027-03-01T09:00:00Z'))).toBe(
      '2 days 3 hours',
    );
  });
});
