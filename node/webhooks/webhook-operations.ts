/**
 * The webhook endpoints of the admin API (docs/integrations.md), declared once. Reads are every
 * staff role's; changes are owners' and admins' (an endpoint receives every matching event, so
 * adding one is handing data out). A URL passes the SSRF checks in the handler, with their codes.
 */
import { z } from 'zod';
import {
  errorResponses as errors,
  jsonRequest,
  jsonResponse,
  operationsOf,
} from '../admin/operation.ts';
import { READ, SENSITIVE } from '../admin/role-rule.ts';
import { stringOrNull, time, timeOrNull } from '../admin/view-schemas.ts';
import { MAX_PATTERNS } from '../events/event-patterns.ts';
import { queryEnum, queryInteger } from '../input/input-atoms.ts';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../admin/fields.ts';

const declare = operationsOf('webhooks');

export const DELIVERY_STATUSES = ['pending', 'in_flight', 'delivered', 'dead'] as const;

const Webhook = z
  .strictObject({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()).meta({ description: 'Event types or prefixes; [] for all.' }),
    description: z.string(),
    status: z.enum(['active', 'disabled']),
    disabledReason: stringOrNull,
    disabledAt: timeOrNull,
    previousSecretUntil: timeOrNull.meta({
      description: 'Until when the secret before the last rotation signs too.',
    }),
    cursor: z.number().int().meta({ description: 'The last event queued for it.' }),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'Webhook', description: 'A webhook endpoint (never its secret).' });

const WebhookOne = z.strictObject({ webhook: Webhook }).meta({ id: 'WebhookOne' });
const WebhookSecret = z
  .strictObject({
    id: z.string(),
    secret: z.string().meta({ description: 'Shown in this answer only.' }),
    webhook: Webhook,
  })
  .meta({ id: 'WebhookSecret' });

const Delivery = z
  .strictObject({
    seq: z.number().int(),
    webhookId: z.string().meta({ description: 'The webhook-id header: the same on each retry.' }),
    eventCursor: z.number().int().nullable(),
    type: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: time,
    lastStatus: z.number().int().nullable(),
    lastError: stringOrNull,
    createdAt: time,
    deliveredAt: timeOrNull,
    deadAt: timeOrNull,
  })
  .meta({ id: 'WebhookDelivery' });

const url = z
  .string()
  .max(2048)
  .meta({ format: 'uri', description: 'http(s); refused when it names a private address.' });
const events = z
  .array(z.string())
  .max(MAX_PATTERNS)
  .meta({ description: `Up to ${MAX_PATTERNS} event types or prefixes (lead. or lead.*).` });
const description = z.string().max(500);

const idParams = z.object({ id: z.string().min(1).max(200) });
const noQuery = z.strictObject({});
const one = { params: idParams };
const oneAnswer = { 200: jsonResponse('The endpoint.', WebhookOne), 404: errors[404] };

export const createWebhookOp = declare(
  {
    method: 'post',
    path: '/webhooks',
    operationId: 'createWebhook',
    roles: SENSITIVE,
    body: 'required',
    summary: 'Add an endpoint; the answer holds its secret, shown only here',
    description:
      'A new endpoint gets the events from now on (replay sends older ones). Its URL passes the same SSRF checks as a partner’s; 409 too_many_webhooks beyond 50 endpoints.',
  },
  {
    request: {
      body: jsonRequest(
        z
          .strictObject({ url, events: events.optional(), description: description.optional() })
          .meta({ id: 'NewWebhook' }),
      ),
    },
    responses: {
      201: jsonResponse('Created, with the secret.', WebhookSecret),
      400: errors[400],
      409: errors[409],
    },
  },
);

export const listWebhooks = declare(
  {
    method: 'get',
    path: '/webhooks',
    operationId: 'listWebhooks',
    roles: READ,
    summary: 'Webhook endpoints',
    description: 'Every endpoint with its status and cursor; secrets are never shown.',
  },
  {
    request: { query: noQuery },
    responses: {
      200: jsonResponse(
        'The endpoints.',
        z.strictObject({ webhooks: z.array(Webhook) }).meta({ id: 'WebhookList' }),
      ),
      400: errors[400],
    },
  },
);

export const getWebhookOp = declare(
  {
    method: 'get',
    path: '/webhooks/{id}',
    operationId: 'getWebhook',
    roles: READ,
    summary: 'One endpoint',
    description: 'The endpoint with its status, cursor and rotation overlap; 404 if unknown.',
  },
  { request: one, responses: oneAnswer },
);

export const updateWebhook = declare(
  {
    method: 'patch',
    path: '/webhooks/{id}',
    operationId: 'updateWebhook',
    roles: SENSITIVE,
    body: 'required',
    summary: 'Change url, events, description or status',
    description:
      'Changes the fields given; status disabled stops delivery (the queue is kept), active resumes it.',
  },
  {
    request: {
      ...one,
      body: jsonRequest(
        z
          .strictObject({
            url: url.optional(),
            events: events.optional(),
            description: description.optional(),
            status: z.enum(['active', 'disabled']).optional(),
          })
          .meta({ id: 'WebhookChange' }),
      ),
    },
    responses: { ...oneAnswer, 400: errors[400] },
  },
);

