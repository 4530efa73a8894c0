/**
 * Times and dates on pages, inside `<time datetime>`: people read the language's format and the
 * zone (node/i18n/translator.ts), while tests and scripts read the exact instant or calendar day
 * from the attribute. Use these where a page shows a time; inside a sentence, pass the element
 * as a message value through `rich()`.
 */
import type { FC } from 'hono/jsx';
import { useTranslator } from './request-language.ts';

const FULL_DATE = /^\d{4}-\d{2}-\d{2}/;

function instant(at: Date | string | null | undefined): Date | null {
  if (!at) return null;
  const d = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An instant: `<time datetime="2027-03-03T09:00:00.000Z">Mar 3, 2027, 09:00 UTC</time>`. */
export const Time: FC<{ at: Date | string | null | undefined }> = ({ at }) => {
  const d = instant(at);
  const tr = useTranslator();
  return d ? <time datetime={d.toISOString()}>{tr.time(d)}</time> : <>{tr.time(null)}</>;
};

/** A calendar day: `<time datetime="2027-07-31">July 31, 2027</time>`, never shifted by zone. */
export const Day: FC<{ day: Date | string | null | undefined }> = ({ day }) => {
  const tr = useTranslator();
  const iso =
    typeof day === 'string'
      ? FULL_DATE.test(day)
        ? day.slice(0, 10)
        : null
      : (instant(day)?.toISOString().slice(0, 10) ?? null);
  return iso ? <time datetime={iso}>{tr.date(iso)}</time> : <>{tr.date(day)}</>;
};
