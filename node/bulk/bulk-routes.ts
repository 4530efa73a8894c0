/**
 * Bulk import in the admin API: `POST /api/leads/import` and `POST /api/invitations/import`
 * (CSV or JSON, a row-level report, all or nothing unless skipBadRows=true).
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../app.ts';
import type { AdminEnv } from '../admin/admin-env.ts';
import { invalidField, queryValue, rejectUnknownQuery } from '../admin/fields.ts';
import { importInvitations } from './import-invitations.ts';
import { importLeads } from './import-leads.ts';

type Importer = (
  deps: AppDeps,
  text: string,
  options: { format: 'csv' | 'json'; skipBadRows: boolean },
) => Promise<{ ok: boolean; imported: number; rejectedCount: number; fileError: string | null }>;

const IMPORTERS: Array<[string, string, Importer]> = [
  ['/leads/import', 'leads', importLeads],
  ['/invitations/import', 'invitations', importInvitations],
];

export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

export function createBulkRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  for (const [path, what, run] of IMPORTERS) {
    app.post(
      path,
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
        const report = await run(deps, await c.req.text(), {
          format,
          skipBadRows: skip === 'true',
        });
        if (!report.ok) {
          const message =
            report.fileError ??
            `${report.rejectedCount} rows rejected; nothing imported (skipBadRows=true imports the others)`;
          return c.json({ error: { code: 'invalid_import', message }, report }, 400);
        }
        deps.log.info({ category: 'bulk', imported: report.imported }, `${what} imported`);
        return c.json({ report }, 201);
      },
    );
  }
  return app;
}
