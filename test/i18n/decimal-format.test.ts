/**
 * Amounts and quantities are exact decimal strings; formatting writes them in the language's
 * pattern without ever rounding them. Expectations are written out by hand (en and zh-CN both
 * group by thousands with `,` and use `.` for decimals; zh-CN writes USD as `US$`).
 */
import { describe, expect, it } from 'vitest';
import {
  formatDecimalString,
  formatMoneyString,
  formatPercent,
} from '../../node/i18n/decimal-format.ts';
import { translatorFor } from '../../node/i18n/translator.ts';

const en = translatorFor('en');
const zh = translatorFor('zh-CN');

describe('i18n › decimal-format', () => {
  it('keeps the string’s own fraction digits: trailing zeros stay, nothing rounds', () => {
    expect(en.money('3000.10', 'EUR')).toBe('€3,000.10');
    expect(zh.money('3000.10', 'EUR')).toBe('€3,000.10');
    expect(en.money('3000.00', 'EUR')).toBe('€3,000.00');
    expect(en.money('0.005', 'EUR')).toBe('€0.005');
    expect(en.money('0.005', 'USD')).toBe('$0.005');
    expect(zh.money('0.005', 'USD')).toBe('US$0.005');
    // A currency without minor units still shows the digits the record has.
    expect(en.money('1200.5', 'JPY')).toBe('¥1,200.5');
    expect(en.money('1200', 'EUR')).toBe('€1,200');
    expect(en.decimal('12.500')).toBe('12.500');
    expect(en.decimal('1234567')).toBe('1,234,567');
  });

  it('keeps every digit beyond 2^53 and beyond Intl’s 20 fraction digits', () => {
    // 2^53 + 1 is the first integer a double cannot hold.
    expect(en.money('9007199254740993.01', 'EUR')).toBe('€9,007,199,254,740,993.01');
    expect(zh.money('99999999999999999999999.99', 'CNY')).toBe(
      '¥99,999,999,999,999,999,999,999.99',
    );
    expect(en.decimal('123456789012345678901234567890')).toBe(
      '123,456,789,012,345,678,901,234,567,890',
    );
    expect(en.decimal('0.1234567890123456789012345')).toBe('0.1234567890123456789012345');
    expect(en.money('1.99999999999999999999999', 'EUR')).toBe('€1.99999999999999999999999');
  });

  it('writes negative amounts with the language’s minus sign', () => {
    expect(en.money('-1234.5', 'EUR')).toBe('-€1,234.5');
    expect(zh.money('-0.01', 'CNY')).toBe('-¥0.01');
    expect(en.money('-9007199254740993.99', 'USD')).toBe('-$9,007,199,254,740,993.99');
    expect(en.decimal('-1000.25')).toBe('-1,000.25');
  });

  it('falls back to the plain decimal and the code for a code Intl cannot use', () => {
    expect(en.money('3000.00', 'EURO')).toBe('3000.00 EURO');
    expect(zh.money('3000.00', '€')).toBe('3000.00 €');
    expect(en.money('12', '')).toBe('12');
    // A well-formed code Intl has no symbol for is written as the code.
    expect(en.money('1.5', 'XQQ')).toBe('XQQ\u00a01.5');
    // Not a decimal: shown as it is, never thrown on.
    expect(formatMoneyString('en', '12,50', 'EUR')).toBe('12,50 EUR');
    expect(formatDecimalString('en', '1e5')).toBe('1e5');
    expect(en.money(null, 'EUR')).toBe('—');
    expect(en.money('5', null)).toBe('5');
  });

  it('writes percentages and counts as the language does', () => {
    expect(formatPercent('en', 0.875)).toBe('87.5%');
    expect(zh.percent(0.5)).toBe('50%');
    expect(en.percent(1 / 3)).toBe('33.3%');
    expect(en.count(1234567)).toBe('1,234,567');
  });

  it('writes times in UTC with the zone named, and refuses no invalid date', () => {
    const at = new Date('2027-12-31T23:59:00Z');
    expect(en.timeZone).toBe('UTC');
    expect(en.time(at)).toBe('Dec 31, 2027, 23:59 UTC');
    expect(zh.time(at)).toBe('2027/12/31 23:59（UTC）');
    expect(en.date(at)).toBe('December 31, 2027');
    expect(zh.date('2027-12-31')).toBe('2027年12月31日');
    expect(en.time(new Date('not a time'))).toBe('—');
    expect(en.date(new Date('not a time'))).toBe('—');
  });
});
