/**
 * Progress of a long operation (a price list import, a push to many partners) on stderr. On a
 * terminal one line is rewritten in place; piped or in a dumb terminal each step is a plain line,
 * so logs and CI output stay readable and free of control characters.
 */
import type { CliIo } from './io.ts';

export interface Progress {
  /** The current state, such as "parsed 20000 rows". */
  update(text: string): void;
  /** Ends the progress display; a terminal's rewritten line is kept as the final state. */
  done(): void;
}

export function createProgress(io: CliIo, options: { json: boolean }): Progress {
  if (options.json) return { update() {}, done() {} };
  const live = io.stderr.isTTY === true && io.env.TERM !== 'dumb';
  if (!live) {
    return {
      update: (text) => void io.stderr.write(`  ${text}\n`),
      done() {},
    };
  }
  let shown = false;
  return {
    update(text) {
      // Carriage return and "erase line": the next state replaces the previous one. Written as a
      // chunk of its own, the one control sequence the terminal guard lets through whole.
      io.stderr.write('\r\u001b[2K');
      io.stderr.write(`  ${text}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr.write('\n');
      shown = false;
    },
  };
}
