import { describe, expect, it } from 'vitest';
import { reminderDue } from '../../node/portal/lead-reminder-job.ts';
import { MAX_MAIL_ATTEMPTS, mailRetryAt } from '../../node/portal/mail-job.ts';
import { composeNotification } from '../../node/portal/notifications.ts';
import { portalNodeId, portalUidOf } from '../../node/portal/portal-ids.ts';
import { parseSettingsChange } from '../../node/portal/portal-settings-change.ts';
import { timeLeft } from '../../node/portal/web/format.ts';
import { partnerVisible } from '../../node/portal/web/service-pages.tsx';
import type { ServiceEvent } from '../../node/store/service-store.ts';

const NODE = 'https://partners.acme.example';
const UID = '0b5d6c1e-8f3a-4c2b-9d7e-1a2b3c4d5e6f';
const at = (iso: string) => new Date(iso);

describe('portal › node ids', () => {
  it('names a portal partner under the vendor and recognizes only its own', () => {
    const id = portalNodeId(NODE, UID);
    expect(id).toBe(`${NODE}/portal/partners/${UID}`);
    expect(portalUidOf(NODE, id)).toBe(UID);
    expect(portalUidOf('https://other.example', id)).toBeNull();
    expect(portalUidOf(NODE, `${NODE}/portal/partners/not-a-uid`)).toBeNull();
    expect(
      portalUidOf(NODE, 'https://partners.acme.example.evil.com/portal/partners/' + UID),
    ).toBeNull();
    expect(portalNodeId(`${NODE}/base`, UID)).toBe(`${NODE}/base/portal/partners/${UID}`);
  });
});

describe('portal › notifications', () => {
  const facts = (kind: string, body: Record<string, unknown>, label: string | null = null) =>
    composeNotification({ kind, messageId: 'm-1', body, label });

  it('tells of a new lead once per lead, with its deadline and page', () => {
    const n = facts('lead.offer', {
      lead: { id: 'L/1', company: 'Globex', region: 'EMEA', interest: ['router', 'switch'] },
      exclusive: true,
      offerExpiresAt: '2027-03-03T09:00:00.000Z',
      version: 2,
    });
    expect(n).toMatchObject({
      type: 'lead_offered',
      dedupeKey: 'lead_offered:L/1',
      subject: 'New lead offered: Globex',
      path: '/leads/L%2F1',
    });
    expect(n!.body).toContain('router, switch');
    expect(n!.body).toContain('by Mar 3, 2027, 09:00 UTC');
  });

  it('tells of decisions and changes, named by the record it holds', () => {
    expect(
      facts(
        'deal.decision',
        { dealId: 'D1', status: 'approved', protectedUntil: '2027-06-01T00:00:00Z', version: 1 },
        'Initech',
      ),
    ).toMatchObject({
      type: 'deal_decided',
      dedupeKey: 'msg:m-1',
      subject: 'Deal registration approved: Initech',
      path: '/deals/D1',
    });
    const update = facts(
      'service.update',
      { requestId: 'R1', status: 'waiting', comment: { id: 'c', text: 'Need logs' }, version: 3 },
      'Router reboots',
    );
    expect(update!.subject).toBe('Service request waiting: Router reboots');
    expect(update!.body).toContain('Comment: Need logs');
    expect(
      facts('warranty.decision', { claimId: 'W1', status: 'more_info', reason: 'Photo?' }, 'FW SN')!
        .subject,
    ).toBe('Warranty claim more info: FW SN');
    expect(
      facts('record.withdraw', { recordKind: 'deal', recordId: 'D1', reason: 'dup' }, 'Initech'),
    ).toMatchObject({ subject: 'Deal registration withdrawn: Initech', path: '/deals/D1' });
  });

  it('tells of order answers and milestones, funds, expense decisions and proposals', () => {
    expect(
      facts('order.response', { orderId: 'O1', code: 'CA', reason: 'Two left' }),
    ).toMatchObject({
      type: 'order_answered',
      subject: 'Order accepted with changes',
      path: '/orders/O1',
    });
    expect(
      facts('order.status', { orderId: 'O1', status: 'shipped', tracking: 'DHL 1' })!.body,
    ).toBe('Your order O1 is shipped. Tracking: DHL 1.');
    const funds = facts('fund.allocation', {
      allocation: {
        id: 'F1',
        amount: '5000.00',
        currency: 'EUR',
        activities: ['trade_show'],
        claimDeadline: '2027-07-31',
      },
      version: 2,
    });
    expect(funds).toMatchObject({ dedupeKey: 'fund:F1:2', path: '/funds/F1' });
    expect(funds!.body).toContain('changed marketing funds for you: €5,000.00 for trade show');
    expect(
      facts('expense.decision', { claimId: 'E1', status: 'partial', approvedAmount: '1800.00' }),
    ).toMatchObject({ subject: 'Expense claim partial', path: '/expenses/E1' });
    expect(
      composeNotification({
        kind: 'warranty.decision',
        messageId: 'm-2',
        body: { claimId: 'W1', status: 'partial', approvedAmount: '1800.5' },
        label: 'FW SN',
        currency: 'CNY',
      })!.body,
    ).toContain('Approved amount: CN¥1,800.5.');
    expect(
      facts('replenishment.proposal', {
        proposalId: 'P1',
        location: 'Kiel',
        validUntil: '2027-03-08T09:00:00Z',
        lines: [{}, {}],
      })!.body,
    ).toContain('at Kiel: 2 line(s). Please accept, change or reject it by Mar 8, 2027, 09:00 UTC');
  });

  it('says nothing about kinds the portal user need not act on', () => {
    expect(facts('partner.update', { name: 'X' })).toBeNull();
    // "Received" comes right after the order is placed: the answer that follows is the news.
    expect(facts('order.response', { orderId: 'O1', code: 'AB' })).toBeNull();
    expect(
      facts('record.withdraw', { recordKind: 'pricelist', recordId: 'P', reason: 'r' }),
    ).toBeNull();
  });
});

