/**
 * Plural rules and formats as each language has them: English has `one` and `other`, Chinese
 * only `other`, and both come from the catalogs' ICU plurals rather than from code that adds an
 * "s"; times say their zone, dates are written as the language writes them (never shifted by a
 * time zone), money keeps the record's currency and every digit of its amount.
 */
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../node/i18n/translator.ts';

const en = translatorFor('en');
const zh = translatorFor('zh-CN');

describe('i18n › plurals and formats', () => {
  it('chooses the plural form by each language’s rules', () => {
    expect(en.t('orders.lines', { count: 1 })).toBe('1 line');
    expect(en.t('orders.lines', { count: 2 })).toBe('2 lines');
    expect(en.t('orders.lines', { count: 0 })).toBe('0 lines');
    expect(zh.t('orders.lines', { count: 1 })).toBe('1 行');
    expect(zh.t('orders.lines', { count: 12 })).toBe('12 行');
    expect(en.t('orders.openTotal', { money: '€30.00', count: 1 })).toBe('€30.00 open (1 invoice)');
    expect(en.t('orders.openTotal', { money: '€30.00', count: 3 })).toBe(
      '€30.00 open (3 invoices)',
    );
    expect(zh.t('orders.openTotal', { money: '€30.00', count: 3 })).toBe('未付 €30.00（3 张发票）');
    expect(en.t('console.leads.offerCount', { count: 1 })).toBe('1 offer');
    expect(en.t('form.problems', { count: 1 })).toBe('There is a problem');
    expect(en.t('form.problems', { count: 4 })).toBe('There are 4 problems');
    expect(zh.t('error.tooManyAttempts', { seconds: 1 })).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('writes times with their zone and dates without shifting them', () => {
    const at = new Date('2027-03-01T23:30:00Z');
    expect(en.time(at)).toBe('Mar 1, 2027, 23:30 UTC');
    expect(zh.time(at)).toBe('2027/03/01 23:30（UTC）');
    // A full date is a calendar day: not moved by the time zone the server runs in.
    expect(zh.date('2027-05-31')).toBe('2027年5月31日');
    expect(en.date('2027-05-31')).toBe('May 31, 2027');
    expect(zh.t('orders.title', { type: 'drop_ship', date: zh.date('2027-05-31') })).toBe(
      '2027年5月31日 的直发订单',
    );
    expect(en.t('orders.title', { type: 'cash_sale', date: en.date('2027-05-31') })).toBe(
      'Cash sale order of May 31, 2027',
    );
  });

  it('keeps the record’s currency and every digit of an amount', () => {
    expect(zh.money('1234567.50', 'CNY')).toBe('¥1,234,567.50');
    expect(zh.money('12345678901234567.01', 'EUR')).toBe('€12,345,678,901,234,567.01');
    expect(en.money('543.80', 'EUR')).toBe('€543.80');
    // A code Intl has no symbol for is written as the code, in the language's pattern.
    expect(zh.money('12.5', 'XYZ')).toMatch(/^XYZ\s12\.5$/);
    expect(zh.count(1234567)).toBe('1,234,567');
  });

  it('reads stable codes in words, falling back to the code', () => {
    expect(zh.code('role', 'channel_manager')).toBe('渠道经理');
    expect(zh.code('accountingType', 'payment_terms')).toBe('付款条件');
    expect(zh.code('direction', 'incoming')).toBe('收到的');
    expect(en.code('status', 'cancel_requested')).toBe('cancel requested');
    expect(zh.code('status', 'no_such_status')).toBe('no such status');
  });
});
