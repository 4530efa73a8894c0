/**
 * The cursor of a page of owned leads: the last lead's creation time and id (the list's order),
 * opaque to callers as base64url JSON. A cursor that does not decode is the caller's field error.
 */
import { invalidField } from '../domain-kernel/input-fields.ts';
import type { OwnedLead, OwnedLeadCursor } from '../store/lead-store.ts';

const MAX_CURSOR = 400;

export function leadCursorOf(lead: Pick<OwnedLead, 'createdAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([lead.createdAt.getTime(), lead.id])).toString('base64url');
}

export function parseLeadCursor(after: string): OwnedLeadCursor {
  if (after.length <= MAX_CURSOR) {
    try {
      const [at, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown[];
      if (Number.isSafeInteger(at) && typeof id === 'string' && id !== '') {
        return { createdAt: new Date(at as number), id };
      }
    } catch {
      // fall through to the refusal
    }
  }
  throw invalidField('after', 'after must be the nextCursor of a previous page of leads');
}
