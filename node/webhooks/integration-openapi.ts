/** The event feed and webhook endpoints in the admin API's OpenAPI document. */
import { closedObject, ok, operation, response } from '../admin/openapi-builders.ts';
import type { ParameterObject, PathItemObject, SchemaObject } from '../admin/openapi-types.ts';

const EVENTS = 'events';
const WEBHOOKS = 'webhooks';
const idParam = {
  name: 'id',
  in: 'path' as const,
  required: true,
  schema: { type: 'string' as const },
};
const q = (name: string, description: string) => ({
  name,
  in: 'query' as const,
  description,
  schema: { type: 'string' as const },
});

export const INTEGRATION_OPENAPI_TAGS = [
  { name: EVENTS, description: 'Domain events: pull pages or follow live (text/event-stream).' },
  { name: WEBHOOKS, description: 'Standard Webhooks endpoints that receive domain events.' },
];

/** A bulk import: CSV or a JSON array in, the row-level report out (201 imported, 400 not). */
function importOperation(
  operationId: string,
  summary: string,
  tag: string,
  parameters: ParameterObject[] = [],
  /** More answers than every import has (a catalog's 403 and 404). */
  responses: Record<string, ReturnType<typeof response>> = {},
): PathItemObject {
  return {
    post: {
      ...operation(operationId, {
        summary,
        tag,
        parameters: [
          ...parameters,
          q('skipBadRows', 'true: import the valid rows, report the others.'),
        ],
        responses: {
          '201': ok('Imported; the row-level report.', { type: 'object' }),
          '400': ok('Nothing imported; the row-level report.', { type: 'object' }),
          '413': response('PayloadTooLarge'),
          '415': response('UnsupportedMediaType'),
          ...responses,
        },
      }),
      requestBody: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string' } },
          'application/json': { schema: { type: 'array', items: { type: 'object' } } },
        },
      },
    },
  };
}

export const INTEGRATION_OPENAPI_PATHS: Record<string, PathItemObject> = {
  '/leads/import': importOperation(
    'importLeads',
    'Import leads from CSV (text/csv) or JSON (an array); all or nothing unless skipBadRows=true',
    'leads',
  ),
  '/invitations/import': importOperation(
    'importInvitations',
    'Invite partners in bulk from CSV or JSON; each token is in the answer only; all or nothing unless skipBadRows=true',
    'invitations',
  ),
  '/catalogs/{ref}/products/import': importOperation(
    'importProducts',
    'Import products into one of our catalogs from CSV or JSON as a new version (on top of the latest unless replace=true); all or nothing unless skipBadRows=true',
    'catalogs',
    [
      { ...idParam, name: 'ref' },
      q('owner', 'self (the default): only our own catalogs take imports.'),
      q('replace', 'true: the file is the whole catalog; default: products added or replaced.'),
    ],
    { '403': response('Forbidden'), '404': response('NotFound') },
  ),
};
