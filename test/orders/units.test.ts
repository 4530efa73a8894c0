import { describe, expect, it } from 'vitest';
import { qtyKeyOf } from '../../node/catalog/lines.ts';
import { checkLines, failureReason } from '../../node/orders/line-check.ts';
import { checkPlaceInput } from '../../node/orders/order-input.ts';
import {
  acceptedTotalOf,
  applyChangedLines,
  cancelRefusal,
  deriveStatus,
  milestoneRefusal,
  orderTotal,
} from '../../node/orders/order-rules.ts';
import { applyPayment, openTotals } from '../../node/orders/receivables.ts';
import { sameFields } from '../../node/orders/wire.ts';
import type { StoredLine } from '../../node/store/catalog-store.ts';
import type { OrderFields, Receivable } from '../../node/store/order-store.ts';

const stored = (
  sku: string,
  listPrice: string,
  extra: Record<string, string> = {},
): StoredLine => ({
  sku,
  qtyKey: qtyKeyOf(extra.minQty),
  line: JSON.stringify({ sku, listPrice, ...extra }),
});

const VERSION = new Map([
  [
    'KB-100',
    [
      stored('KB-100', '49.90', { standardPrice: '44.00' }),
      stored('KB-100', '45.00', { minQty: '10' }),
    ],
  ],
  ['BULK', [stored('BULK', '1.00', { minQty: '100' })]],
]);

const NONE = { shippedAt: null, deliveredAt: null, invoicedAt: null, cancelledAt: null };
const T = new Date('2027-03-01T10:00:00Z');

describe('orders › line check', () => {
  it('passes lines whose price equals the version’s for the quantity, as numbers', () => {
    expect(
      checkLines(
        [
          { line: 1, sku: 'KB-100', qty: '2', unitPrice: '44' },
          { line: 2, sku: 'KB-100', qty: '10', unitPrice: '45.000' },
          { line: 3, sku: 'BULK', qty: '150', unitPrice: '1.00' },
        ],
        VERSION,
      ),
    ).toEqual([]);
  });

  it('names each failing line with a stable code', () => {
    const failures = checkLines(
      [
        { line: 1, sku: 'KB-100', qty: '10', unitPrice: '44.00' },
        { line: 2, sku: 'NOPE', qty: '1', unitPrice: '1' },
        { line: 3, sku: 'BULK', qty: '99', unitPrice: '1.00' },
        { line: 3, sku: 'BULK', qty: '100', unitPrice: '1.00' },
        { line: 4, sku: 'KB-100', qty: '0', unitPrice: '44.00' },
      ],
      VERSION,
    );
    expect(failures.map((f) => [f.line, f.code])).toEqual([
      [1, 'price_mismatch'],
      [2, 'unknown_sku'],
      [3, 'no_price_for_qty'],
      [3, 'duplicate_line'],
      [4, 'zero_qty'],
    ]);
    expect(failures[0]!.reason).toBe('line 1 (KB-100): the price for 10 is 45.00, not 44.00');
    expect(failureReason(failures)).toContain('line 2 (NOPE)');
    expect(failureReason(Array(50).fill(failures[0])).length).toBeLessThanOrEqual(500);
  });
});

describe('orders › totals', () => {
  it('sums exactly, without floating point, keeping the scale of money', () => {
    expect(
      orderTotal([
        { qty: '3', unitPrice: '0.1' },
        { qty: '1', unitPrice: '0.2' },
      ]),
    ).toBe('0.5');
    expect(orderTotal([{ qty: '1000000000000', unitPrice: '1234567.891' }])).toBe(
      '1234567891000000000.000',
    );
    // 12 × 42.00 + 2 × 19.90 reads as a currency amount, not "543.8".
    expect(
      orderTotal([
        { qty: '12', unitPrice: '42.00' },
        { qty: '2', unitPrice: '19.90' },
      ]),
    ).toBe('543.80');
    expect(orderTotal([])).toBe('0');
  });

  it('applies a CA: changed quantities and prices, qty 0 drops a line', () => {
    const lines = [
      { line: 1, sku: 'A', qty: '2', unitPrice: '10' },
      { line: 2, sku: 'B', qty: '1', unitPrice: '5' },
    ];
    const changed = [
      { line: 1, sku: 'A', qty: '1', unitPrice: '9.5' },
      { line: 2, sku: 'B', qty: '0', unitPrice: '5' },
    ];
    expect(applyChangedLines(lines, changed)).toEqual([
      { line: 1, sku: 'A', qty: '1', unitPrice: '9.5' },
    ]);
    expect(acceptedTotalOf(lines, { code: 'CA', lines: changed })).toBe('9.5');
    expect(acceptedTotalOf(lines, { code: 'AP', lines: [] })).toBe('25');
    expect(acceptedTotalOf(lines, { code: 'RE', lines: [] })).toBeNull();
  });
});

