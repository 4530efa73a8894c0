/** The portal commands against a running node's data directory, as an operator uses them. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { runCli } from '../../node/cli/main.ts';
import { removeTestDirs, type TestNode } from '../support/test-node.ts';
import { PortalClient, startVendor } from './portal-fixture.ts';

let vendor: TestNode;

beforeAll(async () => {
  vendor = await startVendor();
});
afterAll(async () => {
  await vendor.stop();
  await removeTestDirs();
});

async function cli(argv: string[], env: Record<string, string> = {}) {
  const io = createCapturedIo({ env });
  const code = await runCli([...argv, '--data', vendor.dataDir], io);
  return { code, out: io.out(), err: io.err() };
}

async function json(argv: string[]) {
  const result = await cli([...argv, '--json']);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out);
}

describe('portal › cli', () => {
  it('invites, adds users, makes links, revokes', async () => {
    const text = await cli([
      'portal',
      'invite',
      '--name',
      'Cli Partner',
      '--email',
      'Buyer@Cli.example',
      '--user-name',
      'Bea Buyer',
    ]);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('Portal partner');
    const link = new RegExp(`${vendor.url}/portal/sign-in/\\S+`).exec(text.out)?.[0];
    expect(link).toBeDefined();
    expect((await new PortalClient(vendor.url).signIn(link!)).status).toBe(303);

    const [partner] = await json(['portal']);
    expect(partner).toMatchObject({
      name: 'Cli Partner',
      partnerType: 'reseller',
      access: 'granted',
    });
    expect(partner.users[0]).toMatchObject({ email: 'buyer@cli.example', name: 'Bea Buyer' });

    const added = await json([
      'portal',
      'add-user',
      String(partner.id),
      '--email',
      'second@cli.example',
      '--user-name',
      'Sam Second',
    ]);
    expect(added.user.name).toBe('Sam Second');
    const browser = new PortalClient(vendor.url);
    expect((await browser.signIn(added.signInUrl)).status).toBe(303);

    const fresh = await json(['portal', 'link', String(added.user.id)]);
    expect(fresh.signInUrl).not.toBe(added.signInUrl);

    const revoked = await json(['portal', 'revoke', partner.nodeId]);
    expect(revoked.access).toBe('revoked');
    expect((await browser.get('/portal/home')).status).toBe(303);
    const refused = await cli(['portal', 'link', String(added.user.id)]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('revoked');
    expect((await json(['portal', 'restore', String(partner.id)])).access).toBe('granted');
    expect((await json(['portal', 'revoke-user', String(added.user.id)])).revokedAt).not.toBeNull();

    const usage = await cli(['portal', 'invite', '--name', 'X', '--email', 'not-an-address']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--email');
  });

  it('shows the notification queue, sets SMTP, exports a history', async () => {
    const off = await cli(['portal', 'notifications']);
    expect(off.code).toBe(0);
    expect(off.err).toContain('e-mail is off');

    const set = await cli(
      [
        'portal',
        'settings',
        '--smtp-host',
        'mail.example',
        '--smtp-from',
        'portal@vendor.example',
        '--smtp-user',
        'portal',
        '--smtp-password-env',
        'SMTP_PASS',
        '--session-hours',
        '8',
        '--json',
      ],
      { SMTP_PASS: 'hunter2' },
    );
    expect(set.code, set.err).toBe(0);
    const view = JSON.parse(set.out);
    expect(view).toMatchObject({
      smtp: { host: 'mail.example', port: 587, passwordSet: true },
      sessionHours: 8,
    });
    expect(set.out).not.toContain('hunter2');
    expect((await json(['portal', 'settings', '--smtp-off'])).smtp).toBeNull();

    const [partner] = await json(['portal']);
    const file = join(vendor.dataDir, 'history.json');
    const exported = await cli(['portal', 'export', String(partner.id), '--out', file]);
    expect(exported.code, exported.err).toBe(0);
    const history = JSON.parse(await readFile(file, 'utf8'));
    expect(history).toMatchObject({
      format: 'partner-sync-history/1',
      partner: { nodeId: partner.nodeId },
    });
  });

  it('moves a portal partner to its own node and prints the connect command', async () => {
    const [partner] = await json(['portal']);
    const moved = await cli([
      'portal',
      'move',
      String(partner.id),
      '--node',
      'https://own.example',
    ]);
    expect(moved.code, moved.err).toBe(0);
    expect(moved.out).toContain('moves to https://own.example');
    expect(moved.out).toMatch(new RegExp(`partner-sync connect ${vendor.url} --token \\S{43}`));
    const [after] = await json(['portal']);
    expect(after.access).toBe('revoked');
    const again = await cli(['portal', 'move', String(partner.id), '--node', 'https://b.example']);
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('has moved to https://own.example');
  });
});
