/**
 * The sending side of record.withdraw: the owner of a record stops sharing it with one partner.
 * (The receiving side is `records/record-withdraw-handler.ts`.) The reason is the only field the operator wrote,
 * so a body that fails its schema names it.
 */
import type { SchemaRegistry } from '../../protocol/index.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { sendToPartner } from './send-to-partner.ts';

export const WITHDRAW_KIND = 'record.withdraw';

export interface WithdrawNotice {
  recordKind: string;
  recordId: string;
  reason: string;
  /** Given when the caller recorded the id with the change already. */
  messageId?: string;
}

/** Queues record.withdraw to `partner` in the caller's unit of work; returns its message id. */
export function sendWithdraw(
  tx: StoreTx,
  schemas: SchemaRegistry,
  partner: Pick<Partner, 'id' | 'nodeId' | 'status'>,
  notice: WithdrawNotice,
  now: Date,
): Promise<string> {
  const { messageId, ...body } = notice;
  return sendToPartner(
    tx,
    schemas,
    partner,
    { kind: WITHDRAW_KIND, body, ...(messageId !== undefined && { messageId }) },
    now,
    { field: 'reason' },
  );
}
