import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parsePriceCsv } from '../../node/catalog/price-csv.ts';
import { readCsvRecords } from '../../node/records/csv-records.ts';

/** What csv-parse alone gives for the options the imports use. */
function byCsvParse(text: string) {
  const lineOf: number[] = [];
  const records = parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: (record: string[], context) => {
      lineOf.push(context.lines);
      return record;
    },
  }) as string[][];
  return { records, lineOf };
}

/** A fixed pseudo-random sequence (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('records › CSV records', () => {
  it('splits unquoted text exactly as csv-parse reads it, records and line numbers', () => {
    const next = random(21);
    const pieces = ['A-1', 'b', ',', ',', '\n', '\n', ' ', '\t', '1.50', 'é', '\r\n', '\r'];
    let compared = 0;
    for (let n = 0; n < 1000; n++) {
      const windows = next() < 0.5;
      let text = next() < 0.1 ? '\uFEFF' : '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) {
        let piece = pieces[Math.floor(next() * pieces.length)]!;
        // Mostly one kind of line end per text (the fast path), sometimes mixed (the parser).
        if (windows && piece === '\n') piece = '\r\n';
        if (!windows && piece.includes('\r') && next() < 0.9) piece = '\n';
        text += piece;
      }
      const read = readCsvRecords(text, { maxRecords: 1000 });
      expect(read.ok, JSON.stringify(text)).toBe(true);
      if (!read.ok) continue;
      expect({ records: read.records, lineOf: read.lineOf }, JSON.stringify(text)).toEqual(
        byCsvParse(text),
      );
      compared++;
    }
    expect(compared).toBe(1000);
  });

  it('reads quoted text with csv-parse, and refuses too many records either way', () => {
    expect(readCsvRecords('"a,b",c\n\n"d\ne",f\n', { maxRecords: 10 })).toEqual({
      ok: true,
      records: [
        ['a,b', 'c'],
        ['d\ne', 'f'],
      ],
      lineOf: [1, 4],
    });
    expect(readCsvRecords('"a\n', { maxRecords: 10 })).toMatchObject({
      ok: false,
      reason: 'unreadable',
    });
    for (const text of ['a\nb\nc\n', '"a"\nb\nc\n']) {
      expect(readCsvRecords(text, { maxRecords: 2 })).toEqual({
        ok: false,
        line: 3,
        reason: 'too_many',
        detail: '',
      });
    }
  });

  it('gives a Windows (CRLF) price list the same report as the Unix one', () => {
    const rows = ['sku,minQty,listPrice', 'A-1,,1.00', '', 'B-2,,x', 'A-1,,2.00', ''];
    const unix = parsePriceCsv(rows.join('\n'));
    expect(unix.rejected.map((r) => r.line)).toEqual([4, 5]);
    expect(parsePriceCsv(rows.join('\r\n'))).toEqual(unix);
  });
});
