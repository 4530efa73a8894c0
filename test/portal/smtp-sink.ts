/**
 * A tiny SMTP server on 127.0.0.1 for the notification tests: speaks just enough of RFC 5321
 * (no TLS, no auth) to take mail from nodemailer and keep each message for the test to read.
 */
import { createServer, type Socket } from 'node:net';

export interface SunkMail {
  from: string;
  to: string[];
  /** Headers and body as sent, quoted-printable soft breaks undone. */
  data: string;
}

export interface SmtpSink {
  port: number;
  mails: SunkMail[];
  close(): Promise<void>;
}

/** Undoes quoted-printable (soft line breaks and =XX escapes) so that links read whole. */
export function decodeQuotedPrintable(text: string): string {
  return Buffer.from(
    text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

/**
 * The text of a sunk mail as its reader sees it. The sink undoes quoted-printable, but nodemailer
 * picks a text's encoding by its share of latin letters: a Chinese mail goes out in base64 or in
 * quoted-printable depending on how many letters its random link happens to hold, so a test that
 * looks for the link must read the body through this.
 */
export function mailText(mail: SunkMail): string {
  const split = mail.data.search(/\r?\n\r?\n/);
  if (split < 0) return mail.data;
  const head = mail.data.slice(0, split);
  if (!/^content-transfer-encoding:\s*base64/im.test(head)) return mail.data;
  const body = mail.data.slice(split).replace(/\s+/g, '');
  return `${head}\r\n\r\n${Buffer.from(body, 'base64').toString('utf8')}`;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = '';
    let data: string[] | null = null;
    let mail: SunkMail = { from: '', to: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 sink ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) {
          if (line === '.') {
            mails.push({ ...mail, data: decodeQuotedPrintable(data.join('\r\n')) });
            mail = { from: '', to: [], data: '' };
            data = null;
            reply('250 queued');
          } else {
            data.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-sink\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO' || verb === 'RSET' || verb === 'NOOP') reply('250 ok');
        else if (verb === 'MAIL') {
          mail.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          reply('250 ok');
        } else if (verb === 'RCPT') {
          mail.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 ok');
        } else if (verb === 'DATA') {
          data = [];
          reply('354 go ahead');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('502 not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    mails,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
