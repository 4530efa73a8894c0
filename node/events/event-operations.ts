/**
 * `GET /api/events`, declared once: a page of the event log as JSON, or with
 * `Accept: text/event-stream` the same request followed live (server-sent events). The query is
 * read by the handler's own parsers (a cursor, type patterns, a limit), whose refusals name the
 * parameter; the document gives their types.
 */
import { z } from 'zod';
import { errorResponses as errors, operationsOf } from '../admin/operation.ts';
import { READ } from '../admin/role-rule.ts';
import { queryText } from '../input/input-atoms.ts';
import { MAX_PATTERNS } from './event-patterns.ts';

export const DEFAULT_EVENT_LIMIT = 100;
export const MAX_EVENT_LIMIT = 1000;

const declare = operationsOf('events');

const Event = z
  .looseObject({})
  .meta({ id: 'Event', description: 'A domain event; see schemas/events/event.schema.json.' });

export const listEvents = declare(
  {
    method: 'get',
    path: '/events',
    operationId: 'listEvents',
    roles: READ,
    summary: 'Domain events after a cursor; with Accept: text/event-stream, followed live',
    description: `Pages the event log for pull integrations: the events after \`after\`, oldest first, and \`next\`, the cursor to ask after next time. With \`Accept: text/event-stream\` the same request follows the log live: each event's \`id:\` is its cursor, and a client reconnecting with \`Last-Event-ID\` resumes right after the last event it saw. \`types\` narrows to up to ${MAX_PATTERNS} types or prefixes.`,
  },
  {
    request: {
      query: z.strictObject({
        after: queryText()
          .optional()
          .meta({
            type: 'integer',
            minimum: 0,
            description: 'Cursor to resume after (Last-Event-ID for the stream).',
          } as Record<string, unknown>),
        types: queryText()
          .optional()
          .meta({ description: 'Comma-separated types or prefixes (lead. or lead.*).' }),
        limit: queryText()
          .optional()
          .meta({
            type: 'integer',
            minimum: 1,
            maximum: MAX_EVENT_LIMIT,
            description: `Events per page, default ${DEFAULT_EVENT_LIMIT}.`,
          } as Record<string, unknown>),
      }),
    },
    responses: {
      200: {
        description: 'A page (JSON) or a stream of server-sent events.',
        content: {
          'application/json': {
            schema: z
              .strictObject({ events: z.array(Event), next: z.number().int() })
              .meta({ id: 'EventPage' }),
          },
          'text/event-stream': {
            schema: z.string().meta({
              description:
                'Server-sent events: `id:` the cursor, `event:` the type, `data:` the event as JSON.',
            }),
          },
        },
      },
      400: errors[400],
    },
  },
);

export const EVENT_OPERATIONS = [listEvents];
