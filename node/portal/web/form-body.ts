/**
 * Reads a submitted form: only `application/x-www-form-urlencoded` (what the pages send), at most
 * 64 KiB, one value per field. The result is left in `c.var.form`.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { PortalEnv } from './portal-env.ts';
import { t } from '../../i18n/index.ts';
import { errorPage } from './error-page.tsx';
import { formMediaType, normalizeLineEnds } from './form-parts.ts';

export const MAX_FORM_BYTES = 64 * 1024;
const MAX_FIELDS = 100;

export function formBody(): MiddlewareHandler<PortalEnv> {
  const limit = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: (c) => errorPage(c, 413, 'The form is too large.', 'form_too_large'),
  });
  return async function formBodyMiddleware(c, next) {
    if (formMediaType(c) !== 'application/x-www-form-urlencoded') {
      return errorPage(c, 415, t('error.wrongMediaType'));
    }
    return limit(c, async () => {
      const params = new URLSearchParams(await c.req.text());
      const form: Record<string, string> = {};
      let count = 0;
      for (const [key, value] of params) {
        if (++count > MAX_FIELDS) {
          c.res = await errorPage(
            c,
            413,
            'The form has more fields than this page sends.',
            'form_too_many_parts',
          );
          return;
        }
        if (Object.hasOwn(form, key)) {
          c.res = await errorPage(c, 400, 'The form could not be read.', 'form_unreadable');
          return;
        }
        form[key] = normalizeLineEnds(value);
      }
      c.set('form', form);
      await next();
    });
  };
}
