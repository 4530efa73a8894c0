/**
 * The event feed: `GET /api/events?after=&types=&limit=` pages the log for pull integrations;
 * with `Accept: text/event-stream` the same request follows it live (server-sent events), each
 * event's `id:` its cursor, so a client that reconnects with `Last-Event-ID` resumes exactly
 * after the last event it saw: no gap, no repeat.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppDeps } from '../app.ts';
import { invalidField } from '../admin/fields.ts';
import { createOperationRouter } from '../admin/operation.ts';
import { DEFAULT_EVENT_LIMIT, listEvents, MAX_EVENT_LIMIT } from './event-operations.ts';
import { isEventPattern, MAX_PATTERNS } from './event-patterns.ts';
import { eventView } from './event-view.ts';

export { DEFAULT_EVENT_LIMIT, MAX_EVENT_LIMIT };
/** How often a live feed looks for new events, and sends a comment to keep proxies from closing. */
const FEED_POLL_MS = 200;
const KEEPALIVE_MS = 15_000;

function cursorOf(raw: string | undefined, field: string): number {
  if (raw === undefined || raw === '') return 0;
  if (!/^\d{1,16}$/.test(raw)) throw invalidField(field, `${field} must be an event cursor`);
  return Number(raw);
}

export function parseEventTypes(raw: string | undefined): string[] {
  if (raw === undefined || raw === '') return [];
  const types = [...new Set(raw.split(',').map((t) => t.trim()))];
  if (types.length > MAX_PATTERNS || !types.every(isEventPattern)) {
    throw invalidField(
      'types',
      `types must be up to ${MAX_PATTERNS} comma-separated event types or prefixes (lead. or lead.*)`,
    );
  }
  return types;
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_EVENT_LIMIT;
  const value = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= MAX_EVENT_LIMIT)) {
    throw invalidField('limit', `limit must be an integer from 1 to ${MAX_EVENT_LIMIT}`);
  }
  return value;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export function createEventRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  // Declared in ./event-operations.ts; the stream is the same operation with another Accept.
  app.openapi(listEvents, async (c) => {
    const query = c.req.valid('query');
    const types = parseEventTypes(query.types);
    const limit = parseLimit(query.limit);
    const live = (c.req.header('accept') ?? '').includes('text/event-stream');
    const lastEventId = c.req.header('last-event-id');
    const after =
      live && lastEventId !== undefined
        ? cursorOf(lastEventId.trim(), 'Last-Event-ID')
        : cursorOf(query.after, 'after');
    if (!live) {
      const events = await c.var.deps.store.read((tx) => tx.events.list({ after, types, limit }));
      const next = events.at(-1)?.seq ?? after;
      return c.json({ events: events.map(eventView), next }, 200);
    }
    return follow(c, c.var.deps, after, types, limit);
  });

  return app;
}

function follow(c: Context, deps: AppDeps, after: number, types: string[], limit: number) {
  const controller = new AbortController();
  return streamSSE(c, async (stream) => {
    stream.onAbort(() => controller.abort());
    let cursor = after;
    let quietSince = Date.now();
    while (!stream.aborted && !controller.signal.aborted) {
      const events = await deps.store.read((tx) => tx.events.list({ after: cursor, types, limit }));
      for (const event of events) {
        await stream.writeSSE({
          id: String(event.seq),
          event: event.type,
          data: JSON.stringify(eventView(event)),
        });
        cursor = event.seq;
      }
      if (events.length === limit) continue;
      if (Date.now() - quietSince >= KEEPALIVE_MS) {
        await stream.write(': keepalive\n\n');
        quietSince = Date.now();
      }
      await sleep(FEED_POLL_MS, controller.signal);
    }
  });
}
