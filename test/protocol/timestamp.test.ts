import { describe, expect, it } from 'vitest';
import { formatUtcTimestamp, isUtcTimestamp, parseUtcTimestamp } from '../../protocol/index.ts';

describe('timestamp', () => {
  describe('parseUtcTimestamp', () => {
    it('reads RFC 3339 UTC times with 0 to 9 fraction digits, keeping milliseconds', () => {
      const base = Date.UTC(2027, 0, 31, 9, 30, 0);
      expect(parseUtcTimestamp('2027-01-31T09:30:00Z')).toBe(base);
      expect(parseUtcTimestamp('2027-01-31T09:30:00.5Z')).toBe(base + 500);
      expect(parseUtcTimestamp('2027-01-31T09:30:00.05Z')).toBe(base + 50);
      expect(parseUtcTimestamp('2027-01-31T09:30:00.123Z')).toBe(base + 123);
      expect(parseUtcTimestamp('2027-01-31T09:30:00.123999999Z')).toBe(base + 123);
      expect(parseUtcTimestamp('2027-12-31T23:59:59.999Z')).toBe(
        Date.UTC(2027, 11, 31, 23, 59, 59, 999),
      );
      // Years before 100 are not read as 19xx.
      expect(parseUtcTimestamp('0050-06-01T00:00:00Z')).toBe(Date.parse('0050-06-01T00:00:00Z'));
      expect(parseUtcTimestamp('0050-06-01T12:34:56.789Z')).toBe(
        Date.parse('0050-06-01T12:34:56.789Z'),
      );
    });

    it('accepts the last valid value of each field and refuses the next', () => {
      const ok = [
        '2027-12-01T00:00:00Z',
        '2027-01-31T00:00:00Z',
        '2028-02-29T00:00:00Z',
        '2027-01-01T23:00:00Z',
        '2027-01-01T00:59:00Z',
        '2027-01-01T00:00:59Z',
      ];
      const bad = [
        '2027-13-01T00:00:00Z',
        '2027-00-01T00:00:00Z',
        '2027-01-00T00:00:00Z',
        '2027-01-32T00:00:00Z',
        '2027-02-29T00:00:00Z',
        '2027-04-31T00:00:00Z',
        '2027-01-01T24:00:00Z',
        '2027-01-01T00:60:00Z',
        '2027-01-01T00:00:60Z',
      ];
      for (const text of ok) expect(parseUtcTimestamp(text), text).toBe(Date.parse(text));
      for (const text of bad) expect(parseUtcTimestamp(text), text).toBeNull();
    });

    it('knows the length of every month and the Gregorian leap years', () => {
      const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
      for (const [i, n] of days.entries()) {
        const month = String(i + 1).padStart(2, '0');
        const last = `2027-${month}-${n}T00:00:00Z`;
        expect(parseUtcTimestamp(last), last).toBe(Date.UTC(2027, i, n));
        expect(
          parseUtcTimestamp(`2027-${month}-${n + 1}T00:00:00Z`),
          `${month}/${n + 1}`,
        ).toBeNull();
      }
      // Every fourth year, but not a century unless it divides by 400.
      for (const [year, leap] of [
        [2024, true],
        [2000, true],
        [1600, true],
        [2100, false],
        [1900, false],
        [2027, false],
      ] as const) {
        const text = `${year}-02-29T00:00:00Z`;
        expect(parseUtcTimestamp(text), text).toBe(leap ? Date.UTC(year, 1, 29) : null);
      }
    });

    it('refuses other spellings: offsets, lower case, missing parts, ten fraction digits', () => {
      for (const text of [
        '2027-01-31T09:30:00+00:00',
        '2027-01-31t09:30:00z',
        '2027-01-31T09:30:00z',
        '2027-01-31 09:30:00Z',
        '2027-01-31T09:30Z',
        '2027-01-31',
        '2027-01-31T09:30:00.Z',
        '2027-01-31T09:30:00.1234567890Z',
        ' 2027-01-31T09:30:00Z',
        '2027-01-31T09:30:00Z ',
        '+02027-01-31T09:30:00Z',
        '',
      ]) {
        expect(parseUtcTimestamp(text), text).toBeNull();
      }
    });

    it('refuses text longer than 40 characters and what is not a string', () => {
      expect(parseUtcTimestamp(`2027-01-31T09:30:00.123456789Z`)).not.toBeNull();
      expect(parseUtcTimestamp(`${'0'.repeat(41)}`)).toBeNull();
      expect(parseUtcTimestamp(5 as unknown as string)).toBeNull();
      // Not a string, even when its string form is a timestamp.
      const text = '2027-01-31T09:30:00Z';
      for (const look of [new String(text), { toString: () => text }, [text]]) {
        expect(parseUtcTimestamp(look as unknown as string)).toBeNull();
        expect(isUtcTimestamp(look)).toBe(false);
      }
      expect(parseUtcTimestamp(null as unknown as string)).toBeNull();
    });
  });

  describe('isUtcTimestamp', () => {
    it('is true exactly for strings parseUtcTimestamp accepts', () => {
      expect(isUtcTimestamp('2027-01-31T09:30:00.000Z')).toBe(true);
      expect(isUtcTimestamp('2027-02-30T09:30:00.000Z')).toBe(false);
      expect(isUtcTimestamp(Date.UTC(2027, 0, 1))).toBe(false);
      expect(isUtcTimestamp(new Date())).toBe(false);
      expect(isUtcTimestamp(undefined)).toBe(false);
    });
  });

  describe('formatUtcTimestamp', () => {
    it('writes UTC with milliseconds, which parseUtcTimestamp reads back', () => {
      const d = new Date(Date.UTC(2027, 0, 31, 9, 30, 0, 7));
      expect(formatUtcTimestamp(d)).toBe('2027-01-31T09:30:00.007Z');
      expect(parseUtcTimestamp(formatUtcTimestamp(d))).toBe(d.getTime());
      expect(() => formatUtcTimestamp(new Date(Number.NaN))).toThrow(RangeError);
    });
  });
});
