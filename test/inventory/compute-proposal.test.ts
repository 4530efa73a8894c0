import { describe, expect, it } from 'vitest';
import {
  computeProposal,
  periodDays,
  roundUp,
  salesReports,
} from '../../node/inventory/compute-proposal.ts';
import { Decimal } from '../../node/records/decimal-string.ts';
import type {
  InventoryReport,
  InventorySetting,
  StockLine,
} from '../../node/store/inventory-store.ts';

let nextId = 1;
function report(
  reportId: string,
  periodStart: string,
  periodEnd: string,
  lines: StockLine[],
): InventoryReport {
  return {
    id: nextId++,
    role: 'supplier',
    partnerId: 1,
    reportId,
    location: 'Berlin',
    periodStart,
    periodEnd,
    lines,
    note: null,
    contentHash: 'x',
    messageId: null,
    jws: null,
    createdAt: new Date(0),
    refusal: null,
  };
}

function setting(overrides: Partial<InventorySetting>): InventorySetting {
  return {
    partnerId: 1,
    sku: 'A',
    location: '',
    policy: 'days_of_cover',
    min: null,
    max: null,
    days: 14,
    leadTimeDays: 0,
    packSize: null,
    updatedAt: new Date(0),
    ...overrides,
  };
}

const line = (sku: string, onHand: string, sold: string, onOrder = '0', returned?: string) => ({
  sku,
  onHand,
  sold,
  onOrder,
  ...(returned !== undefined && { returned }),
});

