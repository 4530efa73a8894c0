/**
 * The language of the request being answered, for every page the node serves to people (the
 * partner portal now, the staff console later). One middleware, `requestLanguage()`, mounted
 * first on a router, makes the request's context reachable from anywhere while it is answered
 * (Hono's context storage); the guard that signs a person in then records their saved setting
 * with `setSavedLanguage()`. Pages, components, form checks and error pages all call the same
 * `t()` (or `useTranslator()` for formats), which reads: saved setting, else the language cookie,
 * else `Accept-Language`, else the node's `defaultLanguage`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { contextStorage, tryGetContext } from 'hono/context-storage';
import type { Locale, MessageKey } from './locales.ts';
import { chooseLocale } from './negotiate.ts';
import { translatorFor, type MessageValues, type Translator } from './translator.ts';

/** Set by the language switch for people who are not signed in (and for them as well). */
export const LANGUAGE_COOKIE = 'ps_lang';

export interface LanguageVariables {
  /** The node's `defaultLanguage`. */
  defaultLanguage: Locale;
  /** The signed-in person's saved language, when they chose one. */
  savedLanguage: string | null;
}

/** Mounted before any page of a router: the request's context and the node's default language. */
export function requestLanguage(defaultLanguage: Locale): MiddlewareHandler {
  const storage = contextStorage();
  return async function requestLanguageMiddleware(c, next) {
    c.set('defaultLanguage', defaultLanguage);
    await storage(c, next);
  };
}

/** Called by a sign-in guard once it knows who is asking. */
export function setSavedLanguage(c: Context, language: string | null | undefined): void {
  c.set('savedLanguage', language ?? null);
}

/** The language a request is answered in. */
export function localeOf(c: Context): Locale {
  return chooseLocale({
    saved: c.get('savedLanguage') as string | null | undefined,
    cookie: getCookie(c, LANGUAGE_COOKIE),
    acceptLanguage: c.req.header('accept-language'),
    fallback: (c.get('defaultLanguage') as Locale | undefined) ?? 'en',
  });
}

/** The translator of the request being answered (English outside of one, as in a job). */
export function useTranslator(): Translator {
  const c = tryGetContext();
  return translatorFor(c ? localeOf(c) : 'en');
}

/** A catalog message in the language of the request being answered. */
export function t(key: MessageKey, values?: MessageValues): string {
  return useTranslator().t(key, values);
}

/**
 * A catalog message whose values include elements (a `<Time>`, a link), in the language of the
 * request being answered: a list for JSX, each value kept as the element it is.
 */
export function rich<T = unknown>(
  key: MessageKey,
  values: Record<string, unknown>,
): Array<string | T> {
  return useTranslator().rich<T>(key, values);
}
