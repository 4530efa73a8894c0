/**
 * The CLI as a newcomer meets it: `--help` on every command, and output that is plain when piped
 * or when NO_COLOR is set, coloured only on a terminal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { COMMANDS } from '../../node/cli/commands.ts';
import { runCli } from '../../node/cli/main.ts';

const ESC = '\u001b[';

describe('cli help', () => {
  it('answers --help (and -h) on every command with its usage and an example', async () => {
    for (const spec of COMMANDS) {
      for (const flag of ['--help', '-h']) {
        const io = createCapturedIo();
        const code = await runCli([...spec.name.split(' '), flag], io);
        expect(code, `${spec.name} ${flag}: ${io.err()}`).toBe(0);
        expect(io.out()).toContain(`Usage: partner-sync ${spec.usage[0]}`);
        if (spec.example) expect(io.out()).toContain(`partner-sync ${spec.example}`);
        expect(io.out()).not.toContain(ESC);
      }
    }
  });
});

describe('cli listings', () => {
  it('take --json: every group command (partners, leads, outbox…) is a listing', () => {
    const groups = COMMANDS.filter(
      (c) => c.name !== 'help' && COMMANDS.some((o) => o.name.startsWith(`${c.name} `)),
    );
    expect(groups.length).toBeGreaterThan(5);
    expect(
      groups.filter((c) => !c.json).map((c) => c.name),
      'these listings need json: true in their CommandSpec',
    ).toEqual([]);
  });
});

describe('cli colour', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'partner-sync-colour-'));
    const io = createCapturedIo({ cwd: root });
    expect(await runCli(['init', '--name', 'Colour test', '--data', root], io)).toBe(0);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  async function status(env: Record<string, string>, isTTY: boolean) {
    const io = createCapturedIo({ env, cwd: root });
    io.stdout.isTTY = isTTY;
    io.stderr.isTTY = isTTY;
    const code = await runCli(['invitations', '--data', root], io);
    const invite = await runCli(['invite', '--name', 'X', '--type', 'nope', '--data', root], io);
    return { code, invite, out: io.out(), err: io.err() };
  }

  it('has no escape codes when piped', async () => {
    const piped = await status({}, false);
    expect(piped.code).toBe(0);
    expect(piped.invite).toBe(2);
    expect(piped.out + piped.err).not.toContain(ESC);
  });

  it('has no escape codes with NO_COLOR, even on a terminal', async () => {
    const r = await status({ NO_COLOR: '1' }, true);
    expect(r.out + r.err).not.toContain(ESC);
  });

  it('colours on a terminal', async () => {
    const r = await status({}, true);
    expect(r.err).toContain(ESC);
  });
});
