/**
 * How a record shows that the counterpart refused our last message about it (outbox/
 * settle-refusals.ts): the same shape in the admin API, the CLI's --json and the portal.
 */
import type { RecordRefusal } from '../store/deal-store.ts';
import type { Refusal } from '../store/refusal-store.ts';

export function refusalView(r: RecordRefusal | null) {
  if (!r) return null;
  return {
    status: 'refused' as const,
    code: r.code,
    reason: r.reason,
    kind: r.kind,
    messageId: r.messageId,
    at: r.at.toISOString(),
  };
}

/** One line for people: "forbidden: the partner may not send deal.register". */
export function refusalText(r: RecordRefusal): string {
  return `${r.code}: ${r.reason}`;
}

/** A refusal as the operator's list shows it (`refusals`, GET /api/refusals). */
export function refusalRecordView(r: Refusal, partnerName: string | null) {
  return {
    id: r.id,
    partner: { id: r.partnerId, name: partnerName },
    record: r.recordKind && r.recordId ? { kind: r.recordKind, id: r.recordId } : null,
    ...refusalView(r)!,
    sentBy: r.sentBy ? { staffId: r.sentBy, email: r.sentByEmail } : null,
    seenAt: r.seenAt?.toISOString() ?? null,
    clearedAt: r.clearedAt?.toISOString() ?? null,
  };
}
