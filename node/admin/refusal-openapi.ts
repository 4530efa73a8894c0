/** `GET /refusals` and `POST /refusals/seen` in the admin API's OpenAPI document. */
import { ok, operation, param, response } from './openapi-builders.ts';
import type { PathItemObject } from './openapi-types.ts';

export const REFUSAL_OPENAPI_PATHS: Record<string, PathItemObject> = {
  '/refusals': {
    get: operation('listRefusals', {
      summary:
        'Messages partners refused, with the record each was about and who sent it (unseen only unless all=true; only the caller’s own with mine=true)',
      tag: 'messages',
      parameters: [
        { name: 'all', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
        {
          name: 'mine',
          in: 'query',
          description:
            'Only the messages the caller’s own changes sent (a personal API token or a console session).',
          schema: { type: 'string', enum: ['true', 'false'] },
        },
        param('limit'),
      ],
      responses: {
        '200': ok('The refusals, newest first.', {
          type: 'object',
          properties: { refusals: { type: 'array', items: { type: 'object' } } },
        }),
        '400': response('BadRequest'),
      },
    }),
  },
  '/refusals/seen': {
    post: operation('acknowledgeRefusals', {
      summary: 'Mark refusals seen, by ids or "all"',
      tag: 'messages',
      body: {
        schema: {
          type: 'object',
          properties: {
            ids: {
              oneOf: [
                { type: 'string', enum: ['all'] },
                { type: 'array', items: { type: 'integer' } },
              ],
            },
          },
          required: ['ids'],
        },
      },
      responses: {
        '200': ok('How many were marked.', {
          type: 'object',
          properties: { seen: { type: 'integer' } },
        }),
      },
    }),
  },
};
