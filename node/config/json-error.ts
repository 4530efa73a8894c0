// Where a hand-edited JSON file goes wrong, as line and column. JSON.parse cannot be relied on
// for this: Node 20 gives "at position N" for some mistakes and none for others (an
// unexpected token, a truncated file). Only called after JSON.parse has failed.

export interface JsonErrorLocation {
  line: number;
  column: number;
  /** Completes "… is not valid JSON: <reason>". */
  reason: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

export function locateJsonError(text: string): JsonErrorLocation | undefined {
  let i = 0;

  // Single quotes, so that the double quotes JSON is full of need no escaping.
  const describe = (at: number): string => {
    const c = text[at];
    if (c === undefined) return 'the end of the file';
    if (c < ' ') return `the control character ${JSON.stringify(c)}`;
    return c === "'" ? `"'"` : `'${c}'`;
  };
  const fail = (expected: string, at = i): never => {
    if (text.startsWith('//', at) || text.startsWith('/*', at)) {
      throw new Stop(at, 'comments are not allowed in JSON');
    }
    throw new Stop(at, `expected ${expected} but found ${describe(at)}`);
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const literal = (word: string): void => {
    if (!text.startsWith(word, i)) fail('a value');
    i += word.length;
  };

  const string = (): void => {
    i++; // opening quote
    for (;;) {
      const c = text[i];
      if (c === undefined) fail("a closing '\"'");
      else if (c === '"') {
        i++;
        return;
      } else if (c === '\\') {
        const e = text[i + 1] ?? '';
        if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else throw new Stop(i, 'invalid escape sequence in a string');
      } else if (c < ' ') {
        throw new Stop(i, 'line breaks and control characters must be escaped inside a string');
      } else i++;
    }
  };

  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail('a value');
    i += match?.[0].length ?? 0;
  };

  const value = (depth: number): void => {
    // Deep enough for any config file, shallow enough never to exhaust the stack.
    if (depth > 512) throw new Stop(i, 'too deeply nested');
    skipSpace();
    const c = text[i];
    if (c === '{') container(depth, '}', true);
    else if (c === '[') container(depth, ']', false);
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail('a value');
    skipSpace();
  };

  const container = (depth: number, close: string, isObject: boolean): void => {
    i++; // opening bracket
    skipSpace();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      if (isObject) {
        skipSpace();
        if (text[i] !== '"') {
          if (text[i] === close)
            throw new Stop(i, `a comma before '${close}' is not allowed in JSON`);
          fail('a property name in double quotes');
        }
        string();
        skipSpace();
        if (text[i] !== ':') fail("':' after the property name");
        i++;
      }
      value(depth + 1);
      if (text[i] === ',') {
        i++;
        if (!isObject) {
          skipSpace();
          if (text[i] === close)
            throw new Stop(i, `a comma before '${close}' is not allowed in JSON`);
        }
      } else if (text[i] === close) {
        i++;
        return;
      } else fail(`',' or '${close}'`);
    }
  };

  try {
    value(0);
    if (i < text.length) fail('the end of the file');
    return undefined; // valid after all: nothing to locate
  } catch (stop) {
    if (!(stop instanceof Stop)) throw stop;
    const before = text.slice(0, stop.offset);
    const line = before.split('\n').length;
    const column = stop.offset - (before.lastIndexOf('\n') + 1) + 1;
    return { line, column, reason: stop.reason };
  }
}
