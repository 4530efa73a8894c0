import { describe, expect, it } from 'vitest';

import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { reportError } from '../../node/cli/main.ts';
import { createOutput, formatRelative } from '../../node/cli/output.ts';

const ESC = '\u001b[';

function tty(env: Record<string, string> = {}) {
  const io = createCapturedIo({ env });
  io.stdout.isTTY = true;
  io.stderr.isTTY = true;
  return io;
}

describe('cli/output', () => {
  it('aligns table columns and styles cells only on a terminal', () => {
    const plain = createCapturedIo();
    createOutput(plain, { json: false }).table(
      ['ID', 'STATUS'],
      [
        ['1', { text: 'active', style: 'green' }],
        ['22', 'removed'],
      ],
    );
    expect(plain.out()).toBe('ID  STATUS\n1   active\n22  removed\n');

    const terminal = tty();
    createOutput(terminal, { json: false }).table(['ID'], [['1']]);
    expect(terminal.out()).toContain(ESC);
  });

  it('never colours with --json or NO_COLOR', () => {
    const json = tty();
    const out = createOutput(json, { json: true });
    out.data({ a: 1 });
    out.warn('careful');
    expect(JSON.parse(json.out())).toEqual({ a: 1 });
    expect(json.err()).not.toContain(ESC);

    const noColor = tty({ NO_COLOR: '1' });
    createOutput(noColor, { json: false }).table(['ID'], [['1']]);
    expect(noColor.out()).not.toContain(ESC);
  });

  it('says when a time is relative to now', () => {
    const now = new Date('2027-01-01T12:00:00Z');
    expect(formatRelative(new Date('2027-01-01T12:05:00Z'), now)).toBe('in 5m');
    expect(formatRelative(new Date('2027-01-01T09:00:00Z'), now)).toBe('3h ago');
    expect(formatRelative(now, now)).toBe('now');
  });
});

describe('cli/main reportError', () => {
  it('prints one line and where to find details for an unexpected error', () => {
    const io = createCapturedIo();
    const error = new Error('disk on fire\nmore text');
    expect(reportError(error, io)).toBe(1);
    expect(io.err()).toBe(
      'error: disk on fire\nrun with PARTNER_SYNC_LOG_LEVEL=debug for details\n',
    );
  });

  it('prints the stack when the log level is debug', () => {
    const io = createCapturedIo({ env: { PARTNER_SYNC_LOG_LEVEL: 'debug' } });
    expect(reportError(new Error('disk on fire'), io)).toBe(1);
    expect(io.err()).toMatch(/\n\s+at /);
  });
});
