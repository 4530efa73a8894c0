/**
 * How times, amounts and codes read on the portal's pages: in the language of the request being
 * answered (node/i18n/request-language.ts), so a page needs no translator of its own to format.
 */
import { useTranslator } from '../../i18n/index.ts';

/** A time or a calendar day inside `<time datetime>`: what pages show wherever one appears. */
export { Day, Time } from '../../i18n/time-element.tsx';

/** `Jan 31, 2027, 17:00 UTC` (`2027/01/31 17:00（UTC）` in Chinese), as text (a title, an e-mail). */
export const formatTime = (d: Date | null | undefined): string => useTranslator().time(d);

/** A date, from a time or a full-date string. */
export const formatDate = (d: Date | string | null | undefined): string => useTranslator().date(d);

/** What is left until `until`, in the two largest units: "2 days 3 hours", "45 minutes". */
export const timeLeft = (until: Date, now: Date): string => useTranslator().timeLeft(until, now);

/** The groups of codes a page may show in words, looked up in this order. */
const CODE_GROUPS = ['status', 'reason', 'priority', 'category', 'activity', 'notification'];

/** A stable code in words: `not_interested` → `not interested` (不感兴趣 in Chinese). */
export const words = (code: string | null | undefined): string => {
  if (!code) return '';
  const tr = useTranslator();
  for (const group of CODE_GROUPS) {
    const text = tr.code(group, code);
    if (text !== code.replaceAll('_', ' ')) return text;
  }
  return tr.code('status', code);
};

/** An exact amount in its currency, never rounded; `—` without one. */
export const money = (amount: string | null | undefined, currency: string | null | undefined) =>
  useTranslator().money(amount, currency);

/** An exact decimal (quantity, price) with the language's signs, never rounded. */
export const decimal = (value: string | null | undefined): string => useTranslator().decimal(value);
