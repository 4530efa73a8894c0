/**
 * When a price list version applies. `validFrom` and `validTo` are written as RFC 3339 dates or
 * UTC times: a date as validFrom starts at 00:00 UTC that day; a date as validTo includes that
 * whole day (the bound is 00:00 UTC the next day, exclusive); a time is taken as it is (validTo
 * exclusive). The version in effect at a moment is the applied one with the highest version
 * number whose validity covers it: a newer version takes over from its validFrom, and an older
 * one applies again after a newer one's validTo.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Millis of a date or UTC time as written on the wire; null when it is neither. */
export function boundMs(value: string, edge: 'from' | 'to'): number | null {
  const date = DATE.exec(value);
  if (date) {
    const ms = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    const back = new Date(ms).toISOString().slice(0, 10);
    if (back !== value) return null;
    return edge === 'from' ? ms : ms + DAY_MS;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export interface Validity {
  validFrom: string;
  validTo: string | null;
  validFromMs: number;
  validToMs: number | null;
}

/** Checks a validity; an error names the field at fault. */
export function parseValidity(
  validFrom: string,
  validTo: string | null,
): { ok: true; validity: Validity } | { ok: false; field: string; message: string } {
  const fromMs = boundMs(validFrom, 'from');
  if (fromMs === null) {
    return { ok: false, field: 'validFrom', message: 'validFrom must be a date or a UTC time' };
  }
  if (validTo === null) {
    return { ok: true, validity: { validFrom, validTo, validFromMs: fromMs, validToMs: null } };
  }
  const toMs = boundMs(validTo, 'to');
  if (toMs === null) {
    return { ok: false, field: 'validTo', message: 'validTo must be a date or a UTC time' };
  }
  if (toMs <= fromMs) {
    return { ok: false, field: 'validTo', message: 'validTo must be after validFrom' };
  }
  return { ok: true, validity: { validFrom, validTo, validFromMs: fromMs, validToMs: toMs } };
}
