/**
 * One language's texts and formats: `t(key, values)` renders a catalog message (ICU
 * MessageFormat, through @formatjs/intl), and the format helpers write times, dates, amounts,
 * money and quantities as that language does. One translator per language, built on first use
 * and shared (it holds no per-request state).
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { formatDecimalString, formatMoneyString, type DecimalStyle } from './decimal-format.ts';
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
  /** `2027-01-31 17:00 UTC` / `2027/01/31 17:00 UTC`: the portal shows one time zone, and says so. */
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
  /** A stable code shown to people (`not_interested`) in words, from `code.<group>.<value>`. */
  code(group: string, value: string | null | undefined): string;
}

/** How each language writes numbers: English keeps the plain `3000.00 EUR` its pages always had. */
const STYLES: Record<Locale, DecimalStyle & { intlMoney: boolean; intlDates: boolean }> = {
  en: { grouping: false, intlMoney: false, intlDates: false },
  'zh-CN': { grouping: true, intlMoney: true, intlDates: true },
};

const cache = createIntlCache();
const translators = new Map<Locale, Translator>();

function isoTime(d: Date): string {
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

function createTranslator(locale: Locale): Translator {
  const style = STYLES[locale];
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
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  });
  const dateOnly = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const counts = new Intl.NumberFormat(locale, { useGrouping: style.grouping });

  const self: Translator = {
    locale,
    t: (key, values) => intl.formatMessage({ id: key }, values as Record<string, string>),
    rich: (key, values) => {
      const out = intl.formatMessage({ id: key }, values as never) as unknown;
      return (Array.isArray(out) ? out : [out]) as never;
    },
    time: (d) => {
      if (!d) return '—';
      const text = style.intlDates ? dateTime.format(d) : isoTime(d);
      return self.t('format.utcTime', { time: text });
    },
    date: (d) => {
      if (!d) return '—';
      const iso = typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
      if (!style.intlDates || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
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
    decimal: (value) => (value ? formatDecimalString(locale, value, style) : '—'),
    money: (amount, currency) => {
      if (!amount) return '—';
      if (!currency) return formatDecimalString(locale, amount, style);
      if (!style.intlMoney) return `${formatDecimalString(locale, amount, style)} ${currency}`;
      return formatMoneyString(locale, amount, currency, style);
    },
    count: (n) => counts.format(n),
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
