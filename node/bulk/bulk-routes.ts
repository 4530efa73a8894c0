/**
 * Bulk import in the admin API, declared in ./bulk-operations.ts: `POST /api/leads/import`,
 * `POST /api/invitations/import` and `POST /api/catalogs/{ref}/products/import` (CSV or JSON, a
 * row-level report, all or nothing unless skipBadRows=true).
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { RouteConfig } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import type { AdminEnv } from '../admin/admin-env.ts';
import { createOperationRouter } from '../admin/operation.ts';
import { notFound } from '../errors.ts';
import * as ops from './bulk-operations.ts';
import { MAX_IMPORT_BYTES } from './bulk-operations.ts';
import { importInvitations } from './import-invitations.ts';
import { importLeads } from './import-leads.ts';
import { importProducts } from './import-products.ts';
import { CATALOG } from '../catalog/list-kinds.ts';
import { listOf } from '../admin/catalog/list-params.ts';

export { MAX_IMPORT_BYTES };

type Importer = (
  deps: AppDeps,
  text: string,
  options: { format: 'csv' | 'json'; skipBadRows: boolean },
  c: Context<AdminEnv>,
) => Promise<{ ok: boolean; imported: number; rejectedCount: number; fileError: string | null }>;

/** The operation, what it imports (for the log), the importer. */
const IMPORTERS: Array<[RouteConfig, string, Importer]> = [
  [ops.importLeads, 'leads', importLeads],
  [ops.importInvitations, 'invitations', importInvitations],
  [
    ops.importProducts,
    'products',
    async (deps, text, options, c) => {
      const replace = c.req.query('replace') === 'true';
      const ref = c.req.param('ref') ?? '';
      if (ref === '' || ref.length > 200) throw notFound(CATALOG.label);
      const list = await listOf(deps.store, CATALOG, { ref, owner: c.req.query('owner') });
      return importProducts(deps, list, text, { ...options, replace });
    },
  ],
];

const importLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: (c) =>
    c.json(
      { error: { code: 'payload_too_large', message: `at most ${MAX_IMPORT_BYTES} bytes` } },
      413,
    ),
});

export function createBulkRoutes(deps: AppDeps) {
  const app = createOperationRouter();
  for (const [route, what, run] of IMPORTERS) {
    // The body is in the document, not validated here: the importer reads the file itself.
    const { body: _documented, ...request } = route.request ?? {};
    const served = {
      ...route,
      request,
      middleware: [...[route.middleware ?? []].flat(), importLimit],
    };
    app.openapi(served, async (c) => {
      // The query is validated by the declaration (true or false, nothing unknown).
      const skipBadRows = c.req.query('skipBadRows') === 'true';
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
      const report = await run(c.var.deps, await c.req.text(), { format, skipBadRows }, c);
      if (!report.ok) {
        const message =
          report.fileError ??
          `${report.rejectedCount} rows rejected; nothing imported (skipBadRows=true imports the others)`;
        return c.json({ error: { code: 'invalid_import', message }, report }, 400);
      }
      c.var.deps.log.info({ category: 'bulk', imported: report.imported }, `${what} imported`);
      return c.json({ report }, 201);
    });
  }
  return app;
}
