/**
 * When a partner refuses one of our messages, the record the message was about keeps the
 * refusal (code and reason), and the operator sees it among the refusals to acknowledge
 * (`partner-sync refusals`, `GET /api/refusals`); a later message about the same record that the
 * partner accepts clears it. Both run in the unit of work that settles the delivery.
 */
import type { StoreTx } from '../store/store.ts';
import type { OutboundMessage } from '../store/types.ts';
import { recordOf } from './refused-record.ts';

type Row = Pick<OutboundMessage, 'messageId' | 'partnerId' | 'kind' | 'body'>;

export async function recordRefusal(
  tx: StoreTx,
  row: Row,
  refusal: { code: string; reason: string },
  at: Date,
): Promise<void> {
  const record = recordOf(row.kind, row.body);
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
  });
}

export async function clearRefusals(tx: StoreTx, delivered: readonly Row[], at: Date) {
  for (const row of delivered) {
    const record = recordOf(row.kind, row.body);
    if (record) await tx.refusals.clear(row.partnerId, record.recordKind, record.recordId, at);
  }
}
