import { describe, expect, it } from 'vitest';
import { checkIJson, decodeUtf8Strict, parseIJson, parseIJsonBytes } from '../../protocol/index.ts';
import { timeBudget } from '../support/mutation-run.ts';

function nested(open: string, close: string, depth: number, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

describe('ijson', () => {
  describe('parseIJson', () => {
    it('parses valid JSON to the same value as JSON.parse', () => {
      const samples = [
        '{}',
        '[]',
        '0',
        '-0.5e+10',
        '"x"',
        'true',
        'false',
        'null',
        ' { "a" : [ 1 , 2.5 , { "b" : null } ] , "c" : "\\u00e9\\n\\"\\\\\\/" } ',
        '{"emoji":"\\ud83d\\ude00","raw":"😀"}',
        '{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}',
        '{"__proto__":1}',
      ];
      for (const text of samples) {
        const r = parseIJson(text);
        expect(r, text).toEqual({ ok: true, value: JSON.parse(text) });
      }
    });

    it('rejects duplicate keys, compared after unescaping', () => {
      expect(parseIJson('{"a":1,"a":2}')).toEqual({ ok: false, detail: 'duplicate key "a" at /' });
      expect(parseIJson('{"a":1,"\\u0061":2}')).toEqual({
        ok: false,
        detail: 'duplicate key "a" at /',
      });
      expect(parseIJson('{"\\ud83d\\ude00":1,"😀":2}').ok).toBe(false);
      expect(parseIJson('{"a\\/b":1,"a/b":2}').ok).toBe(false);
    });

    it('rejects duplicate keys at any depth and names where', () => {
      const r = parseIJson('{"x":[{"a":1},{"b":1,"b":2}]}');
      expect(r).toEqual({ ok: false, detail: 'duplicate key "b" at /x/1' });
      const deep = parseIJson('{"p/q":{"m~n":{"k":1,"k":1}}}');
      expect(deep).toEqual({ ok: false, detail: 'duplicate key "k" at /p~1q/m~0n' });
    });

    it('accepts the same key in sibling and nested objects', () => {
      const r = parseIJson('{"a":{"a":1},"b":[{"a":1},{"a":2}]}');
      expect(r.ok).toBe(true);
    });

    it('accepts 32 levels of nesting and rejects 33', () => {
      expect(parseIJson(nested('[', ']', 32)).ok).toBe(true);
      expect(parseIJson(nested('[', ']', 33))).toMatchObject({ ok: false });
      expect(parseIJson(nested('{"a":', '}', 32)).ok).toBe(true);
      expect(parseIJson(nested('{"a":', '}', 33)).ok).toBe(false);
      expect(parseIJson(nested('[{"a":', '}]', 16)).ok).toBe(true);
      expect(parseIJson(nested('[{"a":', '}]', 16, '[]')).ok).toBe(false);
      const r = parseIJson(nested('[', ']', 33));
      expect(r.ok ? '' : r.detail).toMatch(/nesting deeper than 32/);
    });

    it('honours maxDepth', () => {
      expect(parseIJson('[[1]]', { maxDepth: 2 }).ok).toBe(true);
      expect(parseIJson('[[[1]]]', { maxDepth: 2 }).ok).toBe(false);
      expect(() => parseIJson('1', { maxDepth: 0 })).toThrow(TypeError);
    });

    it('rejects a megabyte of open brackets early without overflowing the stack', () => {
      const start = performance.now();
      const r = parseIJson('['.repeat(1_000_000));
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.detail).toMatch(/nesting deeper than 32 at offset 32/);
      expect(parseIJson('{"a":'.repeat(200_000)).ok).toBe(false);
      expect(performance.now() - start).toBeLessThan(timeBudget(1000));
    });

    it('scans large flat input in linear time', () => {
      const members = Array.from({ length: 50_000 }, (_, i) => `"key${i}":"${'v'.repeat(10)}"`);
      const text = `{${members.join(',')}}`;
      const start = performance.now();
      expect(parseIJson(text).ok).toBe(true);
      expect(parseIJson(`${text.slice(0, -1)},"key7":1}`).ok).toBe(false);
      expect(performance.now() - start).toBeLessThan(timeBudget(2000));
    });

    it('rejects lone surrogate escapes', () => {
      for (const s of [
        '"\\ud800"',
        '"\\uDBFF"',
        '"\\udc00"',
        '"\\ud800\\u0041"',
        '"\\ud800x"',
        '"\\ude00\\ud83d"',
        '{"\\ud800":1}',
        '"\\ud800\\ud800"',
      ]) {
        const r = parseIJson(s);
        expect(r.ok, s).toBe(false);
        expect(r.ok ? '' : r.detail, s).toMatch(/lone surrogate/);
      }
      expect(parseIJson('"\\ud83d\\ude00"').ok).toBe(true);
      expect(parseIJson('"\\uD83D\\uDE00"').ok).toBe(true);
    });

    it('rejects raw lone surrogate code units', () => {
      expect(parseIJson('"\ud800"').ok).toBe(false);
      expect(parseIJson('"\udc00"').ok).toBe(false);
      expect(parseIJson('"a\ud800b"').ok).toBe(false);
      expect(parseIJson('{"\ud800":1}').ok).toBe(false);
      // A raw high surrogate followed by an escaped low one is still a lone code unit.
      expect(parseIJson('"\ud83d\\ude00"').ok).toBe(false);
      expect(parseIJson('"\ud83d\ude00"').ok).toBe(true);
    });

    it('rejects invalid JSON', () => {
      for (const s of [
        '',
        ' ',
        '{',
        '[1,]',
        '{"a":1,}',
        "{'a':1}",
        '{a:1}',
        '01',
        '1.',
        '.5',
        '-',
        '+1',
        '1e',
        'NaN',
        'Infinity',
        'tru',
        'nul',
        '"abc',
        '"\\x41"',
        '"\\u00G0"',
        '"a\nb"',
        '"tab\there"',
        '{} {}',
        '[1] x',
        '\ufeff{}',
        '{"a" 1}',
        '{"a":1 "b":2}',
        '[1 2]',
        '{1:2}',
        ']',
      ]) {
        const r = parseIJson(s);
        expect(r.ok, JSON.stringify(s)).toBe(false);
        expect(() => JSON.parse(s.replace('\ufeff', 'x')), JSON.stringify(s)).toThrow();
      }
    });

    it('bounds the key echoed in a detail', () => {
      const key = 'k'.repeat(10_000);
      const r = parseIJson(`{"${key}":1,"${key}":2}`);
      expect(r.ok).toBe(false);
      expect(r.ok ? 0 : r.detail.length).toBeLessThan(120);
    });
  });

  describe('parseIJson: where and why it refuses', () => {
    // The detail goes back to the sender in the rejection (section 3.3, `malformed`): it names
    // the problem and its offset, and the scanner, not JSON.parse, is what refuses.
    it('names the problem and its offset', () => {
      const cases: [string, string][] = [
        ['[1}', "expected ',' or end of array at offset 2"],
        ['{"a":1]', "expected ',' or end of object at offset 6"],
        ['{"a":1 "b":2}', "expected ',' or end of object at offset 7"],
        ['{"a" 1}', "expected ':' at offset 5"],
        ['{1:2}', 'expected a member name at offset 1'],
        ['{"a":1,}', 'expected a member name at offset 7'],
        ['[1,]', 'unexpected character at offset 3'],
        ['1:', 'unexpected data after the JSON value at offset 1'],
        ['[1]\u00a0', 'unexpected data after the JSON value at offset 3'],
        ['\u000b1', 'unexpected character at offset 0'],
        ['\u000c1', 'unexpected character at offset 0'],
        ['[01]', "expected ',' or end of array at offset 2"],
        ['[1.]', 'invalid number at offset 1'],
        ['[1e+]', 'invalid number at offset 1'],
        ['[-x]', 'invalid number at offset 1'],
        ['[1/2]', "expected ',' or end of array at offset 2"],
        ['[tru]', 'unexpected character at offset 1'],
        ['"a\\x"', 'invalid escape at offset 2'],
        ['"\\u12G4"', 'invalid \\u escape at offset 1'],
        ['"\\u12@4"', 'invalid \\u escape at offset 1'],
        ['"\\u12g4"', 'invalid \\u escape at offset 1'],
        ['"\\u12`4"', 'invalid \\u escape at offset 1'],
        ['"\\u12/4"', 'invalid \\u escape at offset 1'],
        ['"\\u12:4"', 'invalid \\u escape at offset 1'],
        ['"ab\\u001', 'invalid \\u escape at offset 3'],
        ['"a\u001fb"', 'control character in string at offset 2'],
        ['"a\u0000b"', 'control character in string at offset 2'],
        ['"ab', 'unterminated string'],
        ['[1', 'unexpected end of JSON text'],
        ['"x\\ud800"', 'lone surrogate escape at offset 2'],
        ['"x\udc00"', 'lone surrogate at offset 2'],
        ['[[[', 'unexpected end of JSON text'],
      ];
      for (const [text, detail] of cases) {
        expect(parseIJson(text), JSON.stringify(text)).toEqual({ ok: false, detail });
      }
    });

    it('takes every JSON whitespace between tokens and nothing else', () => {
      const text = '\t{\n"a"\r:\t[ 1 ,\n2 ]\r\n}\t';
      expect(parseIJson(text)).toEqual({ ok: true, value: { a: [1, 2] } });
      for (const ws of ['\n', '\r', '\t', ' ']) {
        expect(parseIJson(`${ws}[${ws}]${ws}`), JSON.stringify(ws)).toEqual({
          ok: true,
          value: [],
        });
      }
    });

    it('takes space, DEL and every character from U+0020 up inside a string', () => {
      const text = '" ~\u007f\u0080\ud7ff\ue000\uffff"';
      expect(parseIJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
    });

    it('reads every number form of RFC 8259', () => {
      for (const n of ['9', '-9', '90', '0.09', '1E5', '1e-5', '1E+5', '-0', '19.99e2', '[9,0]']) {
        expect(parseIJson(n), n).toEqual({ ok: true, value: JSON.parse(n) });
      }
    });

    it('compares keys after unescaping every escape form', () => {
      const dupes: [string, string][] = [
        ['\\u00C9', '\u00c9'],
        ['\\u00c9', '\\u00C9'],
        ['\\u004A', 'J'],
        ['\\u0046', 'F'],
        ['\\u0066', 'f'],
        ['\\u0039', '9'],
        ['\\u006a', 'j'],
        ['\\u006f', 'o'],
        ['\\u004a', '\\u004A'],
        ['a\\"b', 'a\\u0022b'],
        ['a\\\\b', 'a\\u005cb'],
        ['\\b', '\\u0008'],
        ['\\f', '\\u000c'],
        ['\\n', '\\u000a'],
        ['\\r', '\\u000d'],
        ['\\t', '\\u0009'],
        ['x\\ud83d\\ude00y', 'x\ud83d\ude00y'],
        ['\\udbff\\udfffz', '\udbff\udfffz'],
      ];
      for (const [a, b] of dupes) {
        const text = `{"${a}":1,"${b}":2}`;
        expect(parseIJson(text), text).toMatchObject({ ok: false });
        expect(parseIJson(text).ok ? '' : (parseIJson(text) as { detail: string }).detail).toMatch(
          /^duplicate key/,
        );
      }
      // Different after unescaping: not duplicates.
      for (const [a, b] of [
        ['\\u00C9', '\\u00C8'],
        ['\\b', '\\f'],
        ['\\n', '\\r'],
        ['\\t', 't'],
        ['\\/', '\\\\'],
        ['ab', 'a\\u0062c'],
      ]) {
        const text = `{"${a}":1,"${b}":2}`;
        expect(parseIJson(text), text).toEqual({ ok: true, value: JSON.parse(text) });
      }
    });

    it('takes the surrogate range edges as pairs and refuses them alone', () => {
      for (const ok of [
        '"\\ud7ff"',
        '"\\ue000"',
        '"\\udbff\\udfff"',
        '"\\ud800\\udc00"',
        '"\ud7ff\ue000"',
        '"\udbff\udfff"',
        '"\ud800\udc00"',
      ]) {
        expect(parseIJson(ok), JSON.stringify(ok)).toEqual({ ok: true, value: JSON.parse(ok) });
      }
      for (const lone of [
        '"\\udfff"',
        '"\\ud800\\udbff"',
        '"\\ud800\\ue000"',
        '"\\ud800\\ndc00"',
        '"\\ud800xudc00"',
        '"\\ud800"',
        '"\udfff"',
        '"\udbff\ue000"',
        // A low surrogate first is lone even when another low one follows.
        '"\udc00\udc00"',
        '"\ud800\udbff"',
        '"\ud800"',
      ]) {
        const r = parseIJson(lone);
        expect(r.ok ? '' : r.detail, JSON.stringify(lone)).toMatch(/^lone surrogate/);
      }
    });

    it('echoes a key of up to 64 characters whole, and cuts a longer one without splitting a pair', () => {
      const k64 = 'k'.repeat(64);
      expect(parseIJson(`{"${k64}":1,"${k64}":2}`)).toEqual({
        ok: false,
        detail: `duplicate key "${k64}" at /`,
      });
      const k65 = 'k'.repeat(65);
      expect(parseIJson(`{"${k65}":1,"${k65}":2}`)).toEqual({
        ok: false,
        detail: `duplicate key "${k64}…" at /`,
      });
      // The 64th code unit is the first half of a pair: the cut keeps the pair out whole.
      const pair = `${'k'.repeat(63)}😀tail`;
      const r = parseIJson(`{"${pair}":1,"${pair}":2}`);
      expect(r).toEqual({ ok: false, detail: `duplicate key "${'k'.repeat(63)}…" at /` });
      // The detail itself must be sendable: no lone surrogate in it.
      expect(parseIJson(JSON.stringify(r.ok ? '' : r.detail)).ok).toBe(true);
      // The first and the last high surrogates (U+10000, U+10FFFF) are cut before as well.
      for (const astral of ['\u{10000}', '\u{10ffff}']) {
        const key = `${'k'.repeat(63)}${astral}`;
        expect(parseIJson(`{"${key}":1,"${key}":2}`)).toEqual({
          ok: false,
          detail: `duplicate key "${'k'.repeat(63)}…" at /`,
        });
      }
      const pair2 = `${'k'.repeat(62)}😀tail`;
      expect(parseIJson(`{"${pair2}":1,"${pair2}":2}`)).toEqual({
        ok: false,
        detail: `duplicate key "${'k'.repeat(62)}😀…" at /`,
      });
    });

    it('keeps a detail on one line: control characters, quotes and backslashes in a key are escaped', () => {
      expect(parseIJson('{"a\\nb\\u001b\\u007f\\"\\\\":1,"a\\nb\\u001b\\u007f\\"\\\\":2}')).toEqual(
        {
          ok: false,
          detail: 'duplicate key "a\\u000ab\\u001b\\u007f\\u0022\\u005c" at /',
        },
      );
      expect(parseIJson('{"\\u0000":1,"\\u0000":1}')).toEqual({
        ok: false,
        detail: 'duplicate key "\\u0000" at /',
      });
    });

    it('names the member path of a nested duplicate, escaping ~ and / and cutting long names', () => {
      const long = 'n'.repeat(70);
      expect(parseIJson(`{"a/b~":[0,{"${long}":{"k":1,"k":2}}]}`)).toEqual({
        ok: false,
        detail: `duplicate key "k" at /a~1b~0/1/${'n'.repeat(64)}…`,
      });
      expect(parseIJson('[[0,0,{"k":1,"k":2}]]')).toEqual({
        ok: false,
        detail: 'duplicate key "k" at /0/2',
      });
    });

    it('refuses text that is not a string and a maxDepth that is not a positive integer', () => {
      expect(() => parseIJson(42 as unknown as string)).toThrow(
        new TypeError('text must be a string'),
      );
      expect(() => parseIJson('1', { maxDepth: 1.5 })).toThrow(
        new TypeError('maxDepth must be a positive integer'),
      );
      expect(() => parseIJson('1', { maxDepth: -1 })).toThrow(TypeError);
      expect(parseIJson('[1]', { maxDepth: 1 })).toEqual({ ok: true, value: [1] });
      expect(parseIJson('[[1]]', { maxDepth: 1 })).toEqual({
        ok: false,
        detail: 'nesting deeper than 1 at offset 1',
      });
    });
  });

  describe('checkIJson', () => {
    it('judges text exactly as parseIJson does, with the same detail', () => {
      const texts = [
        '{"a":1,"b":[true,null,"x"]}',
        '{"a":1,"\\u0061":2}',
        '"\\ud800"',
        '["\\ud83d\\ude00"]',
        nested('[', ']', 32),
        nested('[', ']', 33),
        '[1,]',
        '{"a" 1}',
        '1:',
        '',
        '\ud800',
        '{"__proto__":1}',
        '-0.5e+3',
      ];
      for (const text of texts) {
        const parsed = parseIJson(text);
        expect(checkIJson(text), text).toEqual(
          parsed.ok ? { ok: true } : { ok: false, detail: parsed.detail },
        );
      }
    });
  });

  describe('decodeUtf8Strict', () => {
    it('decodes valid UTF-8', () => {
      const bytes = new TextEncoder().encode('é 😀 {"a":1}');
      expect(decodeUtf8Strict(bytes)).toEqual({ ok: true, text: 'é 😀 {"a":1}' });
    });

    it('rejects ill-formed UTF-8', () => {
      for (const bytes of [
        [0xff],
        [0x7b, 0x80, 0x7d],
        [0xc0, 0xaf],
        [0xed, 0xa0, 0x80],
        [0xe2, 0x82],
        [0xf4, 0x90, 0x80, 0x80],
      ]) {
        expect(decodeUtf8Strict(Uint8Array.from(bytes)).ok, String(bytes)).toBe(false);
      }
    });

    it('keeps a byte order mark, so that parseIJsonBytes rejects it', () => {
      const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]);
      expect(decodeUtf8Strict(bytes)).toEqual({ ok: true, text: '\ufeff{}' });
      expect(parseIJsonBytes(bytes).ok).toBe(false);
      expect(parseIJsonBytes(new TextEncoder().encode('{"a":[1]}'))).toEqual({
        ok: true,
        value: { a: [1] },
      });
    });
  });
});
