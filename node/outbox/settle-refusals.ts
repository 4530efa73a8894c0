/**
 * When a partner refuses one of our messages, the record the message was about keeps the
 * refusal (code and reason), and the operator sees it among the refusals to acknowledge
 * (`partner-sync refusals`, `GET /api/refusals`); a later message about the same record that the
 * partner accepts clears it. Both run in the unit of work that settles the delivery.
 *
 * The person whose change sent the message is told too: the audit row of that change names the
 * message, so the refusal keeps who it was (`GET /api/refusals?mine=true` lists a person's own).
 */
import type { StoreTx } from '../store/store.ts';
import type { OutboundMessage } from '../store/types.ts';
import { recordOf } from './refused-record.ts';

type Row = Pick<OutboundMessage, 'messageId' | 'partnerId' | 'kind' | 'body'>;

/**
 * How far from the message's creation its audit row may lie: the row is written in the same unit
 * of work, or just after the admin API answered; the window keeps the search on the time index.
 */
const AUDIT_WINDOW_BEFORE_MS = 60_000;
const AUDIT_WINDOW_AFTER_MS = 10 * 60_000;

export async function recordRefusal(
  tx: StoreTx,
  row: Row & Pick<OutboundMessage, 'createdAt'>,
  refusal: { code: string; reason: string },
  at: Date,
): Promise<void> {
  const record = recordOf(row.kind, row.body);
  const created = row.createdAt.getTime();
  const sender = await tx.audit.senderOf(
    row.messageId,
    new Date(created - AUDIT_WINDOW_BEFORE_MS),
    new Date(created + AUDIT_WINDOW_AFTER_MS),
  );
  await tx.refusals.record({
    partnerId: row.partnerId,
    messageId: row.messageId,
    kind: row.kind,
    recordKind: record?.recordKind ?? null,
    recordId: record?.recordId ?? null,
    code: refusal.code,
    // The partner's words travel to our operator only; bounded like any stored text.
    reason: refusal.reason.slice(0, 500),
    at,
    sentBy: sender?.staffId ?? null,
    sentByEmail: sender?.staffId ? sender.email : null,
  });
}

export async function clearRefusals(tx: StoreTx, delivered: readonly Row[], at: Date) {
  for (const row of delivered) {
    const record = recordOf(row.kind, row.body);
    if (record) await tx.refusals.clear(row.partnerId, record.recordKind, record.recordId, at);
  }
}