describe('inventory › compute-proposal', () => {
  it('counts both ends of a period', () => {
    expect(periodDays('2027-01-04', '2027-01-10')).toBe(7);
    expect(periodDays('2027-01-04', '2027-01-04')).toBe(1);
    expect(periodDays('2027-02-27', '2027-03-01')).toBe(3);
  });

  it('rounds up to whole units or to the pack size, never down', () => {
    expect(roundUp(new Decimal('4.01'), null).toFixed()).toBe('5');
    expect(roundUp(new Decimal('5'), null).toFixed()).toBe('5');
    expect(roundUp(new Decimal('13'), '12').toFixed()).toBe('24');
    expect(roundUp(new Decimal('12'), '12').toFixed()).toBe('12');
    expect(roundUp(new Decimal('1'), '2.5').toFixed()).toBe('2.5');
    expect(roundUp(new Decimal('0'), '12').toFixed()).toBe('0');
    expect(roundUp(new Decimal('-3'), null).toFixed()).toBe('0');
  });

  it('min/max: orders up to max when the position falls below min', () => {
    const reports = [report('r1', '2027-01-04', '2027-01-10', [line('A', '3', '7', '2')])];
    const settings = [setting({ policy: 'min_max', min: '10', max: '40', days: null })];
    const out = computeProposal({ reports, settings, location: 'Berlin' });
    expect(out.basedOn).toEqual(['r1']);
    expect(out.lines).toHaveLength(1);
    const l = out.lines[0]!;
    expect(l).toMatchObject({
      sku: 'A',
      qty: '35',
      policy: 'min_max',
      soldPerDay: '1',
      position: '5',
      coverDaysNow: '5',
      target: '40',
    });
    expect(l.reason).toContain('sold 1/day over 7 days (1 report)');
    expect(l.reason).toContain('below min 10');
    expect(l.reason).toContain('order 35');
  });

  it('min/max: nothing when the position is at or above min', () => {
    const reports = [report('r1', '2027-01-04', '2027-01-10', [line('A', '8', '7', '2')])];
    const settings = [setting({ policy: 'min_max', min: '10', max: '40', days: null })];
    const out = computeProposal({ reports, settings, location: 'Berlin' });
    expect(out.lines).toEqual([]);
    expect(out.sufficient[0]).toMatchObject({ sku: 'A', qty: '0' });
  });

  it('days of cover: covers the days plus the lead time, less the position', () => {
    // 21 sold over 7 days = 3/day; cover 7 + lead 7 = 14 days → 42; position 12 → 30.
    const reports = [report('r1', '2027-01-04', '2027-01-10', [line('A', '12', '21')])];
    const settings = [setting({ days: 7, leadTimeDays: 7 })];
    const out = computeProposal({ reports, settings, location: 'Berlin' });
    expect(out.lines[0]).toMatchObject({
      qty: '30',
      soldPerDay: '3',
      coverDaysNow: '4',
      leadTimeDays: 7,
      target: '42',
      unrounded: '30',
    });
    expect(out.lines[0]!.reason).toContain('lead time 7 days');
    // Without the lead time the target is 21: 9 to order.
    const noLead = computeProposal({
      reports,
      settings: [setting({ days: 7, leadTimeDays: 0 })],
      location: 'Berlin',
    });
    expect(noLead.lines[0]!.qty).toBe('9');
  });

  it('days of cover: exact decimals and rounding to the pack', () => {
    // 10 sold over 3 days, cover 2 days: target 6.666…, position 1 → 5.666… → 6, packs of 4 → 8.
    const reports = [report('r1', '2027-01-01', '2027-01-03', [line('A', '1', '10')])];
    const whole = computeProposal({
      reports,
      settings: [setting({ days: 2 })],
      location: 'Berlin',
    });
    expect(whole.lines[0]).toMatchObject({ qty: '6', soldPerDay: '3.3333', unrounded: '5.6667' });
    const packed = computeProposal({
      reports,
      settings: [setting({ days: 2, packSize: '4' })],
      location: 'Berlin',
    });
    expect(packed.lines[0]!.qty).toBe('8');
    expect(packed.lines[0]!.reason).toContain('packs of 4');
  });

  it('zero sales: days of cover orders nothing, min/max still refills', () => {
    const reports = [
      report('r1', '2027-01-04', '2027-01-10', [line('A', '2', '0'), line('B', '2', '0')]),
    ];
    const out = computeProposal({
      reports,
      settings: [
        setting({ sku: 'A', days: 30, leadTimeDays: 10 }),
        setting({ sku: 'B', policy: 'min_max', min: '5', max: '10', days: null }),
      ],
      location: 'Berlin',
    });
    expect(out.sufficient[0]).toMatchObject({
      sku: 'A',
      qty: '0',
      coverDaysNow: null,
      target: '0',
    });
    expect(out.sufficient[0]!.reason).toContain('no sales');
    expect(out.lines[0]).toMatchObject({ sku: 'B', qty: '8', coverDaysNow: null });
  });

  it('sales over several reports, net of returns, position from the latest', () => {
    const reports = [
      // Arrival order does not matter: the latest period comes first.
      report('w1', '2027-01-04', '2027-01-10', [line('A', '50', '10', '0', '3')]),
      report('w2', '2027-01-11', '2027-01-17', [line('A', '20', '18', '5')]),
    ];
    const out = computeProposal({ reports, settings: [setting({ days: 14 })], location: 'Berlin' });
    // (10 - 3) + 18 = 25 over 14 days; target 25; position 20 + 5 = 25 → nothing.
    expect(out.basedOn).toEqual(['w2', 'w1']);
    expect(out.sufficient[0]).toMatchObject({
      sold: '25',
      salesDays: 14,
      salesReports: ['w2', 'w1'],
      position: '25',
      positionReport: 'w2',
      qty: '0',
    });
    const more = computeProposal({
      reports,
      settings: [setting({ days: 28 })],
      location: 'Berlin',
    });
    expect(more.lines[0]!.qty).toBe('25');
    expect(more.lines[0]!.reason).toContain('over 14 days (2 reports)');
  });

  it('skips overlapping and too old reports for the sales rate', () => {
    const reports = [
      report('latest', '2027-03-01', '2027-03-07', []),
      report('overlap', '2027-03-05', '2027-03-06', []),
      report('before', '2027-02-22', '2027-02-28', []),
      report('old', '2027-01-01', '2027-01-07', []),
    ];
    expect(salesReports(reports, 28).map((r) => r.reportId)).toEqual(['latest', 'before']);
    expect(salesReports(reports, 7).map((r) => r.reportId)).toEqual(['latest']);
    expect(salesReports([], 28)).toEqual([]);
  });

  it('prefers the location setting, lists SKUs no report names', () => {
    const reports = [report('r1', '2027-01-04', '2027-01-10', [line('A', '0', '7')])];
    const out = computeProposal({
      reports,
      settings: [
        setting({ sku: 'A', days: 7 }),
        setting({ sku: 'A', location: 'Berlin', days: 14 }),
        setting({ sku: 'A', location: 'Hamburg', days: 30 }),
        setting({ sku: 'Z', days: 7 }),
        setting({ sku: 'H', location: 'Hamburg', days: 7 }),
      ],
      location: 'Berlin',
    });
    expect(out.lines[0]).toMatchObject({ sku: 'A', coverDays: 14, qty: '14' });
    expect(out.unreported).toEqual(['Z']);
  });
});