describe('portal › reminders and retries', () => {
  const offer = { offeredAt: at('2027-03-01T09:00:00Z'), expiresAt: at('2027-03-03T09:00:00Z') };

  it('reminds when a quarter of the window or a day is left, whichever is shorter', () => {
    expect(reminderDue(offer, at('2027-03-02T20:59:00Z'))).toBe(false);
    expect(reminderDue(offer, at('2027-03-02T21:00:00Z'))).toBe(true);
    expect(reminderDue(offer, at('2027-03-03T09:00:00Z'))).toBe(false);
    const week = { offeredAt: at('2027-03-01T00:00:00Z'), expiresAt: at('2027-03-08T00:00:00Z') };
    expect(reminderDue(week, at('2027-03-06T23:59:00Z'))).toBe(false);
    expect(reminderDue(week, at('2027-03-07T00:00:00Z'))).toBe(true);
  });

  it('backs off mail retries and gives up', () => {
    const now = at('2027-03-01T00:00:00Z');
    expect(mailRetryAt(1, now)!.getTime() - now.getTime()).toBe(60_000);
    expect(mailRetryAt(3, now)!.getTime() - now.getTime()).toBe(4 * 60_000);
    expect(mailRetryAt(MAX_MAIL_ATTEMPTS, now)).toBeNull();
  });

  it('says how long is left in words', () => {
    const now = at('2027-03-01T09:00:00Z');
    expect(timeLeft(at('2027-03-03T12:00:00Z'), now)).toBe('2 days 3 hours');
    expect(timeLeft(at('2027-03-01T10:30:00Z'), now)).toBe('1 hour 30 minutes');
    expect(timeLeft(at('2027-03-01T09:00:30Z'), now)).toBe('less than a minute');
    expect(timeLeft(now, now)).toBe('expired');
  });
});

describe('portal › settings and visibility', () => {
  it('checks SMTP settings field by field', () => {
    expect(() => parseSettingsChange({ smtp: { host: 'a b', from: 'x@y.example' } })).toThrow(
      expect.objectContaining({ field: 'smtp.host' }),
    );
    expect(() =>
      parseSettingsChange({ smtp: { host: 'mail.example', from: 'x@y.example', user: 'u' } }),
    ).toThrow(expect.objectContaining({ field: 'smtp.password' }));
    expect(() => parseSettingsChange({ sessionHours: 0 })).toThrow(
      expect.objectContaining({ field: 'sessionHours' }),
    );
    expect(() => parseSettingsChange({ colour: 'red' })).toThrow(
      expect.objectContaining({ field: 'colour' }),
    );
    expect(
      parseSettingsChange({ smtp: { host: 'mail.example', port: 465, from: 'x@y.example' } }),
    ).toMatchObject({ smtp: { secure: true, user: null, password: null } });
  });

  it('never shows the vendor’s internal comments or marks to the partner', () => {
    const event = (type: ServiceEvent['type'], visibility?: 'partner' | 'internal') =>
      ({
        type,
        comment: visibility ? { id: 'c', text: 't', visibility } : null,
      }) as ServiceEvent;
    const shown = partnerVisible([
      event('opened'),
      event('update', 'partner'),
      event('comment', 'internal'),
      event('update', 'internal'),
      event('overdue'),
      event('withdrawn'),
    ]);
    expect(shown.map((e) => e.type)).toEqual(['opened', 'update', 'withdrawn']);
  });
});
