/**
 * Exact decimal strings (`"1234567.89"`, as records carry amounts and quantities) written with a
 * locale's digits grouping and decimal sign. The digits are never turned into a floating-point
 * number: Intl only tells which symbols the locale uses (`formatToParts`), and the string's own
 * digits are placed between them, so `"12345678901234567.01"` keeps every digit.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

interface Symbols {
  group: string;
  decimal: string;
  minus: string;
}

const symbolCache = new Map<string, Symbols>();

function symbolsOf(locale: string): Symbols {
  let s = symbolCache.get(locale);
  if (!s) {
    const parts = new Intl.NumberFormat(locale).formatToParts(-12345.6);
    const part = (type: string, fallback: string) =>
      parts.find((p) => p.type === type)?.value ?? fallback;
    s = { group: part('group', ','), decimal: part('decimal', '.'), minus: part('minusSign', '-') };
    symbolCache.set(locale, s);
  }
  return s;
}

/** The integer digits in groups of three (both supported locales group by thousands). */
function group(digits: string, sep: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

export interface DecimalStyle {
  /** False keeps `3000.00` as the English pages have always shown it. */
  grouping: boolean;
}

/** The string as the locale writes it; a string that is not a plain decimal is shown as is. */
export function formatDecimalString(locale: string, value: string, style: DecimalStyle): string {
  const m = DECIMAL.exec(value.trim());
  if (!m) return value;
  const [, sign, int = '', frac] = m;
  const s = symbolsOf(locale);
  const body = `${style.grouping ? group(int, s.group) : int}${frac !== undefined ? `${s.decimal}${frac}` : ''}`;
  return sign ? `${s.minus}${body}` : body;
}

/**
 * Money in the locale's currency pattern (`€3,000.00`, `¥1,200.50`), built from the pattern Intl
 * gives for the currency with the amount's own digits in place of Intl's number. An unknown
 * currency code falls back to `amount CODE`.
 */
export function formatMoneyString(
  locale: string,
  amount: string,
  currency: string,
  style: DecimalStyle,
): string {
  const digits = formatDecimalString(locale, amount.trim().replace(/^-/, ''), style);
  const negative = amount.trim().startsWith('-');
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: 0,
      maximumFractionDigits: 0,
    }).formatToParts(negative ? -1 : 1);
  } catch {
    return `${formatDecimalString(locale, amount, style)} ${currency}`;
  }
  let placed = false;
  return parts
    .map((p) => {
      if (p.type === 'integer') {
        if (placed) return '';
        placed = true;
        return digits;
      }
      if (p.type === 'group' || p.type === 'decimal' || p.type === 'fraction') return '';
      return p.value;
    })
    .join('');
}
