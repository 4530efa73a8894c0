/** One product of a catalog as it stands now: the latest applied version's line for a SKU. */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { CATALOG } from '../../catalog/list-kinds.ts';
import { AppError, notFound } from '../../errors.ts';
import type { AdminEnv } from '../admin-env.ts';
import { rejectUnknownQuery } from '../fields.ts';
import { listOf } from './list-params.ts';

export function createProductRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/catalogs/:ref/products/:sku', async (c) => {
    rejectUnknownQuery(c, ['owner']);
    const list = await listOf(deps.store, CATALOG, c);
    if (list.withdrawnAt !== null) {
      throw new AppError(409, 'withdrawn', 'the owner stopped sharing this catalog');
    }
    const sku = c.req.param('sku');
    const found = await deps.store.read(async (tx) => {
      const version = await tx.catalog.latestApplied(list.id);
      const [line] = version ? await tx.catalog.linesForSku(version.id, sku) : [];
      return version && line ? { version: version.version, line } : null;
    });
    if (!found) throw notFound(`product ${sku}`);
    return c.json({ version: found.version, product: JSON.parse(found.line.line) as unknown });
  });
  return app;
}
