/** Bulk import in the admin API: `POST /api/leads/import` (CSV or JSON, a row-level report). */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../app.ts';
import type { AdminEnv } from '../admin/admin-env.ts';
import { invalidField, queryValue, rejectUnknownQuery } from '../admin/fields.ts';
import { importLeads } from './import-leads.ts';

export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

export function createBulkRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post(
    '/leads/import',
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: (c) =>
        c.json(
          { error: { code: 'payload_too_large', message: `at most ${MAX_IMPORT_BYTES} bytes` } },
          413,
        ),
    }),
    async (c) => {
      rejectUnknownQuery(c, ['skipBadRows']);
      const skip = queryValue(c, 'skipBadRows');
      if (skip !== undefined && skip !== 'true' && skip !== 'false') {
        throw invalidField('skipBadRows', 'skipBadRows must be true or false');
      }
      const type = c.req.header('content-type') ?? '';
      const format = type.startsWith('text/csv')
        ? 'csv'
        : type.startsWith('application/json')
          ? 'json'
          : null;
      if (!format) {
        return c.json(
          {
            error: {
              code: 'unsupported_media_type',
              message: 'send text/csv or application/json',
            },
          },
          415,
        );
      }
      const report = await importLeads(deps, await c.req.text(), {
        format,
        skipBadRows: skip === 'true',
      });
      if (!report.ok) {
        const message =
          report.fileError ??
          `${report.rejectedCount} rows rejected; nothing imported (skipBadRows=true imports the others)`;
        return c.json({ error: { code: 'invalid_import', message }, report }, 400);
      }
      deps.log.info({ category: 'bulk', imported: report.imported }, 'leads imported');
      return c.json({ report }, 201);
    },
  );
  return app;
}
