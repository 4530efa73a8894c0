/**
 * Strict parsing of I-JSON (RFC 7493) as partner-sync/1 profiles it: valid JSON text, no
 * duplicate object member names (compared after unescaping), no lone surrogates (escaped or
 * raw), and at most {@link MAX_JSON_DEPTH} levels of objects and arrays.
 *
 * The checks run in one linear, iterative pass over the text (no recursion per nesting level,
 * so a megabyte of `[[[[` is rejected at depth 33 without touching the JS stack); only text that
 * passes is handed to `JSON.parse`.
 *
 * @module
 */
import { MAX_JSON_DEPTH } from './constants.ts';

/** Options of {@link parseIJson}. */
export interface IJsonOptions {
  /** Maximum nesting of objects and arrays; default {@link MAX_JSON_DEPTH} (32). */
  maxDepth?: number;
}

/** Result of {@link parseIJson}. */
export type IJsonResult = { ok: true; value: unknown } | { ok: false; detail: string };

/** Result of {@link decodeUtf8Strict}. */
export type Utf8Result = { ok: true; text: string } | { ok: false; detail: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 bytes, failing on any ill-formed sequence (overlong forms, encoded surrogates,
 * truncated sequences). A leading byte order mark is kept in the text (and so is later rejected
 * by {@link parseIJson}), never silently dropped.
 */
export function decodeUtf8Strict(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    return { ok: false, detail: 'payload is not valid UTF-8' };
  }
}

/**
 * Whether `text` is I-JSON, as {@link parseIJson} judges it, without building the value: for a
 * caller that has the value already and checks only the text it wrote (signing checks what it
 * signs). Never throws for any string.
 */
export function checkIJson(text: string): { ok: true } | { ok: false; detail: string } {
  const problem = scan(text, MAX_JSON_DEPTH);
  return problem === null ? { ok: true } : { ok: false, detail: problem };
}

/**
 * Parses `text` as I-JSON. Never throws for any input; throws `TypeError` only when
 * `opts.maxDepth` is not a positive integer.
 *
 * @example
 * parseIJson('{"a":1,"\\u0061":2}'); // { ok: false, detail: 'duplicate key "a" at /' }
 */
export function parseIJson(text: string, opts?: IJsonOptions): IJsonResult {
  const maxDepth = opts?.maxDepth ?? MAX_JSON_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1) {
    throw new TypeError('maxDepth must be a positive integer');
  }
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const problem = scan(text, maxDepth);
  if (problem !== null) return { ok: false, detail: problem };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    // Unreachable when the scanner is right; kept so the function never throws.
    return { ok: false, detail: `invalid JSON: ${(err as Error).message}` };
  }
}

/** Parses UTF-8 bytes as I-JSON: {@link decodeUtf8Strict} then {@link parseIJson}. */
export function parseIJsonBytes(bytes: Uint8Array, opts?: IJsonOptions): IJsonResult {
  const decoded = decodeUtf8Strict(bytes);
  return decoded.ok ? parseIJson(decoded.text, opts) : decoded;
}

// ---------------------------------------------------------------------------------------------

type Frame = ObjectFrame | ArrayFrame;
interface ObjectFrame {
  readonly obj: true;
  readonly keys: Set<string>;
  key: string;
}
interface ArrayFrame {
  readonly obj: false;
  index: number;
}

/** Scanner states (plain numbers: no enums, so the file stays erasable TypeScript). */
const State = {
  Value: 0,
  ValueOrEnd: 1,
  KeyOrEnd: 2,
  Key: 3,
  Colon: 4,
  CommaOrEnd: 5,
  Done: 6,
} as const;
type State = (typeof State)[keyof typeof State];

const MAX_DETAIL_KEY = 64;

