/**
 * A partner's own additions to a list it holds a copy of, declared once per kind under its
 * prefix: the owner's records merged with ours, our extension of one of them, our own records.
 * 409 own_list on a list of ours (ours change by a new version).
 */
import { z } from 'zod';
import { ExtensionFields, LINES } from '../../catalog/catalog-schemas.ts';
import {
  LIST_KINDS,
  listParams,
  ownerOnly,
  ownerQuery,
  pageOfLines,
  type ListKind,
} from '../catalog/list-operations.ts';
import { errorResponses as errors, jsonRequest, jsonResponse, operationsOf } from '../operation.ts';
import { READ, rolesOf } from '../role-rule.ts';
import { MergedRecords, OwnRecord, SavedExtension } from '../catalog/catalog-view-schemas.ts';

const ID = { pricelist: 'PriceList', catalog: 'Catalog', accounting: 'Accounting' } as const;

const keyParams = listParams.extend({
  key: z
    .string()
    .meta({ description: 'The record key: a SKU, or "type:code" for an accounting entry.' }),
});

function extensionOperations({ spec, prefix, tag }: ListKind) {
  const declare = operationsOf(tag);
  const WRITE = rolesOf(tag);
  const id = ID[spec.kind];
  return {
    records: declare(
      {
        method: 'get',
        path: `${prefix}/{ref}/records`,
        operationId: `list${id}Records`,
        summary: "The owner's records of the latest version merged with our own additions",
        description:
          'Each owner record carries `own`: our extension of it (alias, notes, attributes) or null; `ownRecords` are our own records (first page only). Neither is part of the owner’s version or its content hash.',
        roles: READ,
      },
      {
        request: {
          params: listParams,
          query: z.strictObject({ owner: ownerQuery, ...pageOfLines('Records', 1000) }),
        },
        responses: {
          200: jsonResponse('Merged records.', MergedRecords),
          404: errors[404],
          409: errors[409],
        },
      },
    ),
    extend: declare(
      {
        method: 'put',
        path: `${prefix}/{ref}/extensions/{key}`,
        operationId: `extend${id}Record`,
        summary: "Set our extension of one of the owner's records (a partner's list only)",
        description:
          '409 own_list for a list of ours; 404 when the key is not in the owner’s latest version; 409 too_many_extensions. Survives every push.',
        roles: WRITE,
        body: 'required',
      },
      {
        request: { params: keyParams, query: ownerOnly, body: jsonRequest(ExtensionFields) },
        responses: {
          200: jsonResponse('Saved.', SavedExtension),
          404: errors[404],
          409: errors[409],
        },
      },
    ),
    unextend: declare(
      {
        method: 'delete',
        path: `${prefix}/{ref}/extensions/{key}`,
        operationId: `unextend${id}Record`,
        summary: 'Remove our extension of a record',
        description: "The owner's record stays as the owner sent it.",
        roles: WRITE,
      },
      {
        request: { params: keyParams, query: ownerOnly },
        responses: { 204: { description: 'Removed.' }, 404: errors[404] },
      },
    ),
    addOwn: declare(
      {
        method: 'post',
        path: `${prefix}/{ref}/own-records`,
        operationId: `add${id}OwnRecord`,
        summary: "Add a record of our own to a partner's list (never sent, never in its hash)",
        description:
          "A line of the list's kind, kept apart from the owner's lines: a record of the owner with the same key stays the owner's, and both are shown. 409 own_list for a list of ours.",
        roles: WRITE,
        body: 'required',
      },
      {
        request: { params: listParams, query: ownerOnly, body: jsonRequest(LINES[spec.kind]) },
        responses: { 201: jsonResponse('Added.', OwnRecord), 404: errors[404], 409: errors[409] },
      },
    ),
    removeOwn: declare(
      {
        method: 'delete',
        path: `${prefix}/{ref}/own-records/{key}`,
        operationId: `remove${id}OwnRecord`,
        summary: 'Remove a record of our own',
        description: 'The record goes; the owner’s lines are untouched.',
        roles: WRITE,
      },
      {
        request: { params: keyParams, query: ownerOnly },
        responses: { 204: { description: 'Removed.' }, 404: errors[404] },
      },
    ),
  };
}

export const EXTENSION_OPERATIONS_BY_KIND = LIST_KINDS.map(
  (kind) => [kind, extensionOperations(kind)] as const,
);

export const EXTENSION_OPERATIONS = EXTENSION_OPERATIONS_BY_KIND.flatMap(([, ops]) =>
  Object.values(ops),
);
