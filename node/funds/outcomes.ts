/** The refusals this domain's handlers answer with. */
import type { HandlerOutcome } from '../handlers/handler.ts';

/**
 * A record the recipient does not hold, holds with another partner, or that the sender may not
 * change: one answer for all, so that no partner can probe for another's records.
 */
export const NOT_SHARED: HandlerOutcome = {
  ok: false,
  code: 'forbidden',
  detail: 'no such record is shared with the sender, or the sender may not change it',
};

export const conflict = (detail: string): HandlerOutcome => ({
  ok: false,
  code: 'conflict',
  detail,
});
