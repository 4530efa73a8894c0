/**
 * The bulk imports of the admin API, declared once: CSV (text/csv) or a JSON array in, the
 * row-level report out (201 imported; 400 `invalid_import`, nothing imported). The body is
 * declared for the document only: the importers read it themselves, so that a file they cannot
 * read is reported like a bad row (`fileError`), and it may be far larger than an admin body.
 * Each import takes the roles of the single create of its domain (role-rule.ts).
 */
import { z } from 'zod';
import { listParams, ownerQuery } from '../admin/catalog/list-operations.ts';
import { errorResponses as errors, jsonResponse, operationsOf } from '../admin/operation.ts';
import { rolesOf } from '../admin/role-rule.ts';
import { queryBoolean } from '../input/input-atoms.ts';

export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

const skipBadRows = queryBoolean()
  .optional()
  .meta({ description: 'true: import the valid rows, report the others.' });

const ImportFile = {
  required: true,
  content: {
    'text/csv': { schema: z.string().meta({ description: 'A header row, then one row each.' }) },
    'application/json': { schema: z.array(z.looseObject({})) },
  },
};

const BulkReport = z
  .looseObject({
    ok: z.boolean(),
    rows: z.number().int(),
    imported: z.number().int(),
    rejectedCount: z.number().int(),
    rejected: z
      .array(z.looseObject({}))
      .meta({ description: 'Each rejected row: its number, the field and the reason.' }),
    fileError: z.string().nullable(),
  })
  .meta({ id: 'BulkReport', description: 'The row-level report of an import.' });

const responses = {
  201: jsonResponse(
    'Imported; the row-level report.',
    z.strictObject({ report: BulkReport }).meta({ id: 'BulkImported' }),
  ),
  400: jsonResponse(
    'Nothing imported (invalid_import, with the report), or a bad query parameter.',
    z
      .looseObject({
        error: z.looseObject({ code: z.string(), message: z.string() }),
        report: BulkReport.optional(),
      })
      .meta({ id: 'BulkRefusal' }),
  ),
  413: { $ref: '#/components/responses/PayloadTooLarge' },
  415: { $ref: '#/components/responses/UnsupportedMediaType' },
} as const;

const allOrNothing = `All or nothing unless skipBadRows=true; at most ${MAX_IMPORT_BYTES} bytes.`;

export const importLeads = operationsOf('leads')(
  {
    method: 'post',
    path: '/leads/import',
    operationId: 'importLeads',
    roles: rolesOf('leads'),
    summary:
      'Import leads from CSV (text/csv) or JSON (an array); all or nothing unless skipBadRows=true',
    description: `Creates a lead for each row, as the single create does, and answers the row-level report with the new ids. ${allOrNothing}`,
  },
  {
    request: { query: z.strictObject({ skipBadRows }), body: ImportFile },
    responses,
  },
);

export const importInvitations = operationsOf('invitations')(
  {
    method: 'post',
    path: '/invitations/import',
    operationId: 'importInvitations',
    roles: rolesOf('partners'),
    summary:
      'Invite partners in bulk from CSV or JSON; each token is in the answer only; all or nothing unless skipBadRows=true',
    description: `Creates an invitation for each row; each token is shown in this answer only, like a single invitation's. ${allOrNothing}`,
  },
  {
    request: { query: z.strictObject({ skipBadRows }), body: ImportFile },
    responses,
  },
);

export const importProducts = operationsOf('catalogs')(
  {
    method: 'post',
    path: '/catalogs/{ref}/products/import',
    operationId: 'importProducts',
    roles: rolesOf('catalogs'),
    summary:
      'Import products into one of our catalogs from CSV or JSON as a new version (on top of the latest unless replace=true); all or nothing unless skipBadRows=true',
    description: `A new version of one of our catalogs (a partner's copy is 403 not_owner): the products added or replaced, or with replace=true the whole catalog. ${allOrNothing}`,
  },
  {
    request: {
      params: listParams,
      query: z.strictObject({
        owner: ownerQuery,
        replace: queryBoolean().optional().meta({
          description: 'true: the file is the whole catalog; default: products added or replaced.',
        }),
        skipBadRows,
      }),
      body: ImportFile,
    },
    responses: { ...responses, 403: errors.notOwner, 404: errors[404] },
  },
);

export const BULK_OPERATIONS = [importLeads, importInvitations, importProducts];
