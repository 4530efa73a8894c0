/**
 * Shapes of the inbox exchange (`POST {inbox}` and `POST {connect}`), as validated by
 * `schemas/inbox-request.schema.json` and `schemas/inbox-response.schema.json`.
 *
 * @module
 */
import type { RejectionCode, RequestErrorCode } from './codes.ts';

/** Body of an inbox request: 1 to `maxBatch` compact JWS strings. */
export interface InboxRequest {
  messages: string[];
}

/** The result for one message of an inbox request. */
export type InboxResult =
  | { id: string; status: 'accepted' | 'duplicate'; receipt: string; message?: string }
  | { id: string | null; status: 'rejected'; code: RejectionCode; message?: string };

/** Body of a 200 inbox answer: one result per message, same order. */
export interface InboxResponse {
  results: InboxResult[];
}

/** Body of a whole-request error answer (400, 413, 415, 429, 503). */
export interface RequestErrorResponse {
  error: { code: RequestErrorCode; message: string };
}
