/**
 * What only price lists have: the price of a SKU for a quantity at a moment, and CSV import and
 * export. An import answers 201 with its report, or 400 `invalid_csv` with the same report
 * (every rejected row's line, column and reason) when nothing was imported.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../app.ts';
import { importPriceList } from '../../catalog/import-price-list.ts';
import { PRICE_LIST } from '../../catalog/list-kinds.ts';
import { priceCsvRows } from '../../catalog/price-csv.ts';
import { lookupPrice } from '../../catalog/price-lookup.ts';
import { notOwner } from '../../catalog/catalog-deps.ts';
import { parseValidity } from '../../catalog/validity.ts';
import { isDecimalString } from '../../records/decimal-string.ts';
import { badRequest, notFound } from '../../errors.ts';
import { SELF_OWNER } from '../../store/catalog-store.ts';
import type { AdminEnv } from '../admin-env.ts';
import { invalidField, queryValue, rejectUnknownQuery } from '../fields.ts';
import { listOf, queryBoolean, queryPositiveInt } from './list-params.ts';

/** A CSV body: 100,000 lines take about 5 MB; this leaves room without inviting abuse. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

export function createPriceRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const spec = PRICE_LIST;

  app.get('/price-lists/:ref/price', async (c) => {
    rejectUnknownQuery(c, ['owner', 'sku', 'qty', 'at']);
    const list = await listOf(deps.store, spec, c);
    const sku = queryValue(c, 'sku');
    if (sku === undefined || sku === '' || sku.length > 64) {
      throw invalidField('sku', 'sku is required');
    }
    const qty = queryValue(c, 'qty') ?? '1';
    if (!isDecimalString(qty)) {
      throw invalidField('qty', 'qty must be a non-negative decimal such as 10');
    }
    return c.json(await lookupPrice(deps.store, list, { sku, qty, at: atOf(c, deps.clock.now()) }));
  });

  app.post(
    '/price-lists/:ref/import',
    async function csvBody(c, next) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'text/csv') {
        return c.json(
          { error: { code: 'unsupported_media_type', message: 'Content-Type must be text/csv' } },
          415,
        );
      }
      return next();
    },
    bodyLimit({
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
    }),
    async (c) => {
      rejectUnknownQuery(c, [
        'owner',
        'version',
        'name',
        'currency',
        'validFrom',
        'validTo',
        'skipBadRows',
      ]);
      const list = await listOf(deps.store, spec, c);
      // Refused before the file is read: a copy of a partner's list is never imported into.
      if (list.ownerPartnerId !== SELF_OWNER) throw notOwner(spec, list);
      const options = importOptions(c);
      const report = await importPriceList(deps, list.id, await c.req.text(), options);
      if (!report.ok) {
        return c.json(
          {
            error: {
              code: 'invalid_csv',
              message: report.fileError
                ? `line ${report.fileError.line}: ${report.fileError.reason}`
                : `${report.rejectedCount} rows rejected; nothing imported (skipBadRows=true imports the others)`,
            },
            report,
          },
          400,
        );
      }
      deps.log.info(
        { category: 'catalog', list: list.listId, version: report.version, lines: report.imported },
        'price list imported',
      );
      return c.json(report, 201);
    },
  );

  app.get('/price-lists/:ref/export', async (c) => {
    rejectUnknownQuery(c, ['owner', 'version']);
    const list = await listOf(deps.store, spec, c);
    const number = queryPositiveInt(c, 'version');
    const { version, lines } = await deps.store.read(async (tx) => {
      const version =
        number === undefined
          ? await tx.catalog.latestApplied(list.id)
          : await tx.catalog.getVersion(list.id, number);
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

  return app;
}

function atOf(c: Context, now: Date): Date {
  const at = queryValue(c, 'at');
  if (at === undefined) return now;
  const parsed = parseValidity(at, null);
  if (!parsed.ok) throw invalidField('at', 'at must be a date or a UTC time');
  return new Date(parsed.validity.validFromMs);
}

function importOptions(c: Context) {
  const version = queryPositiveInt(c, 'version');
  const name = queryValue(c, 'name');
  const currency = queryValue(c, 'currency');
  const validFrom = queryValue(c, 'validFrom');
  const validTo = queryValue(c, 'validTo');
  if (name !== undefined && (name === '' || name.length > 200)) {
    throw invalidField('name', 'name must be 1 to 200 characters');
  }
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
    throw badRequest('invalid_field', 'currency must be an ISO 4217 code', 'currency');
  }
  return {
    skipBadRows: queryBoolean(c, 'skipBadRows') ?? false,
    ...(version !== undefined && { version }),
    ...(name !== undefined && { name }),
    ...(currency !== undefined && { currency }),
    ...(validFrom !== undefined && { validFrom }),
    ...(validTo !== undefined && { validTo }),
  };
}
