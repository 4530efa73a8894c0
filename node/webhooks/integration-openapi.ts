/** The event feed and webhook endpoints in the admin API's OpenAPI document. */
import { closedObject, ok, operation, response } from '../admin/openapi-builders.ts';
import type { ParameterObject, PathItemObject, SchemaObject } from '../admin/openapi-types.ts';

const EVENTS = 'events';
const WEBHOOKS = 'webhooks';
const event: SchemaObject = {
  type: 'object',
  description: 'A domain event; see schemas/events/event.schema.json.',
};
const webhook: SchemaObject = { type: 'object', description: 'A webhook endpoint (no secret).' };
const withSecret: SchemaObject = {
  type: 'object',
  required: ['id', 'secret', 'webhook'],
  properties: { id: { type: 'string' }, secret: { type: 'string' }, webhook },
};
const one = ok('The endpoint.', closedObject({ webhook }));
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
const notFound = { '404': response('NotFound') };

function action(
  operationId: string,
  summary: string,
  extra: Partial<Parameters<typeof operation>[1]> = {},
) {
  return operation(operationId, {
    summary,
    tag: WEBHOOKS,
    parameters: [idParam],
    responses: { '200': one, ...notFound },
    ...extra,
  });
}

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
    { '403': response('Forbidden'), ...notFound },
  ),
  '/events': {
    get: operation('listEvents', {
      summary: 'Domain events after a cursor; with Accept: text/event-stream, followed live',
      tag: EVENTS,
      parameters: [
        q('after', 'Cursor to resume after (Last-Event-ID for the stream).'),
        q('types', 'Comma-separated types or prefixes (lead. or lead.*).'),
        q('limit', '1 to 1000, default 100.'),
      ],
      responses: {
        '200': {
          description: 'A page (JSON) or a stream of server-sent events.',
          content: {
            'application/json': {
              schema: closedObject({
                events: { type: 'array', items: event },
                next: { type: 'integer' },
              }),
            },
            'text/event-stream': { schema: { type: 'string' } },
          },
        },
        '400': response('BadRequest'),
      },
    }),
  },
  '/webhooks': {
    get: operation('listWebhooks', {
      summary: 'Webhook endpoints',
      tag: WEBHOOKS,
      responses: {
        '200': ok('The endpoints.', closedObject({ webhooks: { type: 'array', items: webhook } })),
      },
    }),
    post: operation('createWebhook', {
      summary: 'Add an endpoint; the answer holds its secret, shown only here',
      tag: WEBHOOKS,
      body: {
        schema: {
          type: 'object',
          required: ['url'],
          additionalProperties: false,
          properties: {
            url: { type: 'string', format: 'uri' },
            events: { type: 'array', items: { type: 'string' } },
            description: { type: 'string', maxLength: 500 },
          },
        },
      },
      responses: { '201': ok('Created.', withSecret), '409': response('Conflict') },
    }),
  },
  '/webhooks/{id}': {
    get: action('getWebhook', 'One endpoint'),
    patch: action('updateWebhook', 'Change url, events, description or status', {
      body: { schema: { type: 'object' } },
    }),
    delete: operation('deleteWebhook', {
      summary: 'Delete an endpoint and its queue',
      tag: WEBHOOKS,
      parameters: [idParam],
      responses: {
        '200': ok('Deleted.', closedObject({ deleted: { type: 'string' } })),
        ...notFound,
      },
    }),
  },
  '/webhooks/{id}/disable': { post: action('disableWebhook', 'Stop delivery') },
  '/webhooks/{id}/enable': { post: action('enableWebhook', 'Resume delivery') },
  '/webhooks/{id}/rotate-secret': {
    post: action('rotateWebhookSecret', 'New secret; the old one signs too during the overlap', {
      body: { schema: { type: 'object' }, optional: true },
      responses: { '200': ok('The new secret.', withSecret), ...notFound },
    }),
  },
  '/webhooks/{id}/test': {
    post: action('testWebhook', 'Queue a webhook.test event', {
      responses: {
        '202': ok('Queued.', closedObject({ webhookId: { type: 'string' } })),
        ...notFound,
      },
    }),
  },
  '/webhooks/{id}/replay': {
    post: action('replayWebhook', 'Send every matching event after a cursor again', {
      body: { schema: closedObject({ after: { type: 'integer', minimum: 0 } }) },
    }),
  },
  '/webhooks/{id}/retry-dead': {
    post: action('retryWebhookDeadLetters', 'Queue the dead letters again', {
      responses: {
        '200': ok('How many.', closedObject({ retried: { type: 'integer' } })),
        ...notFound,
      },
    }),
  },
  '/webhooks/{id}/deliveries': {
    get: action('listWebhookDeliveries', 'The delivery log, newest first', {
      parameters: [
        idParam,
        q('status', 'pending, in_flight, delivered or dead'),
        q('before', 'seq'),
        q('limit', '1 to 500'),
      ],
      responses: {
        '200': ok(
          'The log.',
          closedObject({ deliveries: { type: 'array', items: { type: 'object' } } }),
        ),
        ...notFound,
      },
    }),
  },
};