describe('orders › status and transitions', () => {
  it('derives the status from the answer and the furthest milestone, in any order', () => {
    expect(deriveStatus(null, NONE)).toBe('placed');
    expect(deriveStatus({ code: 'AB' }, NONE)).toBe('acknowledged');
    expect(deriveStatus({ code: 'CA' }, NONE)).toBe('accepted');
    expect(deriveStatus({ code: 'RE' }, NONE)).toBe('rejected');
    expect(deriveStatus(null, { ...NONE, shippedAt: T })).toBe('shipped');
    expect(deriveStatus({ code: 'AP' }, { ...NONE, invoicedAt: T, shippedAt: T })).toBe('invoiced');
    expect(deriveStatus({ code: 'AP' }, { ...NONE, invoicedAt: T, deliveredAt: T })).toBe(
      'invoiced',
    );
    expect(deriveStatus({ code: 'AP' }, { ...NONE, cancelledAt: T })).toBe('cancelled');
  });

  it('refuses a cancel after shipping or invoicing, and milestones before acceptance', () => {
    expect(cancelRefusal({ code: 'AP' }, NONE)).toBeNull();
    expect(cancelRefusal({ code: 'AP' }, { ...NONE, shippedAt: T })?.code).toBe('already_shipped');
    expect(cancelRefusal({ code: 'AP' }, { ...NONE, deliveredAt: T })?.code).toBe(
      'already_shipped',
    );
    expect(cancelRefusal({ code: 'AP' }, { ...NONE, invoicedAt: T })?.code).toBe(
      'already_invoiced',
    );
    expect(cancelRefusal({ code: 'RE' }, NONE)?.code).toBe('order_rejected');
    expect(milestoneRefusal('shipped', { code: 'AB' }, NONE)?.code).toBe('not_accepted');
    expect(milestoneRefusal('shipped', { code: 'CA' }, NONE)).toBeNull();
    expect(milestoneRefusal('shipped', { code: 'AP' }, { ...NONE, cancelledAt: T })?.code).toBe(
      'order_cancelled',
    );
    expect(milestoneRefusal('cancelled', { code: 'AP' }, { ...NONE, cancelledAt: T })?.code).toBe(
      'already_cancelled',
    );
  });
});

describe('orders › receivables', () => {
  const r = (over: Partial<Receivable>): Receivable => ({
    id: 1,
    orderRowId: 1,
    partnerId: 1,
    currency: 'EUR',
    amount: '100.10',
    paid: '0',
    status: 'open',
    bookedAt: T,
    paidAt: null,
    updatedAt: T,
    ...over,
  });

  it('takes partial and full payments and refuses overpayment', () => {
    expect(applyPayment(r({}), '0.10')).toEqual({ ok: true, paid: '0.10', settled: false });
    expect(applyPayment(r({ paid: '0.1' }), '100')).toEqual({
      ok: true,
      paid: '100.1',
      settled: true,
    });
    expect(applyPayment(r({ paid: '0.1' }), '100.01')).toMatchObject({
      ok: false,
      code: 'overpayment',
    });
    expect(applyPayment(r({ status: 'paid', paid: '100.10' }), '1')).toMatchObject({
      ok: false,
      code: 'already_paid',
    });
  });

  it('totals what is open per partner and currency', () => {
    expect(
      openTotals([
        r({ id: 1, partnerId: 2, amount: '10.05', paid: '0.05' }),
        r({ id: 2, partnerId: 2, amount: '0.1' }),
        r({ id: 3, partnerId: 2, currency: 'USD', amount: '7' }),
        r({ id: 4, partnerId: 1, amount: '1', paid: '1', status: 'paid' }),
      ]),
    ).toEqual([
      { partnerId: 2, currency: 'EUR', open: '10.10', count: 2 },
      { partnerId: 2, currency: 'USD', open: '7', count: 1 },
    ]);
  });
});

describe('orders › input', () => {
  const base = { sellerPartnerId: 1, type: 'standard' as const, lines: [{ sku: 'A', qty: '1' }] };

  it('requires what each type needs, naming the field', () => {
    expect(() => checkPlaceInput({ ...base, type: 'drop_ship' })).toThrow(
      expect.objectContaining({ status: 400, field: 'endCustomer' }),
    );
    expect(() => checkPlaceInput({ ...base, type: 'cash_sale' })).toThrow(
      expect.objectContaining({ field: 'soldAt' }),
    );
    expect(() => checkPlaceInput({ ...base, soldAt: '2027-03-01T10:00:00Z' })).toThrow(
      expect.objectContaining({ field: 'soldAt' }),
    );
    expect(() => checkPlaceInput({ ...base, lines: [{ sku: 'A', qty: '0' }] })).toThrow(
      expect.objectContaining({ field: 'lines[0].qty' }),
    );
    expect(() => checkPlaceInput({ ...base, lines: [{ sku: 'A', qty: 1 as never }] })).toThrow(
      expect.objectContaining({ field: 'lines[0].qty' }),
    );
    expect(() =>
      checkPlaceInput({
        ...base,
        type: 'drop_ship',
        endCustomer: { name: 'Acme' },
        shipTo: { name: 'Acme', street: 'S 1', city: 'B', country: 'Germany' },
      }),
    ).toThrow(expect.objectContaining({ field: 'shipTo.country' }));
  });

  it('compares two placements of one order whatever the key order', () => {
    const f: OrderFields = {
      type: 'drop_ship',
      priceListId: 'l',
      priceListVersion: 1,
      currency: 'EUR',
      lines: [{ line: 1, sku: 'A', qty: '1', unitPrice: '2' }],
      shipTo: { name: 'n', street: 's', city: 'c', country: 'DE' },
      endCustomer: { name: 'e' },
      soldAt: null,
      note: null,
    };
    const reordered = { ...f, shipTo: { country: 'DE', city: 'c', street: 's', name: 'n' } };
    expect(sameFields(f, reordered)).toBe(true);
    expect(sameFields(f, { ...f, lines: [{ line: 1, sku: 'A', qty: '2', unitPrice: '2' }] })).toBe(
      false,
    );
  });
});
