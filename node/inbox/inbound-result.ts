/** The per-message answer of the inbox and the connect URL, as the wire contract defines it. */
import type { RejectionCode } from '../../protocol/index.ts';

export type InboundResult =
  | { id: string; status: 'accepted' | 'duplicate'; receipt: string }
  | { id: string | null; status: 'rejected'; code: RejectionCode; message: string };

export function rejected(id: string | null, code: RejectionCode, message: string): InboundResult {
  return { id, status: 'rejected', code, message };
}

/**
 * Thrown inside a message's savepoint to undo its writes; caught by the pipeline, which turns it
 * into a rejection. Never escapes the inbox.
 */
export class RejectMessage extends Error {
  constructor(
    readonly code: RejectionCode,
    readonly detail: string,
  ) {
    super(detail);
  }
}
