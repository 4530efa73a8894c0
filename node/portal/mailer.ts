/**
 * Sends plain-text e-mail through the operator's SMTP server (nodemailer). nodemailer's code is
 * loaded at the first mail sent, not at start: many nodes send none for hours, or ever.
 */
import type { Transporter } from 'nodemailer';
import { once } from '../load-once.ts';
import type { SmtpSettings } from './portal-settings.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

const loadNodemailer = once(async () => (await import('nodemailer')).default);

export function createMailer(smtp: SmtpSettings): Mailer {
  let transport: Transporter | undefined;
  const open = (nodemailer: Awaited<ReturnType<typeof loadNodemailer>>) =>
    nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.user !== null && { auth: { user: smtp.user, pass: smtp.password ?? '' } }),
      // A slow or silent server must not hold the job: each step has a deadline.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  return {
    async send(mail) {
      const nodemailer = await loadNodemailer();
      transport ??= open(nodemailer);
      await transport.sendMail({
        from: smtp.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
    },
    close() {
      transport?.close();
    },
  };
}
