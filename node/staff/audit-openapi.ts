/** `GET /api/audit` in the admin API's OpenAPI document. */
import {
  closedObject,
  ok,
  operation,
  response,
  stringOrNull,
  time,
} from '../admin/openapi-builders.ts';
import { ref } from '../admin/openapi-components.ts';
import type { OpenApiDocument } from '../admin/openapi-types.ts';
import { AUDIT_PAGE } from './audit-query.ts';

const query = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query' as const,
  description,
  schema,
});

export const AUDIT_OPENAPI_SCHEMAS = {
  AuditEntry: closedObject({
    seq: { type: 'integer' },
    at: time,
    actorKind: {
      type: 'string',
      enum: ['admin-token', 'api-token', 'session', 'cli', 'anonymous'],
    },
    staffId: stringOrNull,
    email: stringOrNull,
    tokenId: stringOrNull,
    address: { type: 'string' },
    operation: { type: 'string' },
    record: stringOrNull,
    outcome: { type: 'string', description: 'ok, or the stable code of a refusal.' },
    messageIds: { type: 'array', items: { type: 'string' } },
    detail: { type: 'object' },
    hash: { type: 'string', description: 'SHA-256 over the previous hash and this row.' },
  }),
};

export const AUDIT_OPENAPI_PATHS: OpenApiDocument['paths'] = {
  '/audit': {
    get: operation('listAudit', {
      summary: 'The audit trail, newest first (owners and admins)',
      tag: 'audit',
      parameters: [
        query('person', 'A staff id or e-mail address.'),
        query('record', 'A record as the trail names it, e.g. partners/5.'),
        query('operation', 'Operations starting with this, e.g. "POST /api/leads" or "staff.".'),
        query('from', 'From this time.', time),
        query('to', 'Up to this time.', time),
        query('before', 'Rows before this seq: the `next` of the previous page.', {
          type: 'integer',
        }),
        query(
          'limit',
          `Rows per page (${AUDIT_PAGE.fallback} without it); with format=csv, at most this many rows.`,
          { type: 'integer', minimum: 1, maximum: AUDIT_PAGE.max },
        ),
        query(
          'format',
          'json (default), a page with `next`; or csv, an export of every matching row.',
          { type: 'string', enum: ['json', 'csv'] },
        ),
      ],
      responses: {
        '200': {
          description:
            'A page of the trail as JSON, or with `format=csv` every matching row as CSV.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  entries: { type: 'array', items: ref('AuditEntry') },
                  next: { type: ['integer', 'null'] },
                },
                required: ['entries', 'next'],
              },
            },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        '400': response('BadRequest'),
      },
    }),
  },
};