export const deleteWebhook = declare(
  {
    method: 'delete',
    path: '/webhooks/{id}',
    operationId: 'deleteWebhook',
    roles: SENSITIVE,
    summary: 'Delete an endpoint and its queue',
    description: 'The endpoint and its undelivered and logged deliveries go; 404 if unknown.',
  },
  {
    request: one,
    responses: {
      200: jsonResponse(
        'Deleted.',
        z.strictObject({ deleted: z.string() }).meta({ id: 'WebhookDeleted' }),
      ),
      400: errors[400],
      404: errors[404],
    },
  },
);

/** Stop or resume delivery: the same operation but for the status it sets. */
const statusAction = (action: 'disable' | 'enable', summary: string, description: string) =>
  declare(
    {
      method: 'post',
      path: `/webhooks/{id}/${action}`,
      operationId: `${action}Webhook`,
      roles: SENSITIVE,
      summary,
      description,
    },
    { request: one, responses: oneAnswer },
  );

export const disableWebhook = statusAction(
  'disable',
  'Stop delivery',
  'Deliveries wait in the queue until the endpoint is enabled again.',
);
export const enableWebhook = statusAction(
  'enable',
  'Resume delivery',
  'Delivery resumes with the queue as it stands.',
);

export const rotateWebhookSecretOp = declare(
  {
    method: 'post',
    path: '/webhooks/{id}/rotate-secret',
    operationId: 'rotateWebhookSecret',
    roles: SENSITIVE,
    body: 'optional',
    summary: 'New secret; the old one signs too during the overlap',
    description:
      'The answer holds the new secret, shown only here; deliveries carry signatures by both secrets for overlapHours (default 24, at most 720).',
  },
  {
    request: {
      ...one,
      body: jsonRequest(
        z
          .strictObject({ overlapHours: z.number().int().min(0).max(720).optional() })
          .meta({ id: 'WebhookRotation' }),
        { optional: true },
      ),
    },
    responses: {
      200: jsonResponse('The new secret.', WebhookSecret),
      400: errors[400],
      404: errors[404],
    },
  },
);

export const testWebhook = declare(
  {
    method: 'post',
    path: '/webhooks/{id}/test',
    operationId: 'testWebhook',
    roles: SENSITIVE,
    summary: 'Queue a webhook.test event',
    description:
      'Queues a webhook.test delivery for this endpoint only; see it in the delivery log.',
  },
  {
    request: one,
    responses: {
      202: jsonResponse(
        'Queued.',
        z.strictObject({ webhookId: z.string() }).meta({ id: 'WebhookTestQueued' }),
      ),
      400: errors[400],
      404: errors[404],
    },
  },
);

export const replayWebhookOp = declare(
  {
    method: 'post',
    path: '/webhooks/{id}/replay',
    operationId: 'replayWebhook',
    roles: SENSITIVE,
    body: 'required',
    summary: 'Send every matching event after a cursor again',
    description:
      'Moves the endpoint’s cursor back to `after`, so every matching event after it is queued again.',
  },
  {
    request: {
      ...one,
      body: jsonRequest(
        z
          .strictObject({ after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })
          .meta({ id: 'WebhookReplay' }),
      ),
    },
    responses: { ...oneAnswer, 400: errors[400] },
  },
);

export const retryWebhookDeadLetters = declare(
  {
    method: 'post',
    path: '/webhooks/{id}/retry-dead',
    operationId: 'retryWebhookDeadLetters',
    roles: SENSITIVE,
    summary: 'Queue the dead letters again',
    description: 'Every dead delivery of the endpoint is queued again with its attempts reset.',
  },
  {
    request: one,
    responses: {
      200: jsonResponse(
        'How many.',
        z.strictObject({ retried: z.number().int() }).meta({ id: 'WebhookRetried' }),
      ),
      400: errors[400],
      404: errors[404],
    },
  },
);

export const listWebhookDeliveries = declare(
  {
    method: 'get',
    path: '/webhooks/{id}/deliveries',
    operationId: 'listWebhookDeliveries',
    roles: READ,
    summary: 'The delivery log, newest first',
    description:
      'Each delivery with its attempts, last status and error; filter by status, page with before (a seq).',
  },
  {
    request: {
      params: idParams,
      query: z.strictObject({
        status: queryEnum(DELIVERY_STATUSES).optional(),
        before: queryInteger(0, Number.MAX_SAFE_INTEGER)
          .optional()
          .meta({ description: 'Deliveries before this seq.' }),
        limit: queryInteger(1, MAX_PAGE_LIMIT)
          .optional()
          .meta({ description: `At most ${MAX_PAGE_LIMIT}; default ${DEFAULT_PAGE_LIMIT}.` }),
      }),
    },
    responses: {
      200: jsonResponse(
        'The log.',
        z.strictObject({ deliveries: z.array(Delivery) }).meta({ id: 'WebhookDeliveryList' }),
      ),
      400: errors[400],
      404: errors[404],
    },
  },
);

export const WEBHOOK_OPERATIONS = [
  listWebhooks,
  createWebhookOp,
  getWebhookOp,
  updateWebhook,
  deleteWebhook,
  disableWebhook,
  enableWebhook,
  rotateWebhookSecretOp,
  testWebhook,
  replayWebhookOp,
  retryWebhookDeadLetters,
  listWebhookDeliveries,
];
