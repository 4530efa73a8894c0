/**
 * Reads an admin request's JSON body: Content-Type first (cheapest), then the size cap, then the
 * parse. The result, always a JSON object, is left in `c.var.body` for the handler.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AdminEnv } from './admin-env.ts';

/** Admin bodies are small profiles and id lists; 64 KiB leaves room without inviting abuse. */
export const MAX_ADMIN_BODY_BYTES = 64 * 1024;

type Failure = 'bad_json' | 'payload_too_large' | 'unsupported_media_type';
const STATUS: Record<Failure, 400 | 413 | 415> = {
  bad_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
};

const fail = (c: Context, code: Failure, message: string) =>
  c.json({ error: { code, message } }, STATUS[code]);

export interface JsonBodyOptions {
  /** When true, a request without a body reads as `{}` (e.g. DELETE with an optional reason). */
  optional?: boolean;
  maxBytes?: number;
}

export function jsonBody(options: JsonBodyOptions = {}): MiddlewareHandler<AdminEnv> {
  const maxBytes = options.maxBytes ?? MAX_ADMIN_BODY_BYTES;
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => fail(c, 'payload_too_large', `the body is larger than ${maxBytes} bytes`),
  });

  return async function jsonBodyMiddleware(c, next) {
    const type = c.req.header('content-type');
    if (type === undefined && options.optional && hasNoBody(c)) {
      c.set('body', {});
      return next();
    }
    if ((type ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json') {
      return fail(c, 'unsupported_media_type', 'Content-Type must be application/json');
    }
    return limit(c, async () => {
      const text = await c.req.text();
      if (text.trim() === '' && options.optional) {
        setBody(c, {});
        return next();
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        c.res = fail(c, 'bad_json', 'the body is not valid JSON');
        return;
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        c.res = fail(c, 'bad_json', 'the body must be a JSON object');
        return;
      }
      setBody(c, body as Record<string, unknown>);
      await next();
    });
  };
}

/**
 * The parsed object is what the operation's schema validates next (`c.req.json()` answers from
 * the body cache), so the body is parsed once and an empty optional body reads as `{}`.
 */
function setBody(c: Context, body: Record<string, unknown>): void {
  c.set('body', body);
  c.req.bodyCache.json = Promise.resolve(body);
}

/** HTTP/1.1: a request without Content-Length and Transfer-Encoding has no body (RFC 9112 §6.3). */
function hasNoBody(c: Context): boolean {
  const length = c.req.header('content-length');
  if (c.req.raw.body === null || length === '0') return true;
  return length === undefined && c.req.header('transfer-encoding') === undefined;
}
