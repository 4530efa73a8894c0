/**
 * The operations price lists, catalogs and accounting data sets share, declared once per kind
 * under its prefix (`/price-lists`, `/catalogs`, `/accounting`), with what only price lists
 * (prices, CSV) and catalogs (one product) have. A partner's list is a read-only copy: every
 * change to it is 403 `not_owner`.
 */
import { z } from 'zod';
import { CSV_COLUMNS } from '../../catalog/price-csv.ts';
import {
  LINES,
  NEW_LISTS,
  NEW_VERSIONS,
  PriceQuery,
  PushRequest,
  WithdrawListRequest,
} from '../../catalog/catalog-schemas.ts';
import { ACCOUNTING, CATALOG, PRICE_LIST, type ListKindSpec } from '../../catalog/list-kinds.ts';
import { queryBoolean, queryInteger, queryText, sentence } from '../../input/input-atoms.ts';
import { errorResponses as errors, jsonRequest, jsonResponse, operationsOf } from '../operation.ts';
import { READ, rolesOf, type Domain } from '../role-rule.ts';
import {
  Distributions,
  ImportRefusal,
  ImportReport,
  ListDetail,
  ListSummary,
  ListVersion,
  PriceQuote,
  PushResult,
  SyncRequested,
  WithdrawListResult,
} from './catalog-view-schemas.ts';

/** Each kind's prefix, tag (the domain whose role writes) and operation id part. */
export const LIST_KINDS = [
  { spec: PRICE_LIST, prefix: '/price-lists', tag: 'price lists', id: 'PriceList' },
  { spec: CATALOG, prefix: '/catalogs', tag: 'catalogs', id: 'Catalog' },
  { spec: ACCOUNTING, prefix: '/accounting', tag: 'accounting', id: 'AccountingData' },
] as const satisfies ReadonlyArray<{ spec: ListKindSpec; tag: Domain } & Record<string, unknown>>;

export type ListKind = (typeof LIST_KINDS)[number];

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** `{ref}`: the list by this node's number or its wire id. */
export const listParams = z.object({
  ref: z
    .string()
    .min(1)
    .max(200)
    .meta({ description: "This node's number for the list (`id`), or its wire id." }),
});

/** `?owner=`: whose list a wire id means (ids are scoped by owner). */
export const ownerQuery = queryText()
  .optional()
  .meta({ description: 'self, or a partner id or node id: whose list a wire id means.' });
export const ownerOnly = z.strictObject({ owner: ownerQuery });

export const pageOfLines = (what: string, max: number) => ({
  limit: queryInteger(1, MAX_SAFE)
    .optional()
    .meta({ description: `${what} per page, at most ${max}; default 100.` }),
  after: queryText().optional().meta({ description: 'The nextCursor of the previous page.' }),
});

