import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../node/net/http-client.ts';

const NOW = new Date('2025-03-01T12:00:00Z');

describe('retry-after', () => {
  describe('parseRetryAfter', () => {
    it('reads delta-seconds as milliseconds', () => {
      expect(parseRetryAfter('0', NOW)).toBe(0);
      expect(parseRetryAfter('120', NOW)).toBe(120_000);
      expect(parseRetryAfter(' 5 ', NOW)).toBe(5_000);
    });

    it('reads the three HTTP-date forms relative to now', () => {
      expect(parseRetryAfter('Sat, 01 Mar 2025 12:01:30 GMT', NOW)).toBe(90_000);
      expect(parseRetryAfter('Saturday, 01-Mar-25 12:00:10 GMT', NOW)).toBe(10_000);
      expect(parseRetryAfter('Sat Mar  1 12:00:02 2025', NOW)).toBe(2_000);
    });

    it('caps a huge delta-seconds at the largest safe integer', () => {
      expect(parseRetryAfter('99999999999999999999', NOW)).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('reads an asctime date as UTC whatever the server’s time zone', () => {
      const zone = process.env.TZ;
      process.env.TZ = 'America/New_York';
      try {
        expect(parseRetryAfter('Sat Mar  1 12:00:02 2025', NOW)).toBe(2_000);
      } finally {
        if (zone === undefined) delete process.env.TZ;
        else process.env.TZ = zone;
      }
    });

    it('never returns a negative delay', () => {
      expect(parseRetryAfter('Fri, 28 Feb 2025 12:00:00 GMT', NOW)).toBe(0);
    });

    it('returns null when absent or invalid', () => {
      for (const value of [
        undefined,
        '',
        '-5',
        '1.5',
        'soon',
        '2025-03-01T12:01:00Z',
        // The form of a date, but no date.
        'Sat, 99 Mar 2025 12:00:00 GMT',
      ]) {
        expect(parseRetryAfter(value, NOW)).toBeNull();
      }
    });
  });
});
