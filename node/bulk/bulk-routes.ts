/**
 * Bulk import in the admin API: `POST /api/leads/import`, `POST /api/invitations/import` and
 * `POST /api/catalogs/{ref}/products/import` (CSV or JSON, a row-level report, all or nothing
 * unless skipBadRows=true).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../app.ts';
import type { AdminEnv } from '../admin/admin-env.ts';
import { invalidField, queryValue, rejectUnknownQuery } from '../admin/fields.ts';
import { notFound } from '../errors.ts';
import { importInvitations } from './import-invitations.ts';
import { importLeads } from './import-leads.ts';
import { importProducts } from './import-products.ts';
import { CATALOG } from '../catalog/list-kinds.ts';
import { listOf } from '../admin/catalog/list-params.ts';

type Importer = (
  deps: AppDeps,
  text: string,
  options: { format: 'csv' | 'json'; skipBadRows: boolean },
  c: Context<AdminEnv>,
) => Promise<{ ok: boolean; imported: number; rejectedCount: number; fileError: string | null }>;

/** Path, what it imports (for the log), its own query parameters, the importer. */
const IMPORTERS: Array<[string, string, string[], Importer]> = [
  ['/leads/import', 'leads', [], importLeads],
  ['/invitations/import', 'invitations', [], importInvitations],
  [
    '/catalogs/:ref/products/import',
    'products',
    ['owner', 'replace'],
    async (deps, text, options, c) => {
      const replace = booleanQuery(c, 'replace');
      const ref = c.req.param('ref') ?? '';
      if (ref === '' || ref.length > 200) throw notFound(CATALOG.label);
      const list = await listOf(deps.store, CATALOG, { ref, owner: queryValue(c, 'owner') });
      return importProducts(deps, list, text, { ...options, replace });
    },
  ],
];

function booleanQuery(c: Context, name: string): boolean {
  const value = queryValue(c, name);
  if (value !== undefined && value !== 'true' && value !== 'false') {
    throw invalidField(name, `${name} must be true or false`);
  }
  return value === 'true';
}

export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

export function createBulkRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  for (const [path, what, query, run] of IMPORTERS) {
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
        rejectUnknownQuery(c, ['skipBadRows', ...query]);
        const skipBadRows = booleanQuery(c, 'skipBadRows');
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
        const report = await run(deps, await c.req.text(), { format, skipBadRows }, c);
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
