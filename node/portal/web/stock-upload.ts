/**
 * Reads the stock report form: `multipart/form-data` (it may carry a CSV file), capped as a whole
 * at the CSV's own cap plus room for the text fields. Text fields and the file's text go to
 * `c.var.form` (the file as `csvFile`), so the CSRF check and the form checks work as for every
 * other form; the CSV parser caps the file again and reads it.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_STOCK_CSV_BYTES } from '../../inventory/stock-csv.ts';
import { t } from '../../i18n/index.ts';
import { errorPage } from './error-page.tsx';
import { formMediaType, readFormParts } from './form-parts.ts';
import type { PortalEnv } from './portal-env.ts';

export const MAX_STOCK_UPLOAD_BYTES = MAX_STOCK_CSV_BYTES + 64 * 1024;
const MAX_FIELDS = 20;
const FILE_FIELD = 'csvFile';

export function stockUploadBody(): MiddlewareHandler<PortalEnv> {
  const limit = bodyLimit({
    maxSize: MAX_STOCK_UPLOAD_BYTES,
    onError: (c) =>
      errorPage(
        c,
        413,
        `The file is too large: at most ${MAX_STOCK_CSV_BYTES / 1024} KiB.`,
        'form_too_large',
      ),
  });
  return async function stockUploadMiddleware(c, next) {
    const type = formMediaType(c);
    if (type !== 'multipart/form-data' && type !== 'application/x-www-form-urlencoded') {
      return errorPage(c, 415, t('error.wrongMediaType'));
    }
    return limit(c, async () => {
      const read = await readFormParts(c, {
        maxFields: MAX_FIELDS,
        maxFiles: 1,
        maxFileBytes: MAX_STOCK_CSV_BYTES,
        maxBytes: MAX_STOCK_UPLOAD_BYTES,
      });
      if (!read.ok) {
        c.res = await errorPage(c, read.status, read.message, read.code);
        return;
      }
      const entries = read.parts;
      // One value per field: a repeated one is not what the page sends.
      if (new Set(entries.map(([key]) => key)).size !== entries.length) {
        c.res = await errorPage(c, 400, 'The form could not be read.', 'form_unreadable');
        return;
      }
      const form: Record<string, string> = {};
      for (const [key, value] of entries) {
        if (typeof value === 'string') form[key] = value;
        // A file field left empty arrives as a nameless empty part.
        else if (key === FILE_FIELD && value.size > 0) form[key] = await value.text();
      }
      c.set('form', form);
      await next();
    });
  };
}
