/** The portal's form reader for the console's routers (the same `form` variable), and its CSRF check. */
import type { MiddlewareHandler } from 'hono';
import { t } from '../../i18n/index.ts';
import { sameSecret } from '../../portal/tokens.ts';
import { errorPage } from '../../portal/web/error-page.tsx';
import { formBody } from '../../portal/web/form-body.ts';
import type { ConsoleEnv } from './console-env.ts';

export const consoleFormBody = (): MiddlewareHandler<ConsoleEnv> =>
  formBody() as unknown as MiddlewareHandler<ConsoleEnv>;

/** A console form carries the session's CSRF token; without it nothing is done. */
export function csrfCheck(): MiddlewareHandler<ConsoleEnv> {
  return async function consoleCsrfMiddleware(c, next) {
    if (!sameSecret(c.var.form._csrf, c.var.staffViewer.session.csrfToken)) {
      return errorPage(c, 403, t('console.csrf'));
    }
    await next();
  };
}
