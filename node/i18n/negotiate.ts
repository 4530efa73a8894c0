/**
 * Which language a person gets: their saved setting, else the language switch's cookie, else the
 * best match of the browser's `Accept-Language`, else the node's `defaultLanguage`.
 */
import { isLocale, LOCALES, type Locale } from './locales.ts';

/** At most this many ranges of a header are looked at; the rest is ignored (bounded input). */
const MAX_RANGES = 20;

/**
 * The supported language an `Accept-Language` header prefers, or null. `zh`, `zh-CN`, `zh-Hans`,
 * `zh-SG` read Simplified Chinese; `zh-TW`, `zh-HK` and `zh-Hant` do not (they read Traditional
 * characters), so they fall through to the next range.
 */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranges = header
    .slice(0, 1000)
    .split(',')
    .slice(0, MAX_RANGES)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag !== '' && r.weight > 0)
    // Stable: equal weights keep the header's order.
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranges) {
    const match = matchTag(tag);
    if (match) return match;
  }
  return null;
}

function matchTag(tag: string): Locale | null {
  const [language, ...rest] = tag.split('-');
  if (language === 'en') return 'en';
  if (language === 'zh') {
    const traditional = rest.some((s) => ['tw', 'hk', 'mo', 'hant'].includes(s));
    return traditional && !rest.includes('hans') ? null : 'zh-CN';
  }
  if (tag === '*') return null;
  return null;
}

export interface LanguageSources {
  /** The person's saved setting (portal user, staff user). */
  saved?: string | null | undefined;
  /** The language switch's cookie, for people not signed in. */
  cookie?: string | null | undefined;
  acceptLanguage?: string | null | undefined;
  /** The node's `defaultLanguage` setting. */
  fallback: Locale;
}

export function chooseLocale(s: LanguageSources): Locale {
  if (isLocale(s.saved)) return s.saved;
  if (isLocale(s.cookie)) return s.cookie;
  return fromAcceptLanguage(s.acceptLanguage) ?? s.fallback;
}

export { LOCALES };
