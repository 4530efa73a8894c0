/** The price list and catalog admin API in the OpenAPI document: its paths and record schemas. */
import { CATALOG, PRICE_LIST, type ListKindSpec } from '../../catalog/list-kinds.ts';
import { CSV_COLUMNS } from '../../catalog/price-csv.ts';
import { json, ok, operation, response } from '../openapi-builders.ts';
import { ref } from '../openapi-components.ts';
import type { PathItemObject, SchemaObject } from '../openapi-types.ts';
import {
  CATALOG_SCHEMAS as schemas,
  dateOrTime,
  decimal,
  listRef,
  NOT_OWNER,
  object,
  ownerQuery,
  query,
  sku,
  stringOrNull,
} from './openapi-schemas.ts';

export function listPaths(
  spec: ListKindSpec,
  prefix: string,
  tag: string,
): Record<string, PathItemObject> {
  const id = { pricelist: 'PriceList', catalog: 'Catalog', accounting: 'AccountingData' }[
    spec.kind
  ];
  const line = { pricelist: 'PriceLine', catalog: 'Product', accounting: 'AccountingEntry' }[
    spec.kind
  ];
  const forbidden = { '403': NOT_OWNER };
  const detail = object({
    ...(schemas.ListSummary!.properties ?? {}),
    versions: { type: 'array', items: ref('ListVersion') },
    shares: { type: 'array', items: ref('ListShare') },
  });
  const newVersion: SchemaObject = {
    type: 'object',
    properties: {
      [spec.linesField]: { type: 'array', items: ref(line), maxItems: 5000 },
      version: { type: 'integer', minimum: 1, description: 'Default: the latest plus one.' },
      baseVersion: { type: 'integer', description: 'Start from this version’s lines.' },
      removed: { type: 'array', items: sku, description: 'With baseVersion: SKUs dropped.' },
      name: { type: 'string' },
      ...(spec.priced && {
        currency: { type: 'string' },
        validFrom: dateOrTime,
        validTo: dateOrTime,
      }),
    },
    additionalProperties: false,
  };
  return {
    [prefix]: {
      get: operation(`list${id}s`, {
        summary: `${spec.label}s: ours and partners' read-only copies`,
        tag,
        parameters: [ownerQuery],
        responses: {
          '200': ok('Lists.', object({ lists: { type: 'array', items: ref('ListSummary') } })),
          '400': response('BadRequest'),
        },
      }),
      post: operation(`create${id}`, {
        summary: `Create a ${spec.label} of ours (409 list_exists when the id is taken)`,
        tag,
        body: {
          schema: object(
            {
              id: { type: 'string', minLength: 1, maxLength: 200 },
              name: { type: 'string', minLength: 1, maxLength: 200 },
              ...(spec.priced && { currency: { type: 'string', pattern: '^[A-Z]{3}$' } }),
            },
            spec.priced ? ['id', 'name', 'currency'] : ['id', 'name'],
          ),
        },
        responses: { '201': ok('Created.', detail), '409': response('Conflict') },
      }),
    },
    [`${prefix}/{ref}`]: {
      get: operation(`get${id}`, {
        summary: `One ${spec.label} with its versions and (ours) what each partner holds`,
        tag,
        parameters: [listRef, ownerQuery],
        responses: { '200': ok('The list.', detail), '404': response('NotFound') },
      }),
    },
    [`${prefix}/{ref}/versions`]: {
      post: operation(`create${id}Version`, {
        summary: 'Create an immutable version, whole or as changes to baseVersion (ours only)',
        tag,
        parameters: [listRef, ownerQuery],
        body: { schema: newVersion },
        responses: {
          '201': ok('The version.', ref('ListVersion')),
          ...forbidden,
          '404': response('NotFound'),
        },
      }),
    },
    [`${prefix}/{ref}/versions/{version}`]: {
      get: operation(`get${id}Version`, {
        summary: 'A version with a page of its lines in key order',
        tag,
        parameters: [
          listRef,
          { name: 'version', in: 'path', required: true, schema: { type: 'integer' } },
          ownerQuery,
          query('limit', { type: 'integer', minimum: 1, maximum: 1000 }, 'Lines per page.'),
          query('after', { type: 'string' }, 'The nextCursor of the previous page.'),
        ],
        responses: {
          '200': ok('The version.', {
            type: 'object',
            properties: {
              ...(schemas.ListVersion!.properties ?? {}),
              [spec.linesField]: { type: 'array', items: ref(line) },
              nextCursor: stringOrNull,
            },
          }),
          '404': response('NotFound'),
        },
      }),
    },
    [`${prefix}/{ref}/push`]: {
      post: operation(`push${id}`, {
        summary: 'Push a version to partners; returns at once, the messages are made afterwards',
        description:
          'Full or delta (when the partner is known to hold an earlier version), cut into parts that fit each partner. 409 no_version when there is nothing to push.',
        tag,
        parameters: [listRef, ownerQuery],
        body: { schema: ref('PushRequest') },
        responses: {
          '202': ok('Queued.', ref('PushResult')),
          ...forbidden,
          '404': response('NotFound'),
          '409': response('Conflict'),
        },
      }),
    },
    [`${prefix}/{ref}/distributions`]: {
      get: operation(`list${id}Distributions`, {
        summary: 'Pushes of this list, newest first',
        tag,
        parameters: [listRef, ownerQuery, query('limit', { type: 'integer' }, 'At most 500.')],
        responses: {
          '200': ok(
            'Pushes.',
            object({ distributions: { type: 'array', items: ref('Distribution') } }),
          ),
          '404': response('NotFound'),
        },
      }),
    },
    [`${prefix}/{ref}/withdraw`]: {
      post: operation(`withdraw${id}`, {
        summary: 'Stop sharing with partners (record.withdraw)',
        tag,
        parameters: [listRef, ownerQuery],
        body: { schema: ref('WithdrawListRequest') },
        responses: {
          '200': ok('Withdrawn.', ref('WithdrawListResult')),
          ...forbidden,
          '404': response('NotFound'),
        },
      }),
    },
    [`${prefix}/{ref}/sync`]: {
      post: operation(`resync${id}`, {
        summary: "Ask a partner's list's owner for it again in full (sync.request)",
        description: '409 own_list for a list of ours; 409 partner_not_active.',
        tag,
        parameters: [listRef, ownerQuery],
        responses: {
          '202': ok('Asked.', ref('SyncRequested')),
          '404': response('NotFound'),
          '409': response('Conflict'),
        },
      }),
    },
  };
}

