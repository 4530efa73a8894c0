// One real run of the CLI as an operator uses it: two `serve` processes on real sockets, an
// invitation on one, a connect from the other, a profile update delivered by the outbox worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { runCli } from '../../node/cli/main.ts';
import { RUNTIME_FILE } from '../../node/cli/runtime-file.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(REPO, 'bin', 'partner-sync.js');

interface Served {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

function serve(dataDir: string, port: number): Served {
  // The children get this environment minus any PARTNER_SYNC_* the developer has set.
  const env: Record<string, string | undefined> = { PARTNER_SYNC_LOG_LEVEL: 'warn' };
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PARTNER_SYNC_')) env[key] = value;
  }
  const child = spawn(process.execPath, [BIN, 'serve', '--data', dataDir, '--port', `${port}`], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => output };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitReady(node: Served, port: number): Promise<void> {
  await waitUntil(`node on port ${port} to be ready`, async () => {
    if (node.child.exitCode !== null) throw new Error(`serve exited early:\n${node.output()}`);
    // startNode listens before it attaches the app, so an early request waits for ever.
    const response = await fetch(`http://127.0.0.1:${port}/readyz`, {
      signal: AbortSignal.timeout(1000),
    });
    // The line comes once `serve` has recorded its node id for the other commands.
    return response.status === 200 && node.output().includes(`listening on 127.0.0.1:${port}`)
      ? true
      : undefined;
  }).catch((error: Error) => {
    throw new Error(`${error.message}\n${node.output()}`);
  });
}

async function cli(argv: string[]) {
  const io = createCapturedIo({ env: {}, cwd: REPO });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('cli two nodes', () => {
  let root: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'partner-sync-cli-e2e-'));
  });
  afterEach(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await rm(root, { recursive: true, force: true });
  });

  it('invites, connects, delivers a profile update and stops cleanly on SIGTERM', async () => {
    const dirA = path.join(root, 'a');
    const dirB = path.join(root, 'b');
    const portA = await freePort();
    const portB = await freePort();
    const a = serve(dirA, portA);
    const b = serve(dirB, portB);
    children.push(a.child, b.child);
    await Promise.all([waitReady(a, portA), waitReady(b, portB)]);
    expect(a.output()).toMatch(/Admin API token \(shown only now/);

    const invite = await cli([
      'invite',
      '--data',
      dirA,
      '--name',
      'Bee',
      '--type',
      'reseller',
      '--relationship',
      'strategic',
      '--json',
    ]);
    expect(invite.code, invite.err).toBe(0);
    const { token, nodeUrl } = JSON.parse(invite.out) as { token: string; nodeUrl: string };
    // The runtime --port of `serve` decides the node id, and the CLI follows it.
    expect(nodeUrl).toBe(`http://127.0.0.1:${portA}`);

    const connect = await cli(['connect', nodeUrl, '--token', token, '--data', dirB, '--json']);
    expect(connect.code, connect.err).toBe(0);
    expect(JSON.parse(connect.out)).toMatchObject({ partner: { nodeId: nodeUrl } });

    const profile = await cli(['profile', '--data', dirB, '--name', 'Bee Corp']);
    expect(profile.code, profile.err).toBe(0);
    expect(profile.out).toContain('Sent partner.update to 1 partner');

    const nodeB = `http://127.0.0.1:${portB}`;
    const shown = await waitUntil('the profile update to reach A', async () => {
      const result = await cli(['partners', 'show', nodeB, '--data', dirA, '--json']);
      const partner = JSON.parse(result.out) as { declaredProfile: { name?: string } | null };
      return partner.declaredProfile?.name === 'Bee Corp' ? partner : undefined;
    });
    expect(shown).toMatchObject({ name: 'Bee', status: 'active' });
    const human = await cli(['partners', 'show', nodeB, '--data', dirA]);
    expect(human.out).toMatch(/declared name\s+Bee Corp/);

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    await expect(access(path.join(dirA, RUNTIME_FILE))).rejects.toThrow();
  }, 20_000);
});