/** The operations of one kind under its prefix. */
export function listOperations({ spec, prefix, tag, id }: ListKind) {
  const declare = operationsOf(tag);
  const WRITE = rolesOf(tag);
  const one = { params: listParams, query: ownerOnly };
  const Line = LINES[spec.kind];
  const label = spec.label;
  return {
    list: declare(
      {
        method: 'get',
        path: prefix,
        operationId: `list${id}s`,
        summary: `${label}s: ours and partners' read-only copies`,
        description: `Every ${label} this node holds, ours and the copies partners shared with us, each with its latest applied version; \`owner\` narrows to ours (self) or one partner's.`,
        roles: READ,
      },
      {
        request: { query: ownerOnly },
        responses: {
          200: jsonResponse('Lists.', z.strictObject({ lists: z.array(ListSummary) })),
          400: errors[400],
        },
      },
    ),
    create: declare(
      {
        method: 'post',
        path: prefix,
        operationId: `create${id}`,
        summary: `Create a ${label} of ours`,
        description: `An empty ${label} under our id; its lines come as versions. 409 list_exists when the id is taken.`,
        roles: WRITE,
        body: 'required',
      },
      {
        request: { body: jsonRequest(NEW_LISTS[spec.kind]) },
        responses: { 201: jsonResponse('Created.', ListDetail), 409: errors[409] },
      },
    ),
    get: declare(
      {
        method: 'get',
        path: `${prefix}/{ref}`,
        operationId: `get${id}`,
        summary: `One ${label} with its versions and (ours) what each partner holds`,
        description: `The ${label}, every version of it, and for one of ours the version each partner is known to hold and what is still on its way.`,
        roles: READ,
      },
      {
        request: one,
        responses: { 200: jsonResponse('The list.', ListDetail), 404: errors[404] },
      },
    ),
    createVersion: declare(
      {
        method: 'post',
        path: `${prefix}/{ref}/versions`,
        operationId: `create${id}Version`,
        summary: 'Create an immutable version, whole or as changes to baseVersion (ours only)',
        description: `A version is never changed once made; push it to share it. Whole (every line) or, with baseVersion, that version's lines with these put in place (same key) or added and \`removed\` dropped. Larger versions come as CSV or in steps.`,
        roles: WRITE,
        body: 'required',
      },
      {
        request: { ...one, body: jsonRequest(NEW_VERSIONS[spec.kind]) },
        responses: {
          201: jsonResponse('The version.', ListVersion),
          403: errors.notOwner,
          404: errors[404],
          409: errors[409],
        },
      },
    ),
    getVersion: declare(
      {
        method: 'get',
        path: `${prefix}/{ref}/versions/{version}`,
        operationId: `get${id}Version`,
        summary: 'A version with a page of its lines in key order',
        description: `The version's state and a page of its lines; page on with \`after\`.`,
        roles: READ,
      },
      {
        request: {
          params: listParams.extend({
            version: z
              .string()
              .regex(/^\d{1,15}$/)
              .meta({ description: 'The version number.' }),
          }),
          query: z.strictObject({ owner: ownerQuery, ...pageOfLines('Lines', 1000) }),
        },
        responses: {
          200: jsonResponse(
            'The version.',
            ListVersion.extend({
              [spec.linesField]: z.array(Line),
              nextCursor: z.string().nullable(),
            }),
          ),
          404: errors[404],
        },
      },
    ),
    push: declare(
      {
        method: 'post',
        path: `${prefix}/{ref}/push`,
        operationId: `push${id}`,
        summary: 'Push a version to partners; returns at once, the messages are made afterwards',
        description:
          'Full or delta (when the partner is known to hold an earlier version), cut into parts that fit each partner. 409 no_version when there is nothing to push.',
        roles: WRITE,
        body: 'required',
      },
      {
        request: { ...one, body: jsonRequest(PushRequest) },
        responses: {
          202: jsonResponse('Queued.', PushResult),
          403: errors.notOwner,
          404: errors[404],
          409: errors[409],
        },
      },
    ),
    distributions: declare(
      {
        method: 'get',
        path: `${prefix}/{ref}/distributions`,
        operationId: `list${id}Distributions`,
        summary: 'Pushes of this list, newest first',
        description:
          'Each push to each partner: queued, enqueued (with its mode, parts and bytes), skipped or cancelled.',
        roles: READ,
      },
      {
        request: {
          params: listParams,
          query: z.strictObject({
            owner: ownerQuery,
            limit: queryInteger(1, MAX_SAFE)
              .optional()
              .meta({ description: 'At most 500; default 100.' }),
          }),
        },
        responses: { 200: jsonResponse('Pushes.', Distributions), 404: errors[404] },
      },
    ),
    withdraw: declare(
      {
        method: 'post',
        path: `${prefix}/{ref}/withdraw`,
        operationId: `withdraw${id}`,
        summary: 'Stop sharing with partners (record.withdraw)',
        description:
          'Each partner (all by default) is told with record.withdraw and stops using its copy; a later push shares it again.',
        roles: WRITE,
        body: 'required',
      },
      {
        request: { ...one, body: jsonRequest(WithdrawListRequest) },
        responses: {
          200: jsonResponse('Withdrawn.', WithdrawListResult),
          403: errors.notOwner,
          404: errors[404],
        },
      },
    ),
    resync: declare(
      {
        method: 'post',
        path: `${prefix}/{ref}/sync`,
        operationId: `resync${id}`,
        summary: "Ask a partner's list's owner for it again in full (sync.request)",
        description:
          '409 own_list for a list of ours; 409 partner_not_active; 409 resync_limited when asked too often.',
        roles: WRITE,
      },
      {
        request: one,
        responses: {
          202: jsonResponse('Asked.', SyncRequested),
          404: errors[404],
          409: errors[409],
        },
      },
    ),
  };
}

export const PRICE_LIST_OPERATIONS = listOperations(LIST_KINDS[0]);
export const CATALOG_LIST_OPERATIONS = listOperations(LIST_KINDS[1]);
export const ACCOUNTING_OPERATIONS = listOperations(LIST_KINDS[2]);

