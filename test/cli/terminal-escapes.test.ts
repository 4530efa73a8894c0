/**
 * A partner's text cannot drive the operator's terminal through the CLI (issue 14, finding 9):
 * a partner stored with escape sequences in its name and a message from it are listed by the
 * real CLI over a real data directory; nothing but the CLI's own styling reaches the output.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { runCli } from '../../node/cli/main.ts';
import { stripControls, stripForeignControls } from '../../node/cli/terminal-text.ts';
import { DATABASE_FILE } from '../../node/init-node.ts';
import { createSqliteStore } from '../../node/store/sqlite/sqlite-store.ts';
import { saveTestPartner } from '../support/partner-row.ts';

const ATTACKS = [
  '\u001b[2J\u001b[H', // clear the screen, cursor home
  '\u001b]0;owned\u0007', // window title
  '\u001b]52;c;ZXZpbA==\u0007', // OSC 52: write the clipboard
  '\u001b]8;;https://evil.example\u001b\\', // hyperlink
  '\u009b2J', // 8-bit CSI
  '\rfake', // carriage return over the line
  '\u0007\u0000\u007f',
];
const HOSTILE_NAME = `Evil${ATTACKS.join('')} Co`;
/** Anything a terminal acts on: ESC, 8-bit CSI/OSC/ST, BEL, CR, NUL, DEL. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('cli › terminal-text', () => {
  it('strips whole escape sequences and control characters, keeping newline and tab', () => {
    expect(stripControls(`a${ATTACKS.join('')}b\n\tc`)).toBe('afakeb\n\tc');
    expect(stripControls('Größe – 東京 ✓')).toBe('Größe – 東京 ✓');
    expect(stripControls('sku,listPrice\r\nA-1,2.00\r\n')).toBe('sku,listPrice\r\nA-1,2.00\r\n');
  });

  it("keeps only the CLI's own colour codes", () => {
    expect(stripForeignControls('\u001b[1mNAME\u001b[22m \u001b[2J\u001b[31mx\u001b[39m')).toBe(
      '\u001b[1mNAME\u001b[22m \u001b[31mx\u001b[39m',
    );
  });
});

describe('cli › partner text in listings', () => {
  let root: string;
  let dataDir: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'partner-sync-escapes-'));
    dataDir = path.join(root, 'node');
    const init = createCapturedIo({ env: {}, cwd: root });
    expect(await runCli(['init', '--name', 'Acme', '--data', dataDir], init)).toBe(0);
    const store = createSqliteStore(path.join(dataDir, DATABASE_FILE));
    try {
      const partner = await saveTestPartner(store, 'https://evil.example', { name: HOSTILE_NAME });
      await store.transact((tx) =>
        tx.inbox.insert({
          fromNodeId: partner.nodeId,
          messageId: 'm-1',
          partnerId: partner.id,
          kind: 'partner.update',
          ref: null,
          jws: 'x.y.z',
          digest: 'sha-256=x',
          sentAt: new Date(0),
          receivedAt: new Date(0),
          receipt: 'r',
        }),
      );
    } finally {
      await store.close();
    }
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function run(argv: string[], tty = false) {
    const io = createCapturedIo({ env: {}, cwd: root });
    io.stdout.isTTY = tty;
    io.stderr.isTTY = tty;
    const code = await runCli([...argv, '--data', dataDir], io);
    return { code, out: io.out(), err: io.err() };
  }

  it('prints partners and messages without the escape sequences', async () => {
    for (const argv of [['partners'], ['partners', 'show', '1'], ['messages', 'in']]) {
      const { code, out, err } = await run(argv);
      expect(code, err).toBe(0);
      expect(out).toContain('Evil');
      expect(out, argv.join(' ')).not.toMatch(TERMINAL_CONTROL);
      expect(err).not.toMatch(TERMINAL_CONTROL);
    }
  });

  it('keeps its own colours on a terminal and drops the partner sequences', async () => {
    const { code, out } = await run(['partners'], true);
    expect(code).toBe(0);
    expect(out).toContain('\u001b[1m');
    const withoutOwn = out.replace(/\u001b\[(?:1|2|22|31|32|33|36|39)m/g, '');
    expect(withoutOwn).not.toMatch(TERMINAL_CONTROL);
  });

  it('prints --json with every control character escaped, the value unchanged', async () => {
    const { code, out } = await run(['partners', '--json']);
    expect(code).toBe(0);
    expect(out).not.toMatch(TERMINAL_CONTROL);
    expect(JSON.parse(out)[0].name).toBe(HOSTILE_NAME);
  });
});
