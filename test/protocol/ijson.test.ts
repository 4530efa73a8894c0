import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, parseIJson, parseIJsonBytes } from '../../protocol/index.ts';
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
