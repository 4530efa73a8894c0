/**
 * What only price lists and catalogs have, declared in ./list-operations.ts: the price of a SKU
 * for a quantity at a moment, CSV import and export, and one product of a catalog. An import
 * answers 201 with its report, or 400 `invalid_csv` with the same report (every rejected row's
 * line, column and reason) when nothing was imported.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../app.ts';
import { notOwner } from '../../catalog/catalog-deps.ts';
import { importPriceList } from '../../catalog/import-price-list.ts';
import { CATALOG, PRICE_LIST } from '../../catalog/list-kinds.ts';
import { priceCsvRows } from '../../catalog/price-csv.ts';
import { lookupPrice } from '../../catalog/price-lookup.ts';
import { priceMoment } from '../../catalog/catalog-schemas.ts';
import { AppError, notFound } from '../../errors.ts';
import { SELF_OWNER } from '../../store/catalog-store.ts';
import type { AdminEnv } from '../admin-env.ts';
import { createOperationRouter } from '../operation.ts';
import { listFinder, listOf } from './list-params.ts';
import * as ops from './list-operations.ts';

/** A CSV body: 100,000 lines take about 5 MB; this leaves room without inviting abuse. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

const csvBody: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'text/csv') {
    return c.json(
      { error: { code: 'unsupported_media_type', message: 'Content-Type must be text/csv' } },
      415,
    );
  }
  return next();
};

const csvLimit = bodyLimit({
  maxSize: MAX_CSV_BYTES,
  onError: (c) =>
    c.json(
      {
        error: {
          code: 'payload_too_large',
          message: `the body is larger than ${MAX_CSV_BYTES} bytes`,
        },
      },
      413,
    ),
});

export function createPriceRoutes(deps: AppDeps) {
  const app = createOperationRouter();
  const priceList = listFinder(deps.store, PRICE_LIST);

  app.openapi(ops.getPrice, async (c) => {
    const query = c.req.valid('query');
    const list = await priceList(c.req.valid('param'), query);
    const at = priceMoment(query.at, c.var.deps.clock.now());
    const quote = await lookupPrice(c.var.deps.store, list, {
      sku: query.sku,
      qty: query.qty ?? '1',
      at,
    });
    return c.json(quote, 200);
  });

  app.openapi(
    {
      ...ops.importPriceList,
      middleware: [...ops.importPriceList.middleware, csvBody, csvLimit],
    },
    async (c) => {
      const { owner, skipBadRows, ...options } = c.req.valid('query');
      const list = await priceList(c.req.valid('param'), { owner });
      // Refused before the file is read: a copy of a partner's list is never imported into.
      if (list.ownerPartnerId !== SELF_OWNER) throw notOwner(PRICE_LIST, list);
      const report = await importPriceList(c.var.deps, list.id, await c.req.text(), {
        skipBadRows: skipBadRows === 'true',
        ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
      });
      if (!report.ok) {
        const message = report.fileError
          ? `line ${report.fileError.line}: ${report.fileError.reason}`
          : `${report.rejectedCount} rows rejected; nothing imported (skipBadRows=true imports the others)`;
        return c.json({ error: { code: 'invalid_csv' as const, message }, report }, 400);
      }
      c.var.deps.log.info(
        { category: 'catalog', list: list.listId, version: report.version, lines: report.imported },
        'price list imported',
      );
      return c.json(report, 201);
    },
  );

  app.openapi(ops.exportPriceList, async (c) => {
    const query = c.req.valid('query');
    const list = await priceList(c.req.valid('param'), query);
    const { version, lines } = await c.var.deps.store.read(async (tx) => {
      const version =
        query.version === undefined
          ? await tx.catalog.latestApplied(list.id)
          : await tx.catalog.getVersion(list.id, query.version);
      const lines = version?.status === 'applied' ? await tx.catalog.readLines(version.id) : [];
      return { version, lines };
    });
    if (!version || version.status !== 'applied') throw notFound('applied version');
    const name = `${list.listId.replace(/[^\w.-]/g, '_')}-v${version.version}.csv`;
    return c.body([...priceCsvRows(lines)].join(''), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
    });
  });

  app.openapi(ops.getProduct, async (c) => {
    const { ref, sku } = c.req.valid('param');
    const list = await listOf(c.var.deps.store, CATALOG, {
      ref,
      owner: c.req.valid('query').owner,
    });
    if (list.withdrawnAt !== null) {
      throw new AppError(409, 'withdrawn', 'the owner stopped sharing this catalog');
    }
    const found = await c.var.deps.store.read(async (tx) => {
      const version = await tx.catalog.latestApplied(list.id);
      const [line] = version ? await tx.catalog.linesForSku(version.id, sku) : [];
      return version && line ? { version: version.version, line } : null;
    });
    if (!found) throw notFound(`product ${sku}`);
    return c.json(
      { version: found.version, product: JSON.parse(found.line.line) as Record<string, string> },
      200,
    );
  });

  return app;
}
