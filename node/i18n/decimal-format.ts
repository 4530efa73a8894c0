/**
 * Exact decimal strings (`"1234567.89"`, as records carry amounts and quantities) written as a
 * locale writes numbers and money, by `Intl.NumberFormat` given the STRING: Node's Intl formats a
 * decimal string exactly (no trip through a floating-point number), so `"12345678901234567.01"`
 * keeps every digit. The string's own fraction digits are both the minimum and the maximum, so
 * `"3000.10"` stays `3,000.10` (not `3,000.1`) and `"0.005"` is not rounded to a currency's two
 * places. Intl takes at most 20 fraction digits: a longer fraction is formatted on its first 20
 * digits (exactly, so nothing rounds) and the full fraction is put back in Intl's fraction part.
 */
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** The most fraction digits `Intl.NumberFormat` accepts in Node 20. */
const INTL_MAX_FRACTION = 20;

/** Formatters by locale, currency and digits; bounded, as currency codes come from records. */
const formatters = new Map<string, Intl.NumberFormat>();
const MAX_FORMATTERS = 512;

function formatter(locale: string, currency: string | null, digits: number): Intl.NumberFormat {
  const key = `${locale}|${currency ?? ''}|${digits}`;
  let f = formatters.get(key);
  if (!f) {
    // Throws a RangeError for a malformed currency code; callers fall back.
    f = new Intl.NumberFormat(locale, {
      ...(currency !== null ? { style: 'currency', currency } : {}),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/** Intl's parts for an exact decimal string, every fraction digit kept. */
function exactParts(locale: string, value: string, currency: string | null): string {
  const dot = value.indexOf('.');
  const fraction = dot < 0 ? '' : value.slice(dot + 1);
  const digits = Math.min(fraction.length, INTL_MAX_FRACTION);
  const input = (dot < 0 ? value : value.slice(0, dot + 1 + digits)) as `${number}`;
  const f = formatter(locale, currency, digits);
  if (fraction.length <= INTL_MAX_FRACTION) return f.format(input);
  return f
    .formatToParts(input)
    .map((p) => (p.type === 'fraction' ? fraction : p.value))
    .join('');
}

/** Whether a string is a plain decimal (`-12.50`), the only form records carry. */
export const isDecimalString = (value: string): boolean => DECIMAL.test(value);

/** The string as the locale writes it (`3,000.10`); a string that is not a decimal is shown as is. */
export function formatDecimalString(locale: string, value: string): string {
  const v = value.trim();
  return DECIMAL.test(v) ? exactParts(locale, v, null) : value;
}

/**
 * Money in the locale's pattern for the record's currency (`€3,000.00`, `-US$0.005`). A code Intl
 * cannot use (`EURO`, `€`) or an amount that is not a decimal is shown plainly, `3000.00 EURO`,
 * rather than failing the page.
 */
export function formatMoneyString(locale: string, amount: string, currency: string): string {
  const v = amount.trim();
  if (!DECIMAL.test(v)) return `${amount} ${currency}`;
  try {
    return exactParts(locale, v, currency);
  } catch (err) {
    if (err instanceof RangeError) return `${v} ${currency}`;
    throw err;
  }
}

/** A ratio (`0.875`) as a percentage (`87.5%`), with at most `fractionDigits` places. */
export function formatPercent(locale: string, ratio: number, fractionDigits = 1): string {
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: fractionDigits,
  }).format(ratio);
}
