import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { runCli } from '../../node/cli/main.ts';

describe('cli/commands', () => {
  let root: string;
  let dataDir: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'partner-sync-cli-'));
    dataDir = path.join(root, 'node');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function run(argv: string[]) {
    const io = createCapturedIo({ env: {}, cwd: root });
    const code = await runCli([...argv, '--data', dataDir], io);
    return { code, out: io.out(), err: io.err() };
  }

  async function json<T>(argv: string[]): Promise<T> {
    const { code, out, err } = await run([...argv, '--json']);
    expect(err).not.toContain('error:');
    expect(code).toBe(0);
    return JSON.parse(out) as T;
  }

  describe('init', () => {
    it('prints the node id and the admin token once, and refuses a second init', async () => {
      const first = await run(['init', '--name', 'Acme GmbH', '--port', '9911']);
      expect(first.code).toBe(0);
      expect(first.out).toContain('http://127.0.0.1:9911');
      expect(first.out).toMatch(/shown only now/);
      expect(first.out).toMatch(/psa_[\w-]{40,}/);
      expect(JSON.parse(await readFile(path.join(dataDir, 'config.json'), 'utf8'))).toEqual({
        name: 'Acme GmbH',
        port: 9911,
      });

      const second = await run(['init', '--name', 'Other']);
      expect(second.code).toBe(1);
      expect(second.err).toContain('already holds a node');
      expect(second.out).not.toMatch(/psa_/);
    });

    it('--json prints nodeId, dataDir, adminToken and kid', async () => {
      const result = await json<Record<string, string>>([
        'init',
        '--name',
        'Acme',
        '--url',
        'https://partners.acme.example/',
      ]);
      expect(result).toEqual({
        nodeId: 'https://partners.acme.example',
        dataDir,
        adminToken: expect.stringMatching(/^psa_/),
        kid: expect.any(String),
      });
    });

    it('requires --name', async () => {
      const { code, err } = await run(['init']);
      expect(code).toBe(2);
      expect(err).toContain('missing --name NAME');
    });
  });

  describe('on an initialized node', () => {
    beforeEach(async () => {
      expect((await run(['init', '--name', 'Acme'])).code).toBe(0);
    });

    it('partners says there are none yet, and lists [] as JSON', async () => {
      const { code, out } = await run(['partners']);
      expect(code).toBe(0);
      expect(out).toContain('No partners yet');
      expect(await json(['partners'])).toEqual([]);
    });

    it('partners show names an unknown partner in words', async () => {
      const { code, err } = await run(['partners', 'show', '42']);
      expect(code).toBe(1);
      expect(err).toContain('no partner 42');
    });

    it('invite gives a token and the connect command; invitations lists it as open', async () => {
      const human = await run([
        'invite',
        '--name',
        'Bee Ltd',
        '--type',
        'reseller',
        '--relationship',
        'strategic',
      ]);
      expect(human.code).toBe(0);
      expect(human.out).toMatch(/partner-sync connect http:\/\/127\.0\.0\.1:8787 --token \S{40,}/);
      expect(human.err).toContain('this node is not running');

      const invited = await json<{ token: string; nodeUrl: string; invitation: { id: string } }>([
        'invite',
        '--name',
        'Cee',
        '--type',
        'commodity_supplier',
        '--relationship',
        'commodity_based',
        '--kinds',
        'partner.update, catalog.push',
        '--ttl-hours',
        '2',
      ]);
      expect(invited.nodeUrl).toBe('http://127.0.0.1:8787');
      expect(invited.token.length).toBeGreaterThan(40);

      const list = await json<Array<Record<string, unknown>>>(['invitations']);
      expect(list).toHaveLength(2);
      const cee = list.find((i) => i.id === invited.invitation.id);
      expect(cee).toMatchObject({
        name: 'Cee',
        state: 'open',
        allowedKinds: ['catalog.push', 'partner.update'],
      });
      const table = await run(['invitations']);
      expect(table.out).toMatch(/Cee\s+open/);

      expect((await run(['invitations', 'revoke', invited.invitation.id])).code).toBe(0);
      const again = await run(['invitations', 'revoke', invited.invitation.id]);
      expect(again.code).toBe(1);
      expect(again.err).toContain('already revoked');
    });

    it('invite explains a bad type with the closest one', async () => {
      const { code, err } = await run([
        'invite',
        '--name',
        'Bee',
        '--type',
        'reseler',
        '--relationship',
        'strategic',
      ]);
      expect(code).toBe(2);
      expect(err).toContain('--type: must be one of');
      expect(err).toContain('did you mean reseller?');
    });

    it('status shows the node id, key and that the server is not running', async () => {
      const { code, out } = await run(['status']);
      expect(code).toBe(0);
      expect(out).toContain('http://127.0.0.1:8787');
      expect(out).toContain('not running');
      const status = await json<Record<string, unknown>>(['status']);
      expect(status).toMatchObject({
        nodeId: 'http://127.0.0.1:8787',
        name: 'Acme',
        dataDir,
        running: null,
        outbox: { pending: 0, in_flight: 0, delivered: 0, dead: 0 },
      });
    });

    it('outbox, outbox dead and messages are empty on a new node', async () => {
      expect((await run(['outbox'])).out).toContain('Nothing waits for delivery');
      expect(await json(['outbox', 'dead'])).toEqual([]);
      expect(await json(['messages', 'in'])).toEqual([]);
      expect(await json(['messages', 'out', '--limit', '5'])).toEqual([]);
      const bad = await run(['messages', 'out', '--limit', '0']);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('--limit must be a whole number from 1');
    });

    it('keys rotate switches to a new key', async () => {
      const before = await json<{ signingKid: string }>(['status']);
      const rotated = await json<{ kid: string; previousKid: string }>(['keys', 'rotate']);
      expect(rotated.previousKid).toBe(before.signingKid);
      expect(rotated.kid).not.toBe(before.signingKid);
      expect((await json<{ signingKid: string }>(['status'])).signingKid).toBe(rotated.kid);
    });

    it('profile needs something to send', async () => {
      const { code, err } = await run(['profile']);
      expect(code).toBe(2);
      expect(err).toContain('nothing to send');
    });
  });
});
