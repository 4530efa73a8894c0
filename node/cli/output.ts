/**
 * How commands print: aligned tables and fields for people, one JSON document for scripts
 * (`--json`). Colour only when the stream is a terminal, never with `--json`, and not when
 * NO_COLOR is set (https://no-color.org).
 */
import type { CliIo, CliStream } from './io.ts';
import { escapeC1 } from './terminal-text.ts';

export type StyleName = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';
type Paint = (text: string) => string;

const ANSI: Record<StyleName, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

/** A table cell: plain text, or text with a style applied after padding. */
export type Cell = string | { text: string; style?: StyleName | undefined };

export interface Output {
  readonly json: boolean;
  /** Styles for stdout: identity functions when colour is off. */
  readonly style: Record<StyleName, Paint>;
  line(text?: string): void;
  /** The one JSON document a `--json` command prints. */
  data(value: unknown): void;
  /** A long document (an export) written piece by piece as it is read, never held whole. */
  stream(pieces: AsyncIterable<string>): Promise<void>;
  table(headers: readonly string[], rows: readonly Cell[][]): void;
  /** Label/value pairs, labels aligned; a pair with an undefined value is left out. */
  fields(pairs: ReadonlyArray<readonly [string, Cell | undefined]>): void;
  /** A warning or hint on stderr, so it never mixes into output meant for a pipe. */
  warn(text: string): void;
  error(text: string): void;
  /**
   * Ends a `--json` run: a command that printed no JSON document of its own prints
   * `{ "ok": true, "message" }` with the text it would have printed, so every command answers a
   * script in JSON.
   */
  finish(): void;
}

export function useColor(stream: CliStream, env: CliIo['env']): boolean {
  return stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

export function createPainter(enabled: boolean): Record<StyleName, Paint> {
  const paint = (name: StyleName): Paint => {
    const [open, close] = ANSI[name];
    return enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
  };
  return {
    bold: paint('bold'),
    dim: paint('dim'),
    red: paint('red'),
    green: paint('green'),
    yellow: paint('yellow'),
    cyan: paint('cyan'),
  };
}

export function createOutput(io: CliIo, options: { json: boolean }): Output {
  const style = createPainter(!options.json && useColor(io.stdout, io.env));
  const errStyle = createPainter(!options.json && useColor(io.stderr, io.env));
  // In JSON mode text is kept for finish(): only JSON reaches stdout.
  const text: string[] = [];
  let printedData = false;
  const line = (value = ''): void =>
    void (options.json ? text.push(value) : io.stdout.write(`${value}\n`));
  const render = (cell: Cell, width?: number): string => {
    const text = typeof cell === 'string' ? cell : cell.text;
    const padded = width === undefined ? text : text.padEnd(width);
    return typeof cell === 'string' || cell.style === undefined
      ? padded
      : style[cell.style](padded);
  };

  return {
    json: options.json,
    style,
    line,
    data(value) {
      printedData = true;
      io.stdout.write(`${escapeC1(JSON.stringify(value, null, 2))}\n`);
    },
    async stream(pieces) {
      printedData = true;
      for await (const piece of pieces) io.stdout.write(piece);
    },
    finish() {
      if (!options.json || printedData) return;
      const message = text.join('\n').trim();
      io.stdout.write(`${escapeC1(JSON.stringify({ ok: true, message }, null, 2))}\n`);
    },
    table(headers, rows) {
      const widths = headers.map((h, i) =>
        Math.max(h.length, ...rows.map((row) => cellText(row[i]).length)),
      );
      const last = headers.length - 1;
      line(headers.map((h, i) => style.bold(i === last ? h : h.padEnd(widths[i] ?? 0))).join('  '));
      for (const row of rows) {
        line(
          headers
            .map((_, i) => render(row[i] ?? '', i === last ? undefined : widths[i]))
            .join('  ')
            .trimEnd(),
        );
      }
    },
    fields(pairs) {
      const shown = pairs.filter((p): p is readonly [string, Cell] => p[1] !== undefined);
      const width = Math.max(0, ...shown.map(([label]) => label.length));
      for (const [label, value] of shown)
        line(`  ${style.dim(label.padEnd(width))}  ${render(value)}`);
    },
    warn(text) {
      io.stderr.write(`${errStyle.yellow('warning:')} ${text}\n`);
    },
    error(text) {
      io.stderr.write(`${errStyle.red('error:')} ${text}\n`);
    },
  };
}

function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  return typeof cell === 'string' ? cell : cell.text;
}

/** `2027-01-31 14:05 UTC`: minutes are enough for an operator, and UTC matches the logs. */
export function formatTime(date: Date | null | undefined): string {
  if (!date) return '-';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `in 4m`, `3h ago`, `now`: for times an operator waits on, such as the next retry. */
export function formatRelative(date: Date | null | undefined, now: Date): string {
  if (!date) return '-';
  const ms = date.getTime() - now.getTime();
  const abs = Math.abs(ms);
  if (abs < 1000) return 'now';
  const span =
    abs < 60_000
      ? `${Math.round(abs / 1000)}s`
      : abs < 3_600_000
        ? `${Math.round(abs / 60_000)}m`
        : abs < 86_400_000
          ? `${Math.round(abs / 3_600_000)}h`
          : `${Math.round(abs / 86_400_000)}d`;
  return ms > 0 ? `in ${span}` : `${span} ago`;
}

/** Shortens free text (error details) to fit a table column. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export const STATUS_STYLE: Readonly<Record<string, StyleName>> = {
  active: 'green',
  open: 'green',
  delivered: 'green',
  accepted: 'green',
  suspended: 'yellow',
  pending: 'yellow',
  in_flight: 'cyan',
  removed: 'dim',
  used: 'dim',
  expired: 'dim',
  revoked: 'dim',
  dead: 'red',
};

export function statusCell(status: string): Cell {
  return { text: status, style: STATUS_STYLE[status] };
}