const csvReport = { description: 'Import report.', content: json(ref('ImportReport')) };

const pricePaths: Record<string, PathItemObject> = {
  '/price-lists/{ref}/price': {
    get: operation('getPrice', {
      summary: 'The price of a SKU for a quantity at a moment',
      description:
        'The version in effect at `at` (the applied one with the highest number whose validity covers it), the quantity break with the greatest minQty not above qty. 404 no_price; 409 withdrawn.',
      tag: 'price lists',
      parameters: [
        listRef,
        ownerQuery,
        query('sku', sku, 'The SKU (required).'),
        query('qty', decimal, 'Quantity, default 1.'),
        query('at', dateOrTime, 'Default: now.'),
      ],
      responses: {
        '200': ok('The price.', ref('PriceQuote')),
        '400': response('BadRequest'),
        '404': response('NotFound'),
        '409': response('Conflict'),
      },
    }),
  },
  '/price-lists/{ref}/import': {
    post: {
      ...operation('importPriceList', {
        summary: 'Import a version from CSV (ours only); nothing is imported when a row is bad',
        description: `Columns ${CSV_COLUMNS.join(', ')} (sku and listPrice required). 400 invalid_csv with the report listing each rejected row's line, column and reason; with skipBadRows=true the good rows are imported and the bad ones reported.`,
        tag: 'price lists',
        parameters: [
          listRef,
          ownerQuery,
          query('skipBadRows', { type: 'boolean' }, 'Import the good rows when some are bad.'),
          query('version', { type: 'integer' }, 'Default: the latest plus one.'),
          query('validFrom', dateOrTime, 'Default: now.'),
          query('validTo', dateOrTime, 'Default: open-ended.'),
          query('currency', { type: 'string' }, "Default: the list's."),
          query('name', { type: 'string' }, "Default: the list's."),
        ],
        body: { schema: { type: 'string' } },
        responses: {
          '201': csvReport,
          '400': csvReport,
          '403': NOT_OWNER,
          '404': response('NotFound'),
        },
      }),
      requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
    },
  },
  '/price-lists/{ref}/export': {
    get: operation('exportPriceList', {
      summary: 'A version as CSV (default: the latest applied)',
      tag: 'price lists',
      parameters: [listRef, ownerQuery, query('version', { type: 'integer' }, 'The version.')],
      responses: {
        '200': { description: 'CSV.', content: { 'text/csv': { schema: { type: 'string' } } } },
        '404': response('NotFound'),
      },
    }),
  },
};

const productPaths: Record<string, PathItemObject> = {
  '/catalogs/{ref}/products/{sku}': {
    get: operation('getProduct', {
      summary: "A product as the catalog's latest version has it",
      tag: 'catalogs',
      parameters: [listRef, { name: 'sku', in: 'path', required: true, schema: sku }, ownerQuery],
      responses: {
        '200': ok(
          'The product.',
          object({ version: { type: 'integer' }, product: ref('Product') }),
        ),
        '404': response('NotFound'),
        '409': response('Conflict'),
      },
    }),
  },
};

export const CATALOG_OPENAPI_PATHS: Record<string, PathItemObject> = {
  ...listPaths(PRICE_LIST, '/price-lists', 'price lists'),
  ...pricePaths,
  ...listPaths(CATALOG, '/catalogs', 'catalogs'),
  ...productPaths,
};

export const CATALOG_OPENAPI_SCHEMAS: Record<string, SchemaObject> = schemas;
