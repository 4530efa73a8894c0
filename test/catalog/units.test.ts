import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelta, computeDelta } from '../../node/catalog/delta.ts';
import {
  canonicalFlat,
  compareLines,
  hashSortedLines,
  qtyKeyOf,
} from '../../node/catalog/lines.ts';
import { PRICE_LIST } from '../../node/catalog/list-kinds.ts';
import { cutParts, partBudget } from '../../node/catalog/parts.ts';
import { pickBreak, type PriceLine } from '../../node/catalog/price-lookup.ts';
import { versionsToResend } from '../../node/catalog/sync-request-handler.ts';
import { boundMs, parseValidity } from '../../node/catalog/validity.ts';
import type { CatalogVersion, StoredLine } from '../../node/store/catalog-store.ts';
import { contentHash, getDefaultSchemaRegistry } from '../../protocol/index.ts';

const sku = fc.stringMatching(/^[A-Z][A-Z0-9-]{0,6}$/);
const decimal = fc.stringMatching(/^(0|[1-9][0-9]{0,3})(\.[0-9]{1,2})?$/);
const priceLine = fc.record(
  { sku, listPrice: decimal, standardPrice: decimal, minQty: decimal },
  { requiredKeys: ['sku', 'listPrice'] },
);
/** A version: lines with unique keys, stored and in key order. */
const version = fc.array(priceLine, { maxLength: 40 }).map((lines) => {
  const byKey = new Map<string, StoredLine>();
  for (const l of lines) {
    const s = PRICE_LIST.toStored(l);
    byKey.set(`${s.sku}\n${s.qtyKey}`, s);
  }
  return [...byKey.values()].sort(compareLines);
});

describe('catalog › lines', () => {
  it('writes a line as RFC 8785 does, and hashes as contentHash does over the sorted lines', () => {
    fc.assert(
      fc.property(version, (lines) => {
        for (const l of lines) expect(l.line).toBe(canonicalize(JSON.parse(l.line)));
        expect(hashSortedLines(lines)).toBe(contentHash(lines.map((l) => JSON.parse(l.line))));
      }),
    );
    expect(canonicalFlat({ sku: 'A"\\\u00e9', listPrice: '1' })).toBe(
      canonicalize({ sku: 'A"\\\u00e9', listPrice: '1' }),
    );
  });

  it('orders quantity breaks by their decimal value, absent as 0', () => {
    const keys = [undefined, '0.5', '1', '1.25', '2', '10', '100.0'].map(qtyKeyOf);
    expect([...keys].sort()).toEqual(keys);
    expect(qtyKeyOf('5')).toBe(qtyKeyOf('5.000'));
    expect(qtyKeyOf('0')).toBe(qtyKeyOf(undefined));
    expect(qtyKeyOf('007')).toBe(qtyKeyOf('7'));
  });
});

describe('catalog › delta', () => {
  it('applied to its base, gives the next version (the recipient’s rule)', () => {
    fc.assert(
      fc.property(version, version, (base, next) => {
        const delta = computeDelta(base, next);
        expect(applyDelta(base, delta)).toEqual(next);
      }),
    );
  });

  it('carries only what changed: one changed line is a one-line delta', () => {
    const base = [
      { sku: 'A', listPrice: '1' },
      { sku: 'B', listPrice: '2' },
      { sku: 'B', listPrice: '1.5', minQty: '10' },
    ]
      .map((l): PriceLine => l)
      .map(PRICE_LIST.toStored);
    const next = [
      { sku: 'A', listPrice: '1.10' },
      { sku: 'B', listPrice: '2' },
    ].map(PRICE_LIST.toStored);
    const delta = computeDelta(base, next);
    // B lost a quantity break: removed, with what it keeps.
    expect(delta.removed).toEqual(['B']);
    expect(delta.lines.map((l) => JSON.parse(l.line))).toEqual([
      { sku: 'A', listPrice: '1.10' },
      { sku: 'B', listPrice: '2' },
    ]);
    expect(
      computeDelta(base, [...base.slice(0, 2), next[0]!].sort(compareLines)).lines,
    ).toHaveLength(2);
  });
});

