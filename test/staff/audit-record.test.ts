/** How an /api change is named in the audit trail: its record and the message ids it caused. */
import { describe, expect, it } from 'vitest';
import { messageIdsIn, recordOf } from '../../node/staff/audit-record.ts';

describe('staff › audit of /api changes', () => {
  it('names the record by the route parameter, or by the id of what was created', () => {
    expect(recordOf('/api/partners/:id/suspend', '/api/partners/5/suspend', null)).toBe(
      'partners/5',
    );
    expect(recordOf('/api/leads/:id', '/api/leads/L%2D1', null)).toBe('leads/L-1');
    expect(recordOf('/api/invitations', '/api/invitations', { invitation: { id: 'abc' } })).toBe(
      'invitations/abc',
    );
    expect(recordOf('/api/leads', '/api/leads', { id: 7 })).toBe('leads/7');
    expect(recordOf('/api/messages/retry', '/api/messages/retry', { retried: 2 })).toBeNull();
  });

  it('collects the message ids an answer names, a few levels deep and bounded', () => {
    expect(
      messageIdsIn({
        messageId: 'm1',
        offers: [{ messageId: 'm2' }, { nested: { messageIds: ['m3', 'm1', 4] } }],
      }).sort(),
    ).toEqual(['m1', 'm2', 'm3']);
    expect(
      messageIdsIn({ messageIds: Array.from({ length: 500 }, (_, i) => `m${i}`) }),
    ).toHaveLength(100);
    expect(messageIdsIn(null)).toEqual([]);
  });
});
