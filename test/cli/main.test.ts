import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SETTINGS } from '../../node/config/defaults.ts';
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { COMMANDS } from '../../node/cli/commands.ts';
import { runCli } from '../../node/cli/main.ts';
import { SUMMARY_MAX } from '../../node/cli/help.ts';

describe('cli/main', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'partner-sync-cli-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function run(argv: string[], env: Record<string, string> = {}) {
    const io = createCapturedIo({ env, cwd: root });
    const code = await runCli(argv, io);
    return { code, out: io.out(), err: io.err() };
  }

  describe('help', () => {
    it('lists every command with a one-line summary, with no args, help, --help and -h', async () => {
      for (const argv of [[], ['help'], ['--help'], ['-h']]) {
        const { code, out, err } = await run(argv);
        expect(code).toBe(0);
        expect(err).toBe('');
        for (const command of COMMANDS) {
          expect(out).toContain(command.name);
          expect(out).toContain(command.summary);
        }
      }
    });

    it("shows a command's own flags, and the setting flags with their env vars", async () => {
      const invite = await run(['invite', '--help']);
      expect(invite.code).toBe(0);
      expect(invite.out).toContain('--ttl-hours N');
      expect(invite.out).toContain('--data DIR');
      expect(invite.out).not.toContain('--max-batch');

      const serve = await run(['help', 'serve']);
      expect(serve.code).toBe(0);
      for (const setting of SETTINGS.filter((s) => s.key !== 'dataDir')) {
        expect(serve.out).toContain(setting.flag);
        expect(serve.out).toContain(setting.env);
      }
    });

    it('describes a group of subcommands', async () => {
      const { code, out } = await run(['outbox', '--help']);
      expect(code).toBe(0);
      expect(out).toContain('outbox dead');
      expect(out).toContain('outbox retry');
      expect((await run(['messages', '--help'])).out).toContain('messages in');
    });

    it('gives every command a summary and usage', () => {
      for (const command of COMMANDS) {
        expect(command.summary.length).toBeGreaterThan(10);
        // One line in the usage screen, beside the widest command label.
        expect(command.summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
        expect(command.usage[0]?.startsWith(command.name)).toBe(true);
      }
    });
  });

  describe('bad command lines', () => {
    it('suggests the closest command for a typo', async () => {
      const { code, err } = await run(['stauts']);
      expect(code).toBe(2);
      expect(err).toContain("unknown command 'stauts'; did you mean status?");
    });

    it('suggests the closest flag for a typo', async () => {
      const { code, err } = await run(['partners', '--jsn']);
      expect(code).toBe(2);
      expect(err).toContain('unknown flag --jsn for partners; did you mean --json?');
    });

    it('suggests the closest subcommand', async () => {
      const { code, err } = await run(['partners', 'shwo', '1']);
      expect(code).toBe(2);
      expect(err).toContain('did you mean partners show?');
    });

    it('names a missing required flag and what it is for', async () => {
      const { code, err } = await run(['invite', '--name', 'Bee', '--type', 'reseller']);
      expect(code).toBe(2);
      expect(err).toContain('missing --relationship REL');
      expect(err).toContain('partner-sync invite --help');
    });

    it('refuses to take the next flag as a missing value', async () => {
      const { code, err } = await run(['invite', '--name', '--type', 'reseller']);
      expect(code).toBe(2);
      expect(err).toContain('--name needs a value');
    });

    it('says a group needs a subcommand', async () => {
      const { code, err } = await run(['messages']);
      expect(code).toBe(2);
      expect(err).toContain('messages needs a subcommand: in, out');
    });

    it('explains that a node setting belongs to init or serve', async () => {
      const { code, err } = await run(['status', '--port', '9000']);
      expect(code).toBe(2);
      expect(err).toContain('--port is a node setting');
    });

    it('asks for exactly one way to choose dead letters to retry', async () => {
      const { code, err } = await run(['outbox', 'retry', 'abc', '--all']);
      expect(code).toBe(2);
      expect(err).toContain('their ids, --partner REF, or --all');
    });
  });

  describe('config errors', () => {
    it('lists every bad setting at once, with exit code 2', async () => {
      const dataDir = path.join(root, 'data');
      const { code, err } = await run(['serve', '--data', dataDir, '--port', 'eighty'], {
        PARTNER_SYNC_LOG_LEVEL: 'loud',
        PARTNER_SYNC_MAX_BACH: '5',
      });
      expect(code).toBe(2);
      expect(err).toContain('the configuration has 3 problems');
      expect(err).toMatch(/port: must be a whole number.*"eighty".*--port/);
      expect(err).toMatch(/logLevel: must be one of/);
      expect(err).toContain('did you mean PARTNER_SYNC_MAX_BATCH?');
    });

    it('reports a broken config.json without a stack trace', async () => {
      await writeFile(path.join(root, 'config.json'), '{ "port": 80, }');
      const { code, err } = await run(['status', '--data', root]);
      expect(code).toBe(2);
      expect(err).toContain('is not valid JSON');
      expect(err).not.toMatch(/\n\s+at /);
    });
  });

  it('tells how to initialize a data directory that holds no node', async () => {
    const { code, err } = await run(['partners', '--data', path.join(root, 'none')]);
    expect(code).toBe(1);
    expect(err).toContain('holds no node yet; run: partner-sync init');
  });
});
