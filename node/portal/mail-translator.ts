/**
 * The translator a mail to a person is written with: in their saved language, else the node's
 * default. The translator's code (@formatjs and every language's catalog) is loaded when a first
 * mail is composed, not when the mail jobs start: a node whose jobs find nothing to send never
 * loads it.
 */
import type { Translator } from '../i18n/index.ts';
import type { Locale } from '../i18n/locales.ts';
import { once } from '../load-once.ts';

const loadI18n = once(() =>
  Promise.all([import('../i18n/translator.ts'), import('./notifications.ts')]),
);

export async function mailTranslator(
  user: { language: string | null },
  defaultLanguage: Locale,
): Promise<Translator> {
  const [{ translatorFor }, { mailLocale }] = await loadI18n();
  return translatorFor(mailLocale(user, defaultLanguage));
}
