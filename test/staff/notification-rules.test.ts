/**
 * Which events notify whom (node/staff/notifications/notification-rules.ts): only what is ours
 * to answer, each for the roles that decide it, linked to its console page.
 */
import { describe, expect, it } from 'vitest';
import { draftOfEvent, draftOfRefusal } from '../../node/staff/notifications/notification-rules.ts';
import type { DomainEvent } from '../../node/store/event-store.ts';

const event = (type: string, data: Record<string, unknown>, seq = 1): DomainEvent => ({
  seq,
  id: `evt_${seq}`,
  type,
  subject: null,
  data,
  cause: { kind: 'node' } as DomainEvent['cause'],
  at: new Date('2027-01-04T09:00:00Z'),
});

describe('staff › notification rules', () => {
  it('notifies a registration made with us to the roles that decide deals', () => {
    const data = {
      id: 12,
      dealId: 'D-77',
      partnerId: 3,
      role: 'vendor',
      endCustomer: { name: 'ACME' },
    };
    expect(draftOfEvent(event('deal.registered', data))).toEqual({
      type: 'deal_to_decide',
      area: 'deals',
      roles: ['channel_manager'],
      partnerId: 3,
      dedupeKey: 'deal.registered:12',
      path: '/deals/12',
      facts: { deal: 'D-77', customer: 'ACME' },
    });
    // Our own registration with a vendor is not ours to decide.
    expect(draftOfEvent(event('deal.registered', { ...data, role: 'partner' }))).toBeNull();
  });

  it('notifies an expense claim filed with us to finance, an order placed with us to the order desk', () => {
    const claim = {
      id: 4,
      claimId: 'EC-4',
      partnerId: 3,
      owner: 'partner',
      total: '1200.00',
      currency: 'EUR',
    };
    expect(draftOfEvent(event('fund_claim.created', claim))).toMatchObject({
      type: 'claim_to_decide',
      area: 'funds',
      roles: ['finance'],
      path: '/funds/claims/4',
      facts: { claim: 'EC-4', amount: '1200.00', currency: 'EUR' },
    });
    expect(draftOfEvent(event('fund_claim.created', { ...claim, owner: 'self' }))).toBeNull();

    const order = {
      id: 14,
      orderId: 'PO-14',
      partnerId: 3,
      direction: 'incoming',
      total: '99.50',
      currency: 'EUR',
    };
    expect(draftOfEvent(event('order.created', order))).toMatchObject({
      type: 'order_to_answer',
      area: 'orders',
      roles: ['order_desk'],
      path: '/orders/14',
    });
    expect(draftOfEvent(event('order.created', { ...order, direction: 'outgoing' }))).toBeNull();
  });

  it('notifies each overdue mark of a request to the service roles, and a refusal to the watchers', () => {
    const data = { id: 5, requestId: 'SR-5', partnerId: 3, subject: 'Label' };
    const first = draftOfEvent(event('service_request.overdue', data, 10))!;
    const again = draftOfEvent(event('service_request.overdue', data, 20))!;
    expect(first).toMatchObject({
      type: 'request_overdue',
      roles: ['service_agent'],
      path: '/service/5',
    });
    expect(first.dedupeKey).not.toBe(again.dedupeKey);
    expect(draftOfEvent(event('service_request.updated', data))).toBeNull();

    const refusal = draftOfRefusal({
      id: 9,
      partnerId: 3,
      messageId: 'm-1',
      kind: 'service.request',
      recordKind: 'service_request',
      recordId: 'SR-6',
      code: 'forbidden',
      reason: 'not allowed',
      at: new Date(),
      seenAt: null,
      clearedAt: null,
      sentBy: null,
      sentByEmail: null,
      mailedAt: null,
      mailAttempts: 0,
    });
    expect(refusal).toMatchObject({
      type: 'message_refused',
      area: 'messages',
      roles: ['viewer'],
      dedupeKey: 'refusal:9',
      facts: { kind: 'service.request', record: 'service_request SR-6', code: 'forbidden' },
    });
  });
});
