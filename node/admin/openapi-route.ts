/**
 * The OpenAPI document's own operation, declared apart from the document (./openapi.ts) so that
 * the admin API can route it without generating the document until it is asked for.
 */
import { createRoute, z } from '@hono/zod-openapi';

export const OPENAPI_PATH = '/openapi.json';

/** The document's own operation: public, so a client can learn how to authenticate. */
export const getOpenApi = createRoute({
  method: 'get',
  path: OPENAPI_PATH,
  operationId: 'getOpenApi',
  tags: ['meta'],
  summary: 'This OpenAPI document (no token needed)',
  description:
    'The description of every operation of the admin API: parameters, bodies, answers and the roles that may perform it (`x-roles`; owner and admin may perform all).',
  security: [],
  responses: {
    200: {
      description: 'The document.',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
  },
});
