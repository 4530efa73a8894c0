/**
 * Tokens and passwords never reach the logs, even at trace level: the node's log and the CLI's
 * stderr are captured while admin and personal tokens are used (valid, unknown, revoked), a
 * sign-in link is opened and used (printed by the CLI, and mailed), a password is set and tried
 * (wrongly and rightly), a TOTP key is set up (after a wrong code) and the OIDC client secret
 * given. None of the secrets may appear in either, nor in the audit trail.
 */
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { runCli } from '../../node/cli/main.ts';
import { initNode } from '../../node/init-node.ts';
import { createLogger } from '../../node/logger.ts';
import { startNode, type RunningNode } from '../../node/main.ts';
import { startSmtpSink } from '../portal/smtp-sink.ts';
import { freePort } from '../support/test-node.ts';

const PASSWORD = 'a password nobody logs 4711';
const CLIENT_SECRET = 'an oidc client secret nobody logs';

let dataDir: string;
let url: string;
let adminToken: string;
let node: RunningNode;
const logged: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ps-secrets-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  ({ adminToken } = await initNode(dataDir, { name: 'secrets', port, url }, new Date()));
  const sink = new Writable({
    write(chunk, _enc, done) {
      logged.push(String(chunk));
      done();
    },
  });
  node = await startNode({ dataDir, env: {}, log: createLogger('trace', sink) });
});
afterAll(async () => {
  await node?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  const io = createCapturedIo({ env: { PARTNER_SYNC_LOG_LEVEL: 'trace' }, cwd: dataDir });
  const code = await runCli([...argv, '--data', dataDir, '--json'], io);
  logged.push(io.err());
  expect(code, io.err()).toBe(0);
  return JSON.parse(io.out());
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The session cookie and form token after using a sign-in link. */
async function signInWithLink(link: string) {
  const page = await fetch(link);
  const pre = page.headers.getSetCookie()[0]!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(link, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pre },
    body: new URLSearchParams({ _csrf: csrf }).toString(),
  });
  expect(res.status).toBe(303);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('pss_session='))!
    .split(';')[0]!;
  const home = await (await fetch(`${url}/console`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(home)![1]!, pre };
}

describe('staff › secrets stay out of the logs', () => {
  it('tokens, links, cookies and passwords are never logged', async () => {
    await cli(['staff', 'add', '--email', 'o@v.example', '--name', 'O', '--role', 'owner']);
    const { token, id } = await cli(['tokens', 'create', '--email', 'o@v.example']);
    expect((await fetch(`${url}/api/partners`, { headers: bearer(token) })).status).toBe(200);
    expect((await fetch(`${url}/api/partners`, { headers: bearer(adminToken) })).status).toBe(200);
    const unknown = `pst_${'x'.repeat(43)}`;
    expect((await fetch(`${url}/api/partners`, { headers: bearer(unknown) })).status).toBe(401);
    await cli(['tokens', 'revoke', id]);
    expect((await fetch(`${url}/api/partners`, { headers: bearer(token) })).status).toBe(401);

    const { url: link } = await cli(['staff', 'link', '--email', 'o@v.example']);
    const session = await signInWithLink(link);
    const set = await fetch(`${url}/console/password`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
      body: new URLSearchParams({ _csrf: session.csrf, password: PASSWORD }).toString(),
    });
    expect(set.status).toBe(303);

    const signIn = (password: string) =>
      fetch(`${url}/console/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.pre },
        body: new URLSearchParams({
          _csrf: session.pre.split('=')[1]!,
          email: 'o@v.example',
          password,
        }).toString(),
      });
    expect((await signIn(`${PASSWORD}!`)).status).toBe(401);
    expect((await signIn(PASSWORD)).status).toBe(303);

    // A second factor set up (after a wrong code, which is recorded), and the identity provider's
    // client secret given to the CLI in a file.
    const home = await (
      await fetch(`${url}/console`, { headers: { cookie: session.cookie } })
    ).text();
    const totpKey = /name="key" value="([^"]+)"/.exec(home)![1]!;
    const totp = (code: string) =>
      fetch(`${url}/console/totp`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
        body: new URLSearchParams({ _csrf: session.csrf, key: totpKey, code }).toString(),
      });
    const code = generateTOTP(decodeBase32IgnorePadding(totpKey), 30, 6);
    expect((await totp(code === '000000' ? '111111' : '000000')).status).toBe(400);
    expect((await totp(code)).status).toBe(303);
    const secretFile = join(dataDir, 'oidc-secret');
    await writeFile(secretFile, CLIENT_SECRET, { mode: 0o600 });
    await cli([
      'staff',
      'settings',
      '--oidc-issuer',
      'https://id.v.example',
      '--oidc-client-id',
      'ps',
      '--oidc-client-secret-file',
      secretFile,
    ]);

    // A link by e-mail: mailed once, then with the SMTP server gone (the failure is logged).
    const smtp = await startSmtpSink();
    const mailLink = async () => {
      const res = await fetch(`${url}/console/sign-in-link`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.pre },
        body: new URLSearchParams({
          _csrf: session.pre.split('=')[1]!,
          address: 'o@v.example',
        }).toString(),
      });
      expect(res.status).toBe(303);
    };
    const smtpAt = (port: number) =>
      fetch(`${url}/api/portal/settings`, {
        method: 'PATCH',
        headers: { ...bearer(adminToken), 'content-type': 'application/json' },
        body: JSON.stringify({ smtp: { host: '127.0.0.1', port, from: 'c@v.example' } }),
      });
    expect((await smtpAt(smtp.port)).status).toBe(200);
    await mailLink();
    await expect.poll(() => smtp.mails.length).toBe(1);
    const mailed = /\/console\/sign-in\/([A-Za-z0-9_-]{43})/.exec(smtp.mails[0]!.data)![1]!;
    await signInWithLink(`${url}/console/sign-in/${mailed}`);
    await smtp.close();
    expect((await smtpAt(smtp.port)).status).toBe(200);
    await mailLink();
    await expect.poll(() => logged.join('')).toContain('sign-in link mail failed');

    const audit = await (
      await fetch(`${url}/api/audit?limit=1000`, { headers: bearer(adminToken) })
    ).text();
    const logs = logged.join('');
    expect(logs).toContain('"path":"/console/sign-in/[redacted]"');
    const linkSecret = link.split('/').pop()!;
    for (const secret of [
      token,
      adminToken,
      unknown,
      linkSecret,
      mailed,
      PASSWORD,
      session.cookie.split('=')[1]!,
      session.csrf,
      totpKey,
      CLIENT_SECRET,
    ]) {
      expect(logs).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
  });
});
