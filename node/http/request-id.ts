/**
 * Gives every HTTP request an id: the caller's `X-Request-Id` when it is sane (a reverse proxy or
 * a partner's node may have set one, and keeping it lets both sides' logs be joined), else a new
 * one. The id is echoed in the response and kept on the context (`requestIdOf`), for every log
 * line of the request (`requestLog`), and one access line is written when the request is done,
 * its path and query redacted (redact-secrets.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { ServerResponse } from 'node:http';
import { withRequestId, type Logger } from '../logger.ts';
import { redactUrl } from './redact-secrets.ts';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** Bounded and plain, so a hostile id can neither bloat the logs nor forge a line in them. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@+=/-]{1,128}$/;
/** Probes hit these every few seconds; at info they would drown the lines that matter. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export function acceptRequestId(header: string | undefined): string {
  return header !== undefined && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** The context variable the id is kept in. */
const REQUEST_ID_VAR = 'requestId';

/** The id of the request `c` answers (undefined outside the middleware, as in a test's app). */
export function requestIdOf(c: Context): string | undefined {
  return c.get(REQUEST_ID_VAR) as string | undefined;
}

/** `log` for the lines written while `c` is answered: each carries the request's id. */
export function requestLog(c: Context, log: Logger): Logger {
  return withRequestId(log, requestIdOf(c));
}

export function requestId(options: { log: Logger }): MiddlewareHandler {
  const log = options.log.child({ category: 'http' });
  return async function requestIdMiddleware(c, next) {
    const id = acceptRequestId(c.req.header(REQUEST_ID_HEADER));
    const started = performance.now();
    c.set(REQUEST_ID_VAR, id);
    await next();
    setResponseHeader(c, REQUEST_ID_HEADER, id);
    const quiet = QUIET_PATHS.has(c.req.path);
    // The access line's fields (a URL parse and redaction) only when the line is written.
    if (!log.isLevelEnabled(quiet ? 'debug' : 'info')) return;
    const fields = {
      reqId: id,
      method: c.req.method,
      // Path and query, with sign-in tokens and other secrets replaced.
      path: redactUrl(c.req.url),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (quiet) log.debug(fields, 'request');
    else log.info(fields, 'request');
  };
}

/**
 * Sets a header on the answer. Under @hono/node-server it goes on Node's response before the
 * handler's answer is written (writeHead merges it in): the lightweight Response the handlers
 * return (c.json) keeps its headers as a plain record, and reading its `headers` would build a
 * Headers object and a full Response for one header, some 15 µs a request. Without a Node
 * response (app.request in tests) it is set on the finished response in place: `c.header()` after
 * the handler copies the response into a new one with a streamed body, which costs the server its
 * fast path for plain bodies; only a response whose headers are immutable (one passed on from
 * `fetch`) needs that copy.
 */
function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (outgoing && !outgoing.headersSent) {
    outgoing.setHeader(name, value);
    return;
  }
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}
