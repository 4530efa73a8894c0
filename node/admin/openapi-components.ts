/**
 * Parts of the admin API's document that are not zod schemas: the error answers every operation
 * shares, the token scheme, and parameters the hand-described domains still refer to.
 */
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './fields.ts';
import type { OpenApiDocument, ResponseObject, SchemaObject } from './openapi-types.ts';

export const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
function object(
  properties: Record<string, SchemaObject>,
  required: string[] = Object.keys(properties),
): SchemaObject {
  return { type: 'object', properties, required, additionalProperties: false };
}

const schemas: Record<string, SchemaObject> = {
  Error: object({
    error: object(
      {
        code: { type: 'string', description: 'Stable machine-readable code, e.g. invalid_field.' },
        message: { type: 'string', description: 'Safe for display.' },
        field: { type: 'string', description: 'The offending field, for invalid input.' },
      },
      ['code', 'message'],
    ),
  }),
};

function errorResponse(description: string, headers?: ResponseObject['headers']): ResponseObject {
  return {
    description,
    ...(headers && { headers }),
    content: { 'application/json': { schema: ref('Error') } },
  };
}

export const COMPONENTS: OpenApiDocument['components'] = {
  securitySchemes: {
    adminToken: {
      type: 'http',
      scheme: 'bearer',
      description: 'The admin token printed by `partner-sync init`; only its SHA-256 is stored.',
    },
  },
  schemas,
  parameters: {
    partnerRef: {
      name: 'ref',
      in: 'path',
      required: true,
      description: 'Partner id, or its node id URL-encoded.',
      schema: { type: 'string' },
    },
    limit: {
      name: 'limit',
      in: 'query',
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT },
    },
    after: {
      name: 'after',
      in: 'query',
      description: 'The nextCursor of the previous page.',
      schema: { type: 'integer', minimum: 0 },
    },
    partnerFilter: {
      name: 'partner',
      in: 'query',
      description: 'Partner id or node id.',
      schema: { type: 'string' },
    },
  },
  responses: {
    BadRequest: errorResponse(
      'Invalid input: bad_json, or invalid_field with `field` naming the field.',
    ),
    Unauthorized: errorResponse('Missing or invalid bearer token (code unauthorized).', {
      'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } },
    }),
    Forbidden: errorResponse(
      "Your role does not allow this operation (code forbidden_role); see the operation's x-roles.",
    ),
    NotOwner: errorResponse(
      "Your role does not allow this operation (forbidden_role), or the list is a partner's read-only copy (not_owner).",
    ),
    NotFound: errorResponse('No such record (code not_found).'),
    Conflict: errorResponse('The record is in a state that does not allow this.'),
    PayloadTooLarge: errorResponse('The body is over 64 KiB (code payload_too_large).'),
    UnsupportedMediaType: errorResponse('The body is not application/json.'),
    RateLimited: errorResponse('Too many failed authentication attempts.', {
      'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } },
    }),
    Refused: errorResponse('The other node refused, with its rejection code (e.g. forbidden).'),
    BadGateway: errorResponse('The other node could not be reached or answered badly.'),
  },
};
