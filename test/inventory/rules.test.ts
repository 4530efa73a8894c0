import { describe, expect, it } from 'vitest';
import { AppError } from '../../node/errors.ts';
import { autoAcceptVerdict } from '../../node/inventory/auto-accept.ts';
import { parseStockCsv } from '../../node/inventory/stock-csv.ts';
import type { AutoAcceptRule } from '../../node/store/inventory-store.ts';

const rule = (overrides: Partial<AutoAcceptRule> = {}): AutoAcceptRule => ({
  partnerId: 1,
  enabled: true,
  maxLines: null,
  maxLineQty: null,
  maxTotalQty: null,
  updatedAt: new Date(0),
  ...overrides,
});
const lines = [
  { sku: 'A', qty: '10', reason: 'r' },
  { sku: 'B', qty: '2.5', reason: 'r' },
];

describe('inventory › auto-accept rule', () => {
  it('accepts within every cap, exactly at a cap too', () => {
    expect(autoAcceptVerdict(rule(), lines)).toEqual({ accept: true });
    expect(
      autoAcceptVerdict(rule({ maxLines: 2, maxLineQty: '10', maxTotalQty: '12.5' }), lines),
    ).toEqual({ accept: true });
  });

  it('says which cap a proposal exceeds', () => {
    expect(autoAcceptVerdict(null, lines)).toMatchObject({ accept: false });
    expect(autoAcceptVerdict(rule({ enabled: false }), lines)).toMatchObject({ accept: false });
    expect(autoAcceptVerdict(rule({ maxLines: 1 }), lines)).toEqual({
      accept: false,
      why: '2 lines, more than the 1 allowed',
    });
    expect(autoAcceptVerdict(rule({ maxLineQty: '9.99' }), lines)).toMatchObject({
      why: 'A: 10 units, more than the 9.99 allowed per line',
    });
    expect(autoAcceptVerdict(rule({ maxTotalQty: '12.4' }), lines)).toMatchObject({
      why: '12.5 units in all, more than the 12.4 allowed',
    });
  });
});

describe('inventory › stock CSV', () => {
  const fail = (text: string) => {
    try {
      parseStockCsv(text);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).field).toBe('csv');
      return (error as AppError).message;
    }
    throw new Error('parsed');
  };

  it('reads columns in any order and spelling; empty onOrder is 0, empty returned absent', () => {
    expect(parseStockCsv('\ufeffSold,SKU,on_hand,Returned\n3,A-1,5,\n1,B 2,0,1\n')).toEqual([
      { sku: 'A-1', onHand: '5', sold: '3', onOrder: '0' },
      { sku: 'B 2', onHand: '0', sold: '1', onOrder: '0', returned: '1' },
    ]);
  });

  it('names the line and column of what is wrong', () => {
    expect(fail('sku,onHand,sold\nA,1,1\nB,1,-2\n')).toBe(
      'line 3, column sold: sold must be a decimal string such as "12" or "2.5"',
    );
    expect(fail('sku,onHand,sold\nA,1,1\nA,2,2\n')).toContain(
      'line 3, column sku: A appears twice',
    );
    expect(fail('sku,onHand\nA,1\n')).toBe('line 1: the column sold is missing');
    expect(fail('')).toContain('empty');
    expect(fail('sku,onHand,sold\n"A,1,1\n')).toContain('not a CSV file');
    expect(fail(`sku,onHand,sold\n${'A,1,1\n'.repeat(2001)}`)).toContain('at most 2000');
    expect(fail('x'.repeat(300 * 1024))).toContain('larger than 256 KiB');
  });
});
