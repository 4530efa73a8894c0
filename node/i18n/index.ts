export {
  CATALOGS,
  isLocale,
  LOCALE_NAMES,
  LOCALES,
  type Locale,
  type MessageKey,
} from './locales.ts';
export { chooseLocale, fromAcceptLanguage } from './negotiate.ts';
export { translatorFor, type MessageValues, type Translator } from './translator.ts';
export {
  LANGUAGE_COOKIE,
  localeOf,
  requestLanguage,
  rich,
  setSavedLanguage,
  t,
  useTranslator,
  type LanguageVariables,
} from './request-language.ts';
