/** Whole-request errors of the inbox and the connect URL: `{ error: { code, message } }`. */
import type { Context } from 'hono';
import { REQUEST_ERROR_STATUS, type RequestErrorCode } from '../../protocol/index.ts';

export function requestError(c: Context, code: RequestErrorCode, message: string): Response {
  return c.json({ error: { code, message } }, REQUEST_ERROR_STATUS[code]);
}
