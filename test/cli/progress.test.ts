import { describe, expect, it } from 'vitest';
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { createProgress } from '../../node/cli/progress.ts';

describe('cli/progress', () => {
  it('rewrites one line on a terminal and ends it with a newline', () => {
    const io = createCapturedIo();
    io.stderr.isTTY = true;
    const progress = createProgress(io, { json: false });
    progress.update('parsed 10000 rows');
    progress.update('parsed 20000 rows');
    progress.done();
    expect(io.err()).toBe('\r\u001b[2K  parsed 10000 rows\r\u001b[2K  parsed 20000 rows\n');
    expect(io.out()).toBe('');
  });

  it('prints plain lines when piped or in a dumb terminal, and nothing with --json', () => {
    const piped = createCapturedIo();
    const p = createProgress(piped, { json: false });
    p.update('[1/2] Bolt: delta, 1 part(s)');
    p.update('[2/2] Corner: full, 3 part(s)');
    p.done();
    expect(piped.err()).toBe('  [1/2] Bolt: delta, 1 part(s)\n  [2/2] Corner: full, 3 part(s)\n');

    const dumb = createCapturedIo({ env: { TERM: 'dumb' } });
    dumb.stderr.isTTY = true;
    createProgress(dumb, { json: false }).update('stored 5 rows');
    expect(dumb.err()).toBe('  stored 5 rows\n');

    const json = createCapturedIo();
    json.stderr.isTTY = true;
    const q = createProgress(json, { json: true });
    q.update('x');
    q.done();
    expect(json.err()).toBe('');
  });
});
