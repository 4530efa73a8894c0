/**
 * Accounting data sets and a partner's own extensions in the OpenAPI document: the accounting
 * routes are the list routes price lists and catalogs have; the extension routes exist under
 * each of the three prefixes.
 */
import { ACCOUNTING, CATALOG, PRICE_LIST, type ListKindSpec } from '../../catalog/list-kinds.ts';
import { listPaths } from '../catalog/openapi.ts';
import { listRef, NOT_OWNER, object, ownerQuery, query } from '../catalog/openapi-schemas.ts';
import { ok, operation, response } from '../openapi-builders.ts';
import { ref } from '../openapi-components.ts';
import type { PathItemObject, SchemaObject } from '../openapi-types.ts';

const keyParam = {
  name: 'key',
  in: 'path' as const,
  required: true,
  description: 'The record key: a SKU, or "type:code" for an accounting entry.',
  schema: { type: 'string', minLength: 1, maxLength: 80 } satisfies SchemaObject,
};

const TAGS: Record<ListKindSpec['kind'], string> = {
  pricelist: 'price lists',
  catalog: 'catalogs',
  accounting: 'accounting',
};

function extensionPaths(spec: ListKindSpec, prefix: string): Record<string, PathItemObject> {
  const id = { pricelist: 'PriceList', catalog: 'Catalog', accounting: 'Accounting' }[spec.kind];
  const tag = TAGS[spec.kind];
  const conflictAnswer = {
    '404': response('NotFound'),
    '409': response('Conflict'),
  };
  return {
    [`${prefix}/{ref}/records`]: {
      get: operation(`list${id}Records`, {
        summary: "The owner's records of the latest version merged with our own additions",
        description:
          'Each owner record carries `own`: our extension of it (alias, notes, attributes) or null; `ownRecords` are our own records (first page only). Neither is part of the owner’s version or its content hash.',
        tag,
        parameters: [
          listRef,
          ownerQuery,
          query('limit', { type: 'integer', minimum: 1, maximum: 1000 }, 'Records per page.'),
          query('after', { type: 'string' }, 'The nextCursor of the previous page.'),
        ],
        responses: { '200': ok('Merged records.', ref('MergedRecords')), ...conflictAnswer },
      }),
    },
    [`${prefix}/{ref}/extensions/{key}`]: {
      put: operation(`extend${id}Record`, {
        summary: "Set our extension of one of the owner's records (a partner's list only)",
        description:
          '409 own_list for a list of ours; 404 when the key is not in the owner’s latest version; 409 too_many_extensions. Survives every push.',
        tag,
        parameters: [listRef, keyParam, ownerQuery],
        body: { schema: ref('ExtensionFields') },
        responses: { '200': ok('Saved.', ref('ExtensionFields')), ...conflictAnswer },
      }),
      delete: operation(`unextend${id}Record`, {
        summary: 'Remove our extension of a record',
        tag,
        parameters: [listRef, keyParam, ownerQuery],
        responses: { '204': { description: 'Removed.' }, '404': response('NotFound') },
      }),
    },
    [`${prefix}/{ref}/own-records`]: {
      post: operation(`add${id}OwnRecord`, {
        summary: "Add a record of our own to a partner's list (never sent, never in its hash)",
        tag,
        parameters: [listRef, ownerQuery],
        body: { schema: { type: 'object', description: 'A line of the list, as in a version.' } },
        responses: {
          '201': ok(
            'Added.',
            object({
              key: { type: 'string' },
              origin: { type: 'string', enum: ['own'] },
              record: { type: 'object' },
            }),
          ),
          ...conflictAnswer,
        },
      }),
    },
    [`${prefix}/{ref}/own-records/{key}`]: {
      delete: operation(`remove${id}OwnRecord`, {
        summary: 'Remove a record of our own',
        tag,
        parameters: [listRef, keyParam, ownerQuery],
        responses: { '204': { description: 'Removed.' }, '404': response('NotFound') },
      }),
    },
  };
}

export const CENTRAL_DATA_OPENAPI_PATHS: Record<string, PathItemObject> = {
  ...listPaths(ACCOUNTING, '/accounting', 'accounting'),
  ...extensionPaths(PRICE_LIST, '/price-lists'),
  ...extensionPaths(CATALOG, '/catalogs'),
  ...extensionPaths(ACCOUNTING, '/accounting'),
};

export const CENTRAL_DATA_OPENAPI_SCHEMAS: Record<string, SchemaObject> = {
  AccountingEntry: object(
    {
      type: {
        type: 'string',
        enum: ['payment_terms', 'tax_category', 'currency', 'uom', 'account'],
      },
      code: { type: 'string', pattern: '^[!-~]{1,48}$' },
      name: { type: 'string', minLength: 1, maxLength: 200 },
      rate: { type: 'string', description: 'tax_category: percent; currency: conversion rate.' },
      days: { type: 'string', description: 'payment_terms: days until due.' },
      use: { type: 'string', description: 'account: the document kind, e.g. expense_claim.' },
    },
    ['type', 'code', 'name'],
  ),
  ExtensionFields: object({
    alias: { type: 'string', maxLength: 64, description: 'Our local SKU alias.' },
    notes: { type: 'string', maxLength: 2000 },
    attributes: {
      type: 'object',
      additionalProperties: { type: 'string', maxLength: 500 },
    },
  }),
  MergedRecords: object({
    version: { type: ['integer', 'null'] },
    records: {
      type: 'array',
      items: object({
        origin: { type: 'string', enum: ['owner'] },
        key: { type: 'string' },
        record: { type: 'object' },
        own: { oneOf: [ref('ExtensionFields'), { type: 'null' }] },
      }),
    },
    ownRecords: {
      type: 'array',
      items: object({
        origin: { type: 'string', enum: ['own'] },
        key: { type: 'string' },
        record: { type: 'object' },
      }),
    },
    nextCursor: { type: ['string', 'null'] },
  }),
};
