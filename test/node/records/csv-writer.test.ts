/** The shared CSV writer: OWASP formula neutralisation, RFC 4180 quoting, and its inverse. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvChunks, neutralizeCell, restoreCell } from '../../../node/records/csv-writer.ts';

const FORMULAS = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("x","y")'];

describe('csv-writer', () => {
  it('writes a cell that could start a formula with a leading apostrophe', () => {
    for (const cell of FORMULAS) expect(neutralizeCell(cell)).toBe(`'${cell}`);
    for (const cell of ['A-1', '1.00', '', "'plain", ' =1', 'a=b']) {
      expect(neutralizeCell(cell)).toBe(cell);
    }
  });

  it('restores exactly what it neutralised, and keeps any other apostrophe', () => {
    for (const cell of [...FORMULAS, "'plain", "'", 'A-1', "''=1"]) {
      expect(restoreCell(neutralizeCell(cell))).toBe(cell);
    }
    expect(restoreCell("'plain")).toBe("'plain");
  });

  it('writes CRLF rows, quotes what needs quoting, and parses back to the same cells', () => {
    const records = [
      { sku: 'A,1', name: 'say "hi"', note: 'two\nlines' },
      { sku: '=cmd', name: undefined, note: '\r=x' },
    ];
    const text = [...csvChunks(['sku', 'name', 'note'], records)].join('');
    expect(text).toBe('sku,name,note\r\n"A,1","say ""hi""","two\nlines"\r\n\'=cmd,,"\'\r=x"\r\n');
    const rows = parse(text) as string[][];
    expect(rows.slice(1).map((r) => r.map(restoreCell))).toEqual([
      ['A,1', 'say "hi"', 'two\nlines'],
      ['=cmd', '', '\r=x'],
    ]);
  });

  it('writes large exports in chunks', () => {
    const records = Array.from({ length: 2500 }, (_, i) => ({ sku: `S${i}` }));
    const chunks = [...csvChunks(['sku'], records)];
    expect(chunks).toHaveLength(4);
    expect(chunks.join('').split('\r\n')).toHaveLength(2502);
  });
});
