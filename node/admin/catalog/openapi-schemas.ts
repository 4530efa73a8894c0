/** The record schemas of the price list and catalog admin API, for the OpenAPI document. */
import { CSV_COLUMNS } from '../../catalog/price-csv.ts';
import { json } from '../openapi-builders.ts';
import { ref } from '../openapi-components.ts';
import type { ParameterObject, SchemaObject } from '../openapi-types.ts';

export const stringOrNull: SchemaObject = { type: ['string', 'null'] };
const integerOrNull: SchemaObject = { type: ['integer', 'null'] };
const timeOrNull: SchemaObject = { type: ['string', 'null'], format: 'date-time' };
export const decimal: SchemaObject = {
  type: 'string',
  pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$',
  maxLength: 40,
};
export const sku: SchemaObject = {
  type: 'string',
  pattern: '^[!-~]([ -~]*[!-~])?$',
  maxLength: 64,
};
export const dateOrTime: SchemaObject = {
  type: 'string',
  maxLength: 40,
  description: 'An RFC 3339 date (validTo: to the end of that day, UTC) or a UTC time.',
};

export function object(
  properties: Record<string, SchemaObject>,
  required: string[] = Object.keys(properties),
): SchemaObject {
  return { type: 'object', properties, required, additionalProperties: false };
}

const partnerOf = object({ id: { type: 'integer' }, nodeId: stringOrNull, name: stringOrNull });

export const listRef: ParameterObject = {
  name: 'ref',
  in: 'path',
  required: true,
  description: "This node's number for the list (`id`), or its wire id.",
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};
export const ownerQuery: ParameterObject = {
  name: 'owner',
  in: 'query',
  description:
    'self, or a partner id or node id: whose list a wire id means (ids are scoped by owner).',
  schema: { type: 'string' },
};
/** 403 not_owner: a partner's list is a read-only copy. */
export const NOT_OWNER = {
  description: "A partner's list is a read-only copy (code not_owner).",
  content: json(ref('Error')),
};

export const query = (
  name: string,
  schema: SchemaObject,
  description: string,
): ParameterObject => ({
  name,
  in: 'query',
  description,
  schema,
});

export const CATALOG_SCHEMAS: Record<string, SchemaObject> = {
  PriceLine: object(
    {
      sku,
      listPrice: decimal,
      standardPrice: decimal,
      limitPrice: decimal,
      minQty: { ...decimal, description: 'Quantity break: applies from this quantity on.' },
    },
    ['sku', 'listPrice'],
  ),
  Product: object(
    {
      sku,
      name: { type: 'string', minLength: 1, maxLength: 200 },
      uom: { type: 'string', pattern: '^[A-Z0-9]{1,3}$' },
      description: { type: 'string', maxLength: 5000 },
      gtin: { type: 'string', pattern: '^[0-9]{8,14}$' },
      brand: { type: 'string', maxLength: 200 },
      category: { type: 'string', maxLength: 200 },
    },
    ['sku', 'name', 'uom'],
  ),
  ListSummary: object({
    id: { type: 'integer' },
    listId: { type: 'string' },
    owner: { type: 'string', enum: ['self', 'partner'] },
    ownerPartner: { ...partnerOf, type: ['object', 'null'] },
    readOnly: { type: 'boolean', description: "A partner's list: changes are 403 not_owner." },
    name: { type: 'string' },
    currency: stringOrNull,
    latestVersion: integerOrNull,
    withdrawn: { type: 'boolean' },
    withdrawnAt: timeOrNull,
    withdrawnReason: stringOrNull,
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  }),
  ListVersion: object({
    version: { type: 'integer' },
    status: { type: 'string', enum: ['assembling', 'applied', 'failed'] },
    name: { type: 'string' },
    currency: stringOrNull,
    validFrom: stringOrNull,
    validTo: stringOrNull,
    contentHash: { type: 'string' },
    lineCount: { type: 'integer' },
    mode: { type: 'string', enum: ['full', 'delta'] },
    baseVersion: integerOrNull,
    parts: { type: 'integer' },
    failureCode: {
      ...stringOrNull,
      description: 'hash_mismatch, missing_base, duplicate_line',
    },
    failureDetail: stringOrNull,
    createdAt: { type: 'string', format: 'date-time' },
    appliedAt: timeOrNull,
  }),
  ListShare: object({
    partner: partnerOf,
    heldVersion: { ...integerOrNull, description: 'Known to be held (all parts receipted).' },
    pendingVersion: integerOrNull,
    pendingParts: { type: 'integer' },
    sharedAt: { type: 'string', format: 'date-time' },
    withdrawnAt: timeOrNull,
  }),
  Distribution: object({
    id: { type: 'integer' },
    partner: partnerOf,
    version: integerOrNull,
    status: { type: 'string', enum: ['queued', 'enqueued', 'skipped', 'cancelled'] },
    mode: { type: ['string', 'null'], description: 'full or delta, once enqueued.' },
    baseVersion: integerOrNull,
    parts: integerOrNull,
    bytes: integerOrNull,
    ref: { ...stringOrNull, description: 'The sync.request this answers.' },
    detail: stringOrNull,
    createdAt: { type: 'string', format: 'date-time' },
    doneAt: timeOrNull,
  }),
  PushRequest: {
    type: 'object',
    description: 'Exactly one of partners, partnerType, all.',
    properties: {
      partners: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 1000 },
      partnerType: { type: 'string' },
      all: { type: 'boolean', description: 'true: every active partner.' },
      version: { type: 'integer', minimum: 1, description: 'Default: the latest version.' },
    },
    additionalProperties: false,
  },
  PushResult: object({
    version: { type: 'integer' },
    distributions: { type: 'array', items: ref('Distribution') },
  }),
  WithdrawListRequest: object(
    {
      reason: { type: 'string', minLength: 1, maxLength: 500 },
      partners: { type: 'array', items: { type: 'string' }, description: 'Default: all.' },
    },
    ['reason'],
  ),
  WithdrawListResult: object({
    partnerIds: { type: 'array', items: { type: 'integer' } },
    messageIds: { type: 'array', items: { type: 'string' } },
  }),
  SyncRequested: object({ messageId: { type: 'string' } }),
  PriceQuote: object({
    sku: { type: 'string' },
    qty: decimal,
    at: { type: 'string', format: 'date-time' },
    version: { type: 'integer' },
    currency: stringOrNull,
    validFrom: stringOrNull,
    validTo: stringOrNull,
    minQty: decimal,
    listPrice: decimal,
    standardPrice: { ...decimal, type: ['string', 'null'] },
    limitPrice: { ...decimal, type: ['string', 'null'] },
    unitPrice: { ...decimal, description: 'standardPrice when the line has one, else listPrice.' },
    amount: { ...decimal, description: 'unitPrice × qty, exact.' },
  }),
  CsvRejection: object({
    line: { type: 'integer' },
    column: { type: ['string', 'null'], description: `One of ${CSV_COLUMNS.join(', ')}.` },
    reason: { type: 'string' },
  }),
  ImportReport: object({
    ok: { type: 'boolean' },
    rows: { type: 'integer' },
    imported: { type: 'integer' },
    rejectedCount: { type: 'integer' },
    rejected: { type: 'array', items: ref('CsvRejection'), maxItems: 1000 },
    fileError: { oneOf: [ref('CsvRejection'), { type: 'null' }] },
    version: integerOrNull,
    contentHash: stringOrNull,
  }),
};
