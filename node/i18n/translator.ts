/**
 * One language's texts and formats: `t(key, values)` renders a catalog message (ICU
 * MessageFormat, through @formatjs/intl), and the format helpers write times, dates, amounts,
 * money and quantities as that language does. One translator per language, built on first use
 * and shared (it holds no per-request state).
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { formatDecimalString, formatMoneyString, formatPercent } from './decimal-format.ts';
import { CATALOGS, type Locale, type MessageKey } from './locales.ts';

/** Values of a message's `{placeholders}`; rich messages take functions for their tags. */
export type MessageValues = Record<string, string | number | Date | null | undefined>;

export interface Translator {
  locale: Locale;
  t(key: MessageKey, values?: MessageValues): string;
  /**
   * A message with markup tags (`<link>…</link>`): each tag's function gets the tag's translated
   * text and returns what to put there (a JSX element); the result is a list for JSX.
   */
  rich<T>(key: MessageKey, values: Record<string, unknown>): Array<string | T>;
  /** The zone every time is shown in, and named with: `UTC` (the node has no zone setting). */
  timeZone: string;
  /** `Jan 31, 2027, 17:00 UTC` / `2027/01/31 17:00（UTC）`: one time zone, and it says so. */
  time(d: Date | null | undefined): string;
  /** A date, from a time or from a full-date string (`2027-01-31`), never shifted by time zone. */
  date(d: Date | string | null | undefined): string;
  /** What is left until `until`, in its two largest units; "expired" once past. */
  timeLeft(until: Date, now: Date): string;
  /** An exact decimal string (amount, quantity, percentage) with the language's symbols. */
  decimal(value: string | null | undefined): string;
  /** An exact amount in its record's currency; `—` without an amount. */
  money(amount: string | null | undefined, currency: string | null | undefined): string;
  /** An integer count (`1,234`). */
  count(n: number): string;
  /** A ratio (`0.875`) as a percentage (`87.5%`). */
  percent(ratio: number, fractionDigits?: number): string;
  /** A stable code shown to people (`not_interested`) in words, from `code.<group>.<value>`. */
  code(group: string, value: string | null | undefined): string;
}

/**
 * The zone times are shown in. The node has no time-zone setting, so pages and e-mails show UTC
 * and say so (`format.utcTime`); `<time datetime>` around a shown time keeps the exact instant.
 */
const TIME_ZONE = 'UTC';

/**
 * How each language writes a time: English with the month's short name, which no reader takes
 * for day/month or month/day (`Mar 3, 2027, 09:00`); Chinese in the numeric form its readers use
 * (`2027/03/03 09:00`). Both on a 24-hour clock, as UTC is read.
 */
const TIME_OPTIONS: Record<Locale, Intl.DateTimeFormatOptions> = {
  en: { year: 'numeric', month: 'short', day: 'numeric' },
  'zh-CN': { year: 'numeric', month: '2-digit', day: '2-digit' },
};

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const cache = createIntlCache();
const translators = new Map<Locale, Translator>();

function createTranslator(locale: Locale): Translator {
  const intl: IntlShape = createIntl(
    {
      locale,
      messages: CATALOGS[locale] as Record<string, string>,
      defaultLocale: 'en',
      // A missing key shows the key itself; the catalog test keeps that from shipping.
      onError: () => {},
    },
    cache,
  );
  const dateTime = new Intl.DateTimeFormat(locale, {
    ...TIME_OPTIONS[locale],
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  });
  const dateOnly = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const counts = new Intl.NumberFormat(locale);

  const self: Translator = {
    locale,
    timeZone: TIME_ZONE,
    t: (key, values) => intl.formatMessage({ id: key }, values as Record<string, string>),
    rich: (key, values) => {
      const out = intl.formatMessage({ id: key }, values as never) as unknown;
      return (Array.isArray(out) ? out : [out]) as never;
    },
    time: (d) => {
      if (!d || Number.isNaN(d.getTime())) return '—';
      return self.t('format.utcTime', { time: dateTime.format(d) });
    },
    date: (d) => {
      if (!d) return '—';
      if (typeof d !== 'string' && Number.isNaN(d.getTime())) return '—';
      const iso = typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
      if (!FULL_DATE.test(iso)) return iso;
      return dateOnly.format(new Date(`${iso}T00:00:00Z`));
    },
    timeLeft: (until, now) => {
      const ms = until.getTime() - now.getTime();
      if (ms <= 0) return self.t('format.expired');
      const minutes = Math.floor(ms / 60_000);
      const days = Math.floor(minutes / 1440);
      const hours = Math.floor((minutes % 1440) / 60);
      const mins = minutes % 60;
      if (days > 0) return self.t('format.leftDays', { days, hours });
      if (hours > 0) return self.t('format.leftHours', { hours, minutes: mins });
      return minutes > 0
        ? self.t('format.leftMinutes', { minutes })
        : self.t('format.leftUnderMinute');
    },
    decimal: (value) => (value ? formatDecimalString(locale, value) : '—'),
    money: (amount, currency) => {
      if (!amount) return '—';
      if (!currency) return formatDecimalString(locale, amount);
      return formatMoneyString(locale, amount, currency);
    },
    count: (n) => counts.format(n),
    percent: (ratio, fractionDigits) => formatPercent(locale, ratio, fractionDigits),
    code: (group, value) => {
      if (!value) return '—';
      const key = `code.${group}.${value}`;
      return key in CATALOGS[locale] ? intl.formatMessage({ id: key }) : value.replaceAll('_', ' ');
    },
  };
  return self;
}

export function translatorFor(locale: Locale): Translator {
  let tr = translators.get(locale);
  if (!tr) {
    tr = createTranslator(locale);
    translators.set(locale, tr);
  }
  return tr;
}
