/**
 * The staff accounts' secrets are sealed in the database like the portal's: a person's TOTP key
 * and the identity provider's client secret are stored as `sealed:v1:…` under the storage key in
 * keys.json, so a copy of the database alone yields no second factor; sign-in still checks the
 * codes, and what an older version wrote in the clear is sealed at the next start.
 */
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStaffSettings } from '../../node/staff/staff-settings.ts';
import { consoleForm, consoleSession } from '../support/console-session.ts';
import { nodeRows, nodeWrite } from '../support/node-database.ts';
import { runCliOn } from '../support/run-cli.ts';
import {
  createTestNode,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../support/test-node.ts';

const clock = new ManualClock();
let node: TestNode;
const EMAIL = 'olga@vendor.example';
const PASSWORD = 'a long enough password 4711';
const CLIENT_SECRET = 'oidc-client-secret-nobody-may-read';

/** The secrets as stored, on whichever engine the node keeps them. */
async function raw() {
  const [user] = await nodeRows<{ totp_key: string | null }>(
    node,
    'SELECT totp_key FROM staff_users WHERE email = ?',
    [EMAIL],
  );
  const [oidc] = await nodeRows<{ value: string }>(
    node,
    `SELECT value FROM staff_settings WHERE key = 'oidc'`,
  );
  return { totpKey: user!.totp_key, oidc: oidc?.value ?? null };
}

const codeAt = (key: Uint8Array, steps = 0) =>
  generateHOTP(key, BigInt(Math.floor(clock.now().getTime() / 30_000) + steps), 6);

async function passwordSignIn(code: string) {
  const page = await fetch(`${node.url}/console/sign-in`);
  const pre = page.headers.getSetCookie()[0]!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  return fetch(
    `${node.url}/console/sign-in`,
    consoleForm({ _csrf: csrf, email: EMAIL, password: PASSWORD, code }, pre),
  );
}

beforeAll(async () => {
  node = await createTestNode({ name: 'staff-sealed', clock });
  const r = await runCliOn(node, [
    'staff',
    'add',
    '--email',
    EMAIL,
    '--name',
    'O',
    '--role',
    'owner',
  ]);
  expect(r.code, r.err).toBe(0);
});
afterAll(async () => {
  await node?.stop();
  await removeTestDirs();
});

describe('staff › secrets sealed in the database', () => {
  let key: Uint8Array;
  let keyText: string;

  it('keeps a TOTP key and the OIDC client secret sealed, and still signs in with the code', async () => {
    const s = await consoleSession(node, EMAIL);
    const home = await (
      await fetch(`${node.url}/console`, { headers: { cookie: s.cookie } })
    ).text();
    keyText = /name="key" value="([^"]+)"/.exec(home)![1]!;
    key = decodeBase32IgnorePadding(keyText);
    const set = await fetch(
      `${node.url}/console/password`,
      consoleForm({ _csrf: s.csrf, password: PASSWORD }, s.cookie),
    );
    expect(set.status).toBe(303);
    const on = await fetch(
      `${node.url}/console/totp`,
      consoleForm({ _csrf: s.csrf, key: keyText, code: codeAt(key) }, s.cookie),
    );
    expect(on.status).toBe(303);

    const secretFile = join(node.dataDir, 'oidc-secret');
    await writeFile(secretFile, `${CLIENT_SECRET}\n`, { mode: 0o600 });
    const oidc = await runCliOn(node, [
      'staff',
      'settings',
      '--oidc-issuer',
      'https://id.vendor.example',
      '--oidc-client-id',
      'partner-sync',
      '--oidc-client-secret-file',
      secretFile,
      '--oidc-group-role',
      'sales=channel_manager',
    ]);
    expect(oidc.code, oidc.err).toBe(0);

    const stored = await raw();
    expect(stored.totpKey).toMatch(/^sealed:v1:/);
    expect(stored.totpKey).not.toContain(keyText);
    expect(stored.oidc).not.toContain(CLIENT_SECRET);
    expect(JSON.parse(stored.oidc!).clientSecret).toMatch(/^sealed:v1:/);

    // The node reads them as they were given.
    const settings = await node.deps.store.read(readStaffSettings);
    expect(settings.oidc?.clientSecret).toBe(CLIENT_SECRET);
    clock.advance(30_000);
    expect((await passwordSignIn(codeAt(key))).status).toBe(303);
  });

  it('seals, at the next start, a TOTP key and a client secret kept in the clear', async () => {
    await node.stop();
    await nodeWrite(node, 'UPDATE staff_users SET totp_key = ? WHERE email = ?', [keyText, EMAIL]);
    const oidc = JSON.parse((await raw()).oidc!);
    await nodeWrite(node, `UPDATE staff_settings SET value = ? WHERE key = 'oidc'`, [
      JSON.stringify({ ...oidc, clientSecret: CLIENT_SECRET }),
    ]);
    expect((await raw()).totpKey).toBe(keyText);

    await node.start();
    const stored = await raw();
    expect(stored.totpKey).toMatch(/^sealed:v1:/);
    expect(stored.oidc).not.toContain(CLIENT_SECRET);
    expect((await node.deps.store.read(readStaffSettings)).oidc?.clientSecret).toBe(CLIENT_SECRET);
    clock.advance(30_000);
    expect((await passwordSignIn(codeAt(key))).status).toBe(303);
  });
});
