/**
 * The test SMTP sink reads mail as its reader would, whichever transfer encoding nodemailer chose:
 * the zh-CN console sign-in mail goes out in base64 when its random link holds few letters and in
 * quoted-printable when it holds many, which made the e-mailed sign-in link test fail by chance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translatorFor } from '../../node/i18n/index.ts';
import { createMailer } from '../../node/portal/mailer.ts';
import type { SmtpSettings } from '../../node/portal/portal-settings.ts';
import { mailText, startSmtpSink, type SmtpSink } from './smtp-sink.ts';

describe('test support › the SMTP sink', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it.each([
    ['few letters (sent as base64)', '0123456789-_0123456789-_0123456789ABCDEFGHI', 'base64'],
    ['many letters (quoted-printable)', 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ', 'quoted'],
  ])('finds the link of a zh-CN sign-in mail whose token has %s', async (_, token, encoding) => {
    const smtp: SmtpSettings = {
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      user: null,
      password: null,
      from: 'console@vendor.example',
    };
    const mailer = createMailer(smtp);
    const url = `http://127.0.0.1:40123/console/sign-in/${token}`;
    const { t } = translatorFor('zh-CN');
    const before = sink.mails.length;
    try {
      await mailer.send({
        to: 'li@vendor.example',
        subject: t('mail.staffSignIn.subject'),
        text: t('mail.staffSignIn.body', { name: 'Li Lei', minutes: 15, url }),
      });
    } finally {
      mailer.close();
    }
    expect(sink.mails.length).toBe(before + 1);
    const mail = sink.mails.at(-1)!;
    expect(mail.data).toMatch(new RegExp(`Content-Transfer-Encoding: ${encoding}`, 'i'));
    expect(mailText(mail)).toContain(url);
    expect(mailText(mail)).toContain('Li Lei，您好');
  });
});
