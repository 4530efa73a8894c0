// `serve` on a node whose portal partners have access but no SMTP settings: the banner says so.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { runCli } from '../../node/cli/main.ts';
import { freePort } from '../support/test-node.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(REPO, 'bin', 'partner-sync.js');

async function cli(argv: string[]) {
  const io = createCapturedIo({ env: {}, cwd: REPO });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('portal › serve without SMTP', () => {
  let root = '';
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('prints a warning at start, naming the queue of unsent notifications', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'partner-sync-serve-warning-'));
    const data = path.join(root, 'node');
    const port = await freePort();
    const init = await cli(['init', '--name', 'Vendor', '--port', `${port}`, '--data', data]);
    expect(init.code, init.err).toBe(0);
    const invite = await cli([
      'portal',
      'invite',
      '--name',
      'Mailless',
      '--email',
      'buyer@mailless.example',
      '--user-name',
      'Bo Buyer',
      '--data',
      data,
    ]);
    expect(invite.code, invite.err).toBe(0);

    const env: Record<string, string | undefined> = { PARTNER_SYNC_LOG_LEVEL: 'warn' };
    for (const [key, value] of Object.entries(process.env)) {
      if (!key.startsWith('PARTNER_SYNC_')) env[key] = value;
    }
    const child = spawn(process.execPath, [BIN, 'serve', '--data', data], {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const deadline = Date.now() + 20_000;
      while (!/warning: portal e-mail is off/.test(stderr) && child.exitCode === null) {
        if (Date.now() > deadline) throw new Error(`no warning:\n${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stdout).toContain(`listening on 127.0.0.1:${port}`);
      expect(stderr).toMatch(
        /warning: portal e-mail is off: no SMTP settings, though 1 portal partner has access/,
      );
      expect(stderr).toContain('partner-sync portal notifications --state queued');
      // The log line as well (JSON on stderr at level warn).
      expect(stderr).toMatch(/"level":"?(warn|40)"?.*portal e-mail is off/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 30_000);
});
