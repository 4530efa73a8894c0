/**
 * The refusals every domain's handlers answer with. One `forbidden` for a record the recipient
 * does not hold, holds with another partner, or that the sender may not change: one code and one
 * text for all, so that no partner can probe for another's records by comparing answers.
 */
import type { HandlerOutcome } from '../handlers/handler.ts';

export const NOT_SHARED: HandlerOutcome = {
  ok: false,
  code: 'forbidden',
  detail: 'no such record is shared with the sender, or the sender may not change it',
};

/** The sender may not do this for a reason it already knows (it owns the record, say). */
export const forbidden = (detail: string): HandlerOutcome => ({
  ok: false,
  code: 'forbidden',
  detail,
});

/** The message contradicts what the recipient holds (a stale version, a closed record). */
export const conflict = (detail: string): HandlerOutcome => ({
  ok: false,
  code: 'conflict',
  detail,
});
