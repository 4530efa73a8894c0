/**
 * A notification in words, in the reader's language: composed when it is read (the inbox) or
 * mailed (the digest) from the facts it keeps, so a person who switches language reads their
 * whole inbox in the new one.
 */
import type { MessageKey, Translator } from '../../i18n/index.ts';
import type { StaffNotification } from '../../store/staff-notification-store.ts';

const TEXT: Record<string, MessageKey> = {
  deal_to_decide: 'notify.dealToDecide',
  request_overdue: 'notify.requestOverdue',
  message_refused: 'notify.messageRefused',
  claim_to_decide: 'notify.claimToDecide',
  order_to_answer: 'notify.orderToAnswer',
};

export function notificationText(
  n: Pick<StaffNotification, 'type' | 'facts'>,
  tr: Translator,
): string {
  const f = n.facts;
  const s = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
  const key = TEXT[n.type];
  if (!key) return tr.t('notify.other', { type: n.type });
  return tr.t(key, {
    partner: s(f.partner),
    deal: s(f.deal),
    customer: s(f.customer),
    request: s(f.request),
    subject: s(f.subject),
    kind: s(f.kind),
    record: s(f.record ?? f.kind),
    code: s(f.code),
    reason: s(f.reason),
    claim: s(f.claim),
    order: s(f.order),
    money: tr.money(s(f.amount) || null, s(f.currency) || null),
  });
}
