/**
 * RFC 3339 UTC timestamps as the protocol writes them (`2027-01-31T09:30:00.000Z`).
 *
 * @module
 */

const UTC_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * Parses an RFC 3339 timestamp in UTC (`Z` suffix, upper case `T` and `Z`, fractional seconds
 * optional, at most 9 digits) into epoch milliseconds; `null` when the text is not one or names
 * a date that does not exist (`2027-02-30`). Leap seconds (`:60`) are not accepted.
 */
export function parseUtcTimestamp(text: string): number | null {
  if (typeof text !== 'string' || text.length > 40) return null;
  const m = UTC_TIMESTAMP.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  // Each field in its range (no month 13, day 0, 30 February, hour 24, minute or second 60),
  // checked field by field: cheaper than building a Date and reading it back, which every
  // message's time and every receipt's paid. Date.UTC reads years 0 to 99 as 1900 to 1999.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.setUTCHours(hour, minute, second, ms);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `x` is a string {@link parseUtcTimestamp} accepts. */
export function isUtcTimestamp(x: unknown): x is string {
  return typeof x === 'string' && parseUtcTimestamp(x) !== null;
}

/**
 * Formats a date as the protocol writes timestamps: RFC 3339 UTC with milliseconds
 * (`Date.prototype.toISOString`). Throws `RangeError` on an invalid date (programmer error).
 */
export function formatUtcTimestamp(date: Date): string {
  return date.toISOString();
}
