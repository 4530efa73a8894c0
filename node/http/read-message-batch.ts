/**
 * Reads the body of an inbox or connect request: `{ "messages": [ jws, ... ] }` with 1 to
 * `maxBatch` entries, within `maxBodyBytes`. Content type, size, JSON and shape failures are
 * whole-request errors; what each entry holds is judged per message later.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestError } from './request-error.ts';

/**
 * Refuses a body over `maxBodyBytes` with 413. A request that declares its length (and is not
 * chunked) is judged by the header alone: Node's parser never reads past `Content-Length`, so the
 * body cannot exceed it. Only then is the body left alone, and `c.req.text()` reads it straight
 * from the socket; Hono's `bodyLimit` would first turn it into a web stream, which costs every
 * request (a flood of hopeless ones included) more than the rest of its checks. A chunked body is
 * counted while it is read, and not buffered past the limit.
 */
export function limitBody(maxBodyBytes: number): MiddlewareHandler {
  const onError = (c: Context) =>
    requestError(c, 'payload_too_large', `the body is larger than ${maxBodyBytes} bytes`);
  const streamed = bodyLimit({ maxSize: maxBodyBytes, onError });
  return async function limitBodyMiddleware(c, next) {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) {
      return streamed(c, next);
    }
    // The same reading of the header as bodyLimit's.
    if (parseInt(length || '0', 10) > maxBodyBytes) return onError(c);
    await next();
  };
}

export type ReadBatchResult = { ok: true; messages: unknown[] } | { ok: false; response: Response };

export async function readMessageBatch(c: Context, maxBatch: number): Promise<ReadBatchResult> {
  const fail = (code: 'bad_request' | 'unsupported_media_type', message: string) => ({
    ok: false as const,
    response: requestError(c, code, message),
  });
  const type = c.req.header('content-type') ?? '';
  if (type.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
    return fail('unsupported_media_type', 'Content-Type must be application/json');
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return fail('bad_request', 'the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('bad_request', 'the body must be an object with a "messages" array');
  }
  const messages = (body as { messages?: unknown }).messages;
  if (!Array.isArray(messages)) return fail('bad_request', '"messages" must be an array');
  if (messages.length === 0) return fail('bad_request', '"messages" is empty');
  if (messages.length > maxBatch) {
    return fail(
      'bad_request',
      `"messages" holds ${messages.length}; at most ${maxBatch} per request`,
    );
  }
  return { ok: true, messages };
}
