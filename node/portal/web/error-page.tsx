/** A page that says what went wrong, in words safe to show (never internal error text). */
import type { Context } from 'hono';
import type { MessageKey } from '../../i18n/index.ts';
import { AppError } from '../../errors.ts';
import { CATALOGS } from '../../i18n/locales.ts';
import { Layout, pageCtx, sendPage, href } from './layout.tsx';

const TITLED = new Set([400, 403, 404, 409, 410, 413, 415, 429, 500]);

/**
 * `message` is already in the request's language (a `t()` result); `code`, when given, is a
 * stable name for the refusal, shown for support and for scripts.
 */
export function errorPage(
  c: Context,
  status: number,
  message: string,
  code?: string,
): Promise<Response> {
  const ctx = pageCtx(c, new Date());
  const { t } = ctx.tr;
  // A refusal with a stable code reads the catalog's words for it on pages not in English (the
  // English words are the caller's own, which the English pages have always shown).
  const refusal = `refusal.${code}`;
  if (code && ctx.tr.locale !== 'en' && refusal in CATALOGS[ctx.tr.locale])
    message = t(refusal as MessageKey);
  const title = t(`error.title.${TITLED.has(status) ? status : 500}` as MessageKey);
  return sendPage(
    c,
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      {code && (
        <p class="error-code">
          {ctx.tr.rich('error.code', { code, c: (chunks: unknown) => <code>{chunks}</code> })}
        </p>
      )}
      <p>
        <a href={href(ctx, ctx.viewer ? '/home' : '/sign-in')}>
          {ctx.viewer ? t('error.backHome') : t('error.goSignIn')}
        </a>
      </p>
    </Layout>,
    status,
  );
}

/**
 * The words for a refusal, by its stable code: the catalog's `refusal.<code>` when it has one;
 * otherwise the error's own (English) message on English pages, and the page title's general
 * words elsewhere, with the code shown for support.
 */
export function refusalMessage(c: Context, error: AppError): string {
  const ctx = pageCtx(c, new Date());
  const key = `refusal.${error.code}`;
  if (key in CATALOGS[ctx.tr.locale]) return ctx.tr.t(key as MessageKey);
  return ctx.tr.locale === 'en' ? error.message : ctx.tr.t('error.refused');
}
