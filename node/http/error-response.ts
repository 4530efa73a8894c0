/**
 * The one error handler of the node's JSON answers: an AppError answers with its status and stable
 * code; anything else is logged and answered as `internal`, never with its own text. Used by the
 * root app and by the console's in-process calls of the admin API, so both answer alike.
 */
import type { ErrorHandler } from 'hono';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { redactPath } from './redact-secrets.ts';
import { requestLog } from './request-id.ts';

export function appErrorHandler(log: Logger): ErrorHandler {
  return function appErrorResponse(error, c) {
    if (error instanceof AppError) return c.json(error.toJSON(), error.status as 400);
    requestLog(c, log).error({ err: error, path: redactPath(c.req.path) }, 'request failed');
    // Never echo internal error text to a partner or a browser.
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  };
}
