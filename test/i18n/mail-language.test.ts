/**
 * E-mail in the recipient's language: a portal user the inviting company set to Chinese gets
 * Chinese notifications and sign-in links, through a real SMTP server; a colleague without a
 * setting gets English (the node's default); the reminder of an expiring offer too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  expectApi,
  offerLead,
  portalLead,
  PortalClient,
  startVendor,
} from '../portal/portal-fixture.ts';
import { startSmtpSink, type SmtpSink, type SunkMail } from '../portal/smtp-sink.ts';

/**
 * Subject and text of a mail as a reader sees them: encoded words and base64 undone. (The sink
 * has undone quoted-printable soft breaks over the whole mail, so an encoded word at a line's end
 * may have lost its closing `=`.)
 */
function readable(mail: SunkMail): { subject: string; text: string } {
  const [head = '', ...rest] = mail.data.split(/\r?\n\r?\n/);
  const words = /^Subject: ((?:\s*=\?utf-8\?b\?[A-Za-z0-9+/=]*\?=?)+)/im.exec(head)?.[1];
  const subject = words
    ? [...words.matchAll(/=\?utf-8\?b\?([A-Za-z0-9+/=]*)\?/gi)]
        .map((m) => Buffer.from(m[1]!, 'base64'))
        .reduce((all, part) => Buffer.concat([all, part]), Buffer.alloc(0))
        .toString('utf8')
    : (/^Subject: (.*)$/m.exec(head)?.[1] ?? '');
  const body = rest.join('\n\n');
  const text = /Content-Transfer-Encoding: base64/i.test(head)
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : body;
  return { subject, text };
}

describe('i18n › e-mail in the recipient language', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let sink: SmtpSink;
  let partnerId: number;

  beforeAll(async () => {
    [vendor, sink] = await Promise.all([startVendor({ clock }), startSmtpSink()]);
    const invited = await expectApi(vendor, 201, 'POST', '/portal/partners', {
      name: '华东智联科技有限公司',
      user: { email: 'wang@huadong.example', name: '王丽', language: 'zh-CN' },
    });
    partnerId = invited.partner.id;
    expect(invited.partner.users[0].language).toBe('zh-CN');
    await expectApi(vendor, 201, 'POST', `/portal/partners/${partnerId}/users`, {
      email: 'sam@huadong.example',
      name: 'Sam Lee',
    });
    await expectApi(vendor, 200, 'PATCH', '/portal/settings', {
      smtp: { host: '127.0.0.1', port: sink.port, from: 'portal@vendor.example' },
    });
  });
  afterAll(async () => {
    await sink.close();
    await vendor.stop();
    await removeTestDirs();
  });

  it('refuses a language it does not have, by its stable code', async () => {
    const res = await vendor.api('POST', '/portal/partners', {
      name: 'Somewhere',
      user: { email: 'x@somewhere.example', name: 'X', language: 'fr' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field: 'user.language' });
  });

  it('writes a notification in Chinese to the Chinese-speaking user, in English to the other', async () => {
    await offerLead(
      vendor,
      partnerId,
      portalLead('L-ZH', {
        company: '苏州精工制造',
        region: '华东',
        interest: ['路由器', '交换机'],
      }),
    );
    await vendor.deps.jobs.runAll();
    const zh = sink.mails.find((m) => m.to.includes('wang@huadong.example'))!;
    const en = sink.mails.find((m) => m.to.includes('sam@huadong.example'))!;
    expect(readable(zh).subject).toBe('新线索：苏州精工制造');
    expect(readable(zh).text).toContain('王丽，您好：');
    expect(readable(zh).text).toContain(
      '厂商向您分配了一条线索：苏州精工制造（华东），意向产品：路由器、交换机。',
    );
    expect(readable(zh).text).toContain('请在 2027/03/03 09:00（UTC） 前接受或拒绝。');
    expect(readable(zh).text).toContain('请在合作伙伴门户中查看：');
    expect(en.data).toMatch(/Subject: =\?UTF-8\?Q\?New_lead_offered:/);
    expect(readable(en).text).toContain('Hello Sam Lee,');
  });

  it('mails a sign-in link in Chinese', async () => {
    const browser = new PortalClient(vendor.url);
    await browser.get('/portal/sign-in');
    await browser.post('/portal/sign-in', { email: 'wang@huadong.example' });
    await vendor.deps.jobs.runAll();
    const mail = readable(sink.mails.at(-1)!);
    expect(mail.subject).toBe('您的登录链接');
    expect(mail.text).toContain('请使用以下链接登录合作伙伴门户。链接仅可使用一次，30 分钟后失效');
  });

  it('reminds each user in their language of an offer about to expire', async () => {
    // The offer of L-ZH expires 2027-03-03 09:00; its reminder is due 12 hours before.
    clock.set(new Date('2027-03-02T22:00:00Z'));
    await vendor.deps.jobs.runAll();
    await vendor.deps.jobs.runAll();
    const to = (address: string) =>
      sink.mails.filter((m) => m.to.includes(address)).map((m) => readable(m).text);
    expect(to('wang@huadong.example')).toContainEqual(
      expect.stringContaining('线索 苏州精工制造 将于 2027/03/03 09:00（UTC） 过期'),
    );
    expect(to('sam@huadong.example')).toContainEqual(
      expect.stringContaining(
        'The offer of the lead 苏州精工制造 expires at Mar 3, 2027, 09:00 UTC',
      ),
    );
  });
});