const declarePrice = operationsOf('price lists');
const declareCatalog = operationsOf('catalogs');

export const getPrice = declarePrice(
  {
    method: 'get',
    path: '/price-lists/{ref}/price',
    operationId: 'getPrice',
    summary: 'The price of a SKU for a quantity at a moment',
    description:
      'The version in effect at `at` (the applied one with the highest number whose validity covers it), the quantity break with the greatest minQty not above qty. 404 no_price; 409 withdrawn.',
    roles: READ,
  },
  {
    request: {
      params: listParams,
      query: PriceQuery.extend({ owner: ownerQuery }),
    },
    responses: {
      200: jsonResponse('The price.', PriceQuote),
      400: errors[400],
      404: errors[404],
      409: errors[409],
    },
  },
);

const csvText = { 'text/csv': { schema: z.string() } };

export const importPriceList = declarePrice(
  {
    method: 'post',
    path: '/price-lists/{ref}/import',
    operationId: 'importPriceList',
    summary: 'Import a version from CSV (ours only); nothing is imported when a row is bad',
    description: `Columns ${CSV_COLUMNS.join(', ')} (sku and listPrice required). 400 invalid_csv with the report listing each rejected row's line, column and reason; with skipBadRows=true the good rows are imported and the bad ones reported.`,
    roles: rolesOf('price lists'),
  },
  {
    request: {
      params: listParams,
      query: z.strictObject({
        owner: ownerQuery,
        skipBadRows: queryBoolean()
          .optional()
          .meta({ description: 'Import the good rows when some are bad.' }),
        version: queryInteger(1, MAX_SAFE)
          .optional()
          .meta({ description: 'Default: the latest plus one.' }),
        validFrom: queryText(40).optional().meta({ description: 'Default: now.' }),
        validTo: queryText(40).optional().meta({ description: 'Default: open-ended.' }),
        currency: z
          .string({ error: 'may be given once' })
          .regex(/^[A-Z]{3}$/, sentence('currency must be an ISO 4217 code'))
          .optional()
          .meta({ description: "Default: the list's." }),
        name: z
          .string({ error: 'may be given once' })
          .min(1, sentence('name must be 1 to 200 characters'))
          .max(200, sentence('name must be 1 to 200 characters'))
          .optional()
          .meta({ description: "Default: the list's." }),
      }),
      body: { required: true, content: csvText },
    },
    responses: {
      201: jsonResponse('Import report.', ImportReport),
      400: jsonResponse('Nothing imported: the report of every rejected row.', ImportRefusal),
      403: errors.notOwner,
      404: errors[404],
    },
  },
);

export const exportPriceList = declarePrice(
  {
    method: 'get',
    path: '/price-lists/{ref}/export',
    operationId: 'exportPriceList',
    summary: 'A version as CSV (default: the latest applied)',
    description: `The lines of an applied version in the import's columns (${CSV_COLUMNS.join(', ')}), so an export imports again unchanged.`,
    roles: READ,
  },
  {
    request: {
      params: listParams,
      query: z.strictObject({
        owner: ownerQuery,
        version: queryInteger(1, MAX_SAFE).optional().meta({ description: 'The version.' }),
      }),
    },
    responses: { 200: { description: 'CSV.', content: csvText }, 404: errors[404] },
  },
);

export const getProduct = declareCatalog(
  {
    method: 'get',
    path: '/catalogs/{ref}/products/{sku}',
    operationId: 'getProduct',
    summary: "A product as the catalog's latest version has it",
    description:
      "The product's line in the latest applied version. 409 withdrawn when the owner stopped sharing the catalog.",
    roles: READ,
  },
  {
    request: {
      params: listParams.extend({
        sku: z.string().min(1).max(64).meta({ description: 'The SKU.' }),
      }),
      query: ownerOnly,
    },
    responses: {
      200: jsonResponse(
        'The product.',
        z.strictObject({ version: z.number().int(), product: LINES.catalog }),
      ),
      404: errors[404],
      409: errors[409],
    },
  },
);

export const CATALOG_OPERATIONS = [
  ...Object.values(PRICE_LIST_OPERATIONS),
  getPrice,
  importPriceList,
  exportPriceList,
  ...Object.values(CATALOG_LIST_OPERATIONS),
  getProduct,
  ...Object.values(ACCOUNTING_OPERATIONS),
];