describe('catalog › parts', () => {
  const header = {
    priceListId: 'x',
    name: 'X',
    currency: 'EUR',
    version: 2,
    validFrom: '2027-01-01',
    mode: 'delta',
    baseVersion: 1,
    contentHash: contentHash([]),
  };

  it('cuts lines and removed SKUs into parts within the budget, each a valid body', () => {
    const lines = Array.from({ length: 5_000 }, (_, i) =>
      PRICE_LIST.toStored({ sku: `S${String(i).padStart(5, '0')}`, listPrice: '12.50' }),
    );
    const removed = Array.from({ length: 300 }, (_, i) => `R${i}`);
    const budget = partBudget(64 * 1024, { headerBytes: 300, nodeIdBytes: 60 });
    const { bodies } = cutParts({
      header,
      linesField: 'lines',
      lines,
      removed,
      budgetBytes: budget,
    });
    expect(bodies.length).toBeGreaterThan(5);
    const schemas = getDefaultSchemaRegistry();
    for (const [i, body] of bodies.entries()) {
      expect(body).toMatchObject({ part: i + 1, parts: bodies.length });
      expect(schemas.validateBody('pricelist.push', body)).toEqual({ ok: true });
      const size =
        JSON.stringify((body as any).lines).length + JSON.stringify((body as any).removed).length;
      expect(size).toBeLessThanOrEqual(budget + 4);
    }
    expect(bodies.flatMap((b) => (b as any).lines)).toHaveLength(5_000);
    expect(bodies.flatMap((b) => (b as any).removed)).toEqual(removed);
  });

  it('makes one part of an empty version, and gives small limits the whole body', () => {
    expect(
      cutParts({ header, linesField: 'lines', lines: [], removed: [], budgetBytes: 10 }).bodies,
    ).toHaveLength(1);
    expect(partBudget(1024, { headerBytes: 100, nodeIdBytes: 40 })).toBeGreaterThan(0);
  });
});

describe('catalog › validity and lookups', () => {
  it('reads dates as whole days and times as they are', () => {
    expect(boundMs('2027-01-31', 'from')).toBe(Date.parse('2027-01-31T00:00:00Z'));
    expect(boundMs('2027-01-31', 'to')).toBe(Date.parse('2027-02-01T00:00:00Z'));
    expect(boundMs('2027-02-30', 'from')).toBeNull();
    expect(boundMs('2027-01-31T12:00:00Z', 'to')).toBe(Date.parse('2027-01-31T12:00:00Z'));
    expect(parseValidity('2027-02-01', '2027-01-31')).toMatchObject({
      ok: false,
      field: 'validTo',
    });
    expect(parseValidity('2027-02-01', '2027-02-01')).toMatchObject({ ok: true });
  });

  it('picks the quantity break with the greatest minQty not above the quantity', () => {
    const lines = [
      { sku: 'K', listPrice: '10' },
      { sku: 'K', listPrice: '9', minQty: '10' },
      { sku: 'K', listPrice: '8', minQty: '100.5' },
    ]
      .map((l): PriceLine => l)
      .map(PRICE_LIST.toStored);
    const at = (qty: string) => pickBreak(lines, qty)?.listPrice;
    expect(['0', '9.99', '10', '100.4999', '100.5', '1000000'].map(at)).toEqual([
      '10',
      '10',
      '9',
      '9',
      '8',
      '8',
    ]);
    expect(pickBreak(lines.slice(1), '1')).toBeNull();
  });

  it('resends the version in effect and every newer one', () => {
    const v = (version: number, status = 'applied') => ({ version, status }) as CatalogVersion;
    const all = [v(4), v(3), v(2, 'failed'), v(1)];
    expect(versionsToResend(all, v(3)).map((x) => x.version)).toEqual([3, 4]);
    expect(versionsToResend(all, null).map((x) => x.version)).toEqual([4]);
  });
});
