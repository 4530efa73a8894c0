/**
 * The languages people can read the node's pages and e-mails in, and their message catalogs. The
 * catalogs are flat JSON (`area.thing` keys → ICU MessageFormat strings) so that translators can
 * work on one file per language; a test checks both have the same keys and that every key the
 * code uses exists.
 */
import en from './locales/en.json' with { type: 'json' };
import zhCN from './locales/zh-CN.json' with { type: 'json' };

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** A key of the catalogs; English is the reference, zh-CN must have the same keys. */
export type MessageKey = keyof typeof en;

export const CATALOGS: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en,
  'zh-CN': zhCN,
};

/** Each language named in itself, as the language switch shows it. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  'zh-CN': '简体中文',
};

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
