/**
 * `GET /api/audit`, declared once. The query is documented with its types, but read by
 * `parseAuditQuery` (shared with `partner-sync audit list`), so a bad filter is a 400
 * `invalid_filter` from the API and the CLI alike.
 */
import { z } from 'zod';
import { errorResponses as errors, operationsOf } from '../admin/operation.ts';
import { SENSITIVE } from '../admin/role-rule.ts';
import { stringOrNull, time } from '../admin/view-schemas.ts';
import { AUDIT_PAGE } from './audit-query.ts';

const declare = operationsOf('audit');

/** A filter as given; its type is for the document, its reading `parseAuditQuery`'s. */
const filter = (description: string, type: Record<string, unknown> = {}) =>
  z
    .string()
    .optional()
    .meta({ description, ...type });

const AuditEntry = z
  .strictObject({
    seq: z.number().int(),
    at: time,
    actorKind: z.enum(['admin-token', 'api-token', 'session', 'cli', 'anonymous']),
    staffId: stringOrNull,
    email: stringOrNull,
    tokenId: stringOrNull,
    address: z.string(),
    operation: z.string(),
    record: stringOrNull,
    outcome: z.string().meta({ description: 'ok, or the stable code of a refusal.' }),
    messageIds: z.array(z.string()),
    detail: z.looseObject({}),
    hash: z.string().meta({ description: 'SHA-256 over the previous hash and this row.' }),
  })
  .meta({ id: 'AuditEntry' });

export const listAudit = declare(
  {
    method: 'get',
    path: '/audit',
    operationId: 'listAudit',
    roles: SENSITIVE,
    summary: 'The audit trail, newest first (owners and admins)',
    description:
      'Who changed what, newest first, filtered by person, record, operation (a prefix) and time, a page at a time (`before` is the `next` of the previous page). With format=csv, every matching row (or `limit` of them) as CSV. Owners and admins only: the trail shows everyone’s actions. A bad filter is 400 invalid_filter.',
  },
  {
    request: {
      query: z.object({
        person: filter('A staff id or e-mail address.'),
        record: filter('A record as the trail names it, e.g. partners/5.'),
        operation: filter('Operations starting with this, e.g. "POST /api/leads" or "staff.".'),
        from: filter('From this time.', { format: 'date-time' }),
        to: filter('Up to this time.', { format: 'date-time' }),
        before: filter('Rows before this seq: the `next` of the previous page.', {
          type: 'integer',
        }),
        limit: filter(
          `Rows per page (${AUDIT_PAGE.fallback} without it); with format=csv, at most this many rows.`,
          { type: 'integer', minimum: 1, maximum: AUDIT_PAGE.max },
        ),
        format: filter(
          'json (default), a page with `next`; or csv, an export of every matching row.',
          { enum: ['json', 'csv'] },
        ),
      }),
    },
    responses: {
      200: {
        description: 'A page of the trail as JSON, or with `format=csv` every matching row as CSV.',
        content: {
          'application/json': {
            schema: z
              .strictObject({ entries: z.array(AuditEntry), next: z.number().int().nullable() })
              .meta({ id: 'AuditPage' }),
          },
          'text/csv': { schema: z.string() },
        },
      },
      400: errors[400],
    },
  },
);

export const AUDIT_OPERATIONS = [listAudit];
