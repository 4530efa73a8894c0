import { describe, expect, it } from 'vitest';
import { recentLines, rememberLines } from '../../node/catalog/recent-lines.ts';

const line = (sku: string) => ({ sku, qtyKey: '', line: JSON.stringify({ sku }) });

describe('catalog › lines of versions created lately', () => {
  it('gives them back by kind and content hash, for the last four only', () => {
    const first = [line('A')];
    rememberLines('pricelist', 'sha-256=one', first);
    expect(recentLines('pricelist', 'sha-256=one')).toBe(first);
    // The same hash names other lines for another kind (its keys differ): not given.
    expect(recentLines('catalog', 'sha-256=one')).toBeNull();
    expect(recentLines('pricelist', 'sha-256=other')).toBeNull();
    const later = ['two', 'three', 'four', 'five'].map((h) => {
      const lines = [line(h)];
      rememberLines('pricelist', `sha-256=${h}`, lines);
      return lines;
    });
    expect(recentLines('pricelist', 'sha-256=one')).toBeNull();
    expect(recentLines('pricelist', 'sha-256=five')).toBe(later[3]);
  });
});
