/** A stream for a test's logger (`createLogger(level, sink)`) that parses each JSON line it gets. */
import { Writable } from 'node:stream';

/** Pushes every line the logger writes, parsed, onto `lines`. */
export function jsonLineSink(lines: Array<Record<string, unknown>>): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
}
