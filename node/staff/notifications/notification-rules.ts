/**
 * Which changes the company's staff are told about, and who is: each rule turns a domain event
 * (or a partner's refusal of our message) into a notification for the people whose roles decide
 * or watch that kind of record. The console area decides visibility: a notification is written
 * only for people who may act on (or, for refusals, see) its area, and read back only while their
 * roles still see it (inbox.ts), so nobody learns of an area their roles don't allow.
 */
import type { Role } from '../../domain-kernel/roles.ts';
import type { DomainEvent } from '../../store/event-store.ts';
import type { Refusal } from '../../store/refusal-store.ts';
import type { NewStaffNotification } from '../../store/staff-notification-store.ts';
import { ACTION_ROLES, areaOf, type AreaKey } from '../console-areas.ts';

export type NotificationType =
  'deal_to_decide' | 'request_overdue' | 'message_refused' | 'claim_to_decide' | 'order_to_answer';

/** A notification before it has recipients. */
export type NotificationDraft = Omit<NewStaffNotification, 'staffId'> & {
  /** The roles (besides owner and admin) it is written for. */
  roles: readonly Role[];
  partnerId: number;
};

/** The event types that notify: the job reads only these from the log. */
export const NOTIFYING_EVENT_TYPES = [
  'deal.registered',
  'service_request.overdue',
  'fund_claim.created',
  'order.created',
] as const;

const seg = (id: unknown): string => encodeURIComponent(String(id));
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function draft(
  type: NotificationType,
  area: AreaKey,
  roles: readonly Role[],
  partnerId: number,
  dedupeKey: string,
  path: string,
  facts: NewStaffNotification['facts'],
): NotificationDraft {
  return { type, area, roles, partnerId, dedupeKey, path, facts };
}

/**
 * The notification an event gives rise to, or null. Only what is ours to answer notifies: a
 * registration a partner made with us (we are its vendor), an order a partner placed with us, an
 * expense claim a partner filed with us, a service request past its due date.
 */
export function draftOfEvent(event: DomainEvent): NotificationDraft | null {
  const d = event.data as Record<string, any>;
  const partnerId = typeof d.partnerId === 'number' ? d.partnerId : null;
  if (partnerId === null || typeof d.id !== 'number') return null;
  const key = `${event.type}:${d.id}`;
  switch (event.type) {
    case 'deal.registered':
      if (d.role !== 'vendor') return null;
      return draft(
        'deal_to_decide',
        'deals',
        areaOf('deals').act,
        partnerId,
        key,
        `/deals/${seg(d.id)}`,
        { deal: str(d.dealId), customer: str(d.endCustomer?.name) },
      );
    case 'service_request.overdue':
      return draft(
        'request_overdue',
        'service',
        areaOf('service').act,
        partnerId,
        // Overdue again after it was cleared is news again.
        `${key}:${event.seq}`,
        `/service/${seg(d.id)}`,
        { request: str(d.requestId), subject: str(d.subject) },
      );
    case 'fund_claim.created':
      if (d.owner !== 'partner') return null;
      return draft(
        'claim_to_decide',
        'funds',
        // Decisions and payments are finance's (console-operations.ts), not the whole area's.
        ['finance'],
        partnerId,
        key,
        `/funds/claims/${seg(d.id)}`,
        { claim: str(d.claimId), amount: str(d.total), currency: str(d.currency) },
      );
    case 'order.created':
      if (d.direction !== 'incoming') return null;
      return draft(
        'order_to_answer',
        'orders',
        ACTION_ROLES.answerOrder,
        partnerId,
        key,
        `/orders/${seg(d.id)}`,
        { order: str(d.orderId), amount: str(d.total), currency: str(d.currency) },
      );
    default:
      return null;
  }
}

/** A partner refused one of our messages: for the people who watch the node's messages. */
export function draftOfRefusal(r: Refusal): NotificationDraft {
  return draft(
    'message_refused',
    'messages',
    areaOf('messages').see,
    r.partnerId,
    `refusal:${r.id}`,
    '/messages/dead-letters',
    {
      kind: r.kind,
      record: r.recordKind && r.recordId ? `${r.recordKind} ${r.recordId}` : null,
      code: r.code,
      reason: r.reason,
    },
  );
}