/** Returns null when `text` is valid I-JSON within `maxDepth`, else a short reason. */
function scan(text: string, maxDepth: number): string | null {
  const n = text.length;
  const stack: Frame[] = [];
  let state = State.Value as State;
  let i = 0;
  /** Set by scanString when it fails. */
  let stringError = '';

  const at = (pos: number): string => `at offset ${pos}`;

  /** Scans a string starting at the opening quote at `i`; returns the index after the closing
   * quote, or -1 (with stringError set). When `key` is true, collects the unescaped value. */
  let collected = '';
  const scanString = (start: number, key: boolean): number => {
    let j = start + 1;
    let segStart = j;
    let out = '';
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x22) {
        if (key) collected = out + text.slice(segStart, j);
        return j + 1;
      }
      if (c === 0x5c) {
        if (key) out += text.slice(segStart, j);
        const e = text.charCodeAt(j + 1);
        if (e === 0x75) {
          const u = hex4(text, j + 2);
          if (u < 0) return fail(`invalid \\u escape ${at(j)}`);
          if (u >= 0xd800 && u <= 0xdbff) {
            const low = text.charCodeAt(j + 6) === 0x5c && text.charCodeAt(j + 7) === 0x75;
            const v = low ? hex4(text, j + 8) : -1;
            if (v < 0xdc00 || v > 0xdfff) return fail(`lone surrogate escape ${at(j)}`);
            if (key) out += String.fromCharCode(u, v);
            j += 12;
          } else if (u >= 0xdc00 && u <= 0xdfff) {
            return fail(`lone surrogate escape ${at(j)}`);
          } else {
            if (key) out += String.fromCharCode(u);
            j += 6;
          }
        } else {
          const ch = simpleEscape(e);
          if (ch === null) return fail(`invalid escape ${at(j)}`);
          if (key) out += ch;
          j += 2;
        }
        segStart = j;
        continue;
      }
      if (c < 0x20) return fail(`control character in string ${at(j)}`);
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = text.charCodeAt(j + 1);
        if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) {
          return fail(`lone surrogate ${at(j)}`);
        }
        j += 2;
        continue;
      }
      j++;
    }
    return fail('unterminated string');
  };
  const fail = (msg: string): number => {
    stringError = msg;
    return -1;
  };

  const afterValue = (): void => {
    state = stack.length === 0 ? State.Done : State.CommaOrEnd;
  };

  const pointer = (): string => {
    let p = '';
    for (let k = 0; k < stack.length - 1; k++) {
      const f = stack[k] as Frame;
      p += '/' + (f.obj ? escapePointer(truncate(f.key)) : String(f.index));
    }
    return p === '' ? '/' : p;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
      continue;
    }
    switch (state) {
      case State.Value:
      case State.ValueOrEnd: {
        if (c === 0x7b || c === 0x5b) {
          if (stack.length >= maxDepth) return `nesting deeper than ${maxDepth} ${at(i)}`;
          if (c === 0x7b) {
            stack.push({ obj: true, keys: new Set(), key: '' });
            state = State.KeyOrEnd;
          } else {
            stack.push({ obj: false, index: 0 });
            state = State.ValueOrEnd;
          }
          i++;
        } else if (c === 0x5d && state === State.ValueOrEnd) {
          stack.pop();
          i++;
          afterValue();
        } else if (c === 0x22) {
          i = scanString(i, false);
          if (i < 0) return stringError;
          afterValue();
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          const end = scanNumber(text, i);
          if (end < 0) return `invalid number ${at(i)}`;
          i = end;
          afterValue();
        } else {
          const lit = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : '';
          if (lit === '' || !text.startsWith(lit, i)) return `unexpected character ${at(i)}`;
          i += lit.length;
          afterValue();
        }
        break;
      }
      case State.KeyOrEnd:
      case State.Key: {
        const top = stack[stack.length - 1] as ObjectFrame;
        if (c === 0x22) {
          i = scanString(i, true);
          if (i < 0) return stringError;
          if (top.keys.has(collected)) {
            return `duplicate key "${truncate(collected)}" at ${pointer()}`;
          }
          top.keys.add(collected);
          top.key = collected;
          state = State.Colon;
        } else if (c === 0x7d && state === State.KeyOrEnd) {
          stack.pop();
          i++;
          afterValue();
        } else {
          return `expected a member name ${at(i)}`;
        }
        break;
      }
      case State.Colon:
        if (c !== 0x3a) return `expected ':' ${at(i)}`;
        i++;
        state = State.Value;
        break;
      case State.CommaOrEnd: {
        const top = stack[stack.length - 1] as Frame;
        if (c === 0x2c) {
          if (top.obj) {
            state = State.Key;
          } else {
            top.index++;
            state = State.Value;
          }
        } else if ((c === 0x7d && top.obj) || (c === 0x5d && !top.obj)) {
          stack.pop();
          afterValue();
        } else {
          return `expected ',' or end of ${top.obj ? 'object' : 'array'} ${at(i)}`;
        }
        i++;
        break;
      }
      case State.Done:
        return `unexpected data after the JSON value ${at(i)}`;
    }
  }
  return state === State.Done ? null : 'unexpected end of JSON text';
}

/** Value of four hex digits at `pos`, or -1. */
function hex4(text: string, pos: number): number {
  let v = 0;
  for (let k = pos; k < pos + 4; k++) {
    const c = text.charCodeAt(k);
    let d: number;
    if (c >= 0x30 && c <= 0x39) d = c - 0x30;
    else if (c >= 0x41 && c <= 0x46) d = c - 0x37;
    else if (c >= 0x61 && c <= 0x66) d = c - 0x57;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

function simpleEscape(c: number): string | null {
  switch (c) {
    case 0x22:
      return '"';
    case 0x5c:
      return '\\';
    case 0x2f:
      return '/';
    case 0x62:
      return '\b';
    case 0x66:
      return '\f';
    case 0x6e:
      return '\n';
    case 0x72:
      return '\r';
    case 0x74:
      return '\t';
    default:
      return null;
  }
}

function isDigit(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  return c >= 0x30 && c <= 0x39;
}

/** Index after a JSON number starting at `pos` (RFC 8259 grammar), or -1. */
function scanNumber(text: string, pos: number): number {
  let j = pos;
  if (text.charCodeAt(j) === 0x2d) j++;
  if (text.charCodeAt(j) === 0x30) {
    j++;
  } else if (isDigit(text, j)) {
    while (isDigit(text, j)) j++;
  } else {
    return -1;
  }
  if (text.charCodeAt(j) === 0x2e) {
    j++;
    if (!isDigit(text, j)) return -1;
    while (isDigit(text, j)) j++;
  }
  const e = text.charCodeAt(j);
  if (e === 0x65 || e === 0x45) {
    j++;
    const s = text.charCodeAt(j);
    if (s === 0x2b || s === 0x2d) j++;
    if (!isDigit(text, j)) return -1;
    while (isDigit(text, j)) j++;
  }
  return j;
}

function truncate(s: string): string {
  let t = s;
  if (s.length > MAX_DETAIL_KEY) {
    const last = s.charCodeAt(MAX_DETAIL_KEY - 1);
    const cut = last >= 0xd800 && last <= 0xdbff ? MAX_DETAIL_KEY - 1 : MAX_DETAIL_KEY;
    t = s.slice(0, cut) + '…';
  }
  // Keep details printable on one line.
  return t.replace(
    /[\u0000-\u001f\u007f"\\]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}
