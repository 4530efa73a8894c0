import { describe, expect, it } from 'vitest';
import { blackHoles, median, trackingByPartner } from '../../node/leads/tracking.ts';
import type { LeadStage, OfferFact, OfferStatus } from '../../node/store/lead-store.ts';

const T0 = new Date('2027-01-01T00:00:00Z').getTime();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t = (ms: number) => new Date(T0 + ms);

function fact(
  partnerId: number,
  status: OfferStatus,
  opts: {
    leadId?: string;
    acceptedAfter?: number;
    stage?: LeadStage;
    amount?: string;
    currency?: string;
    leadCurrency?: string | null;
    progressAt?: number;
    withdrawn?: boolean;
  } = {},
): OfferFact {
  return {
    seq: 0,
    leadId: opts.leadId ?? `L${partnerId}`,
    partnerId,
    exclusive: true,
    status,
    offeredAt: t(0),
    expiresAt: t(72 * HOUR),
    offerMessageId: 'm',
    acceptedAt: opts.acceptedAfter === undefined ? null : t(opts.acceptedAfter),
    declinedAt: null,
    declineReason: null,
    declineComment: null,
    closedAt: null,
    recallReason: null,
    progress: {
      stage: opts.stage ?? null,
      amount: opts.amount ?? null,
      amountCurrency: opts.currency ?? null,
      note: null,
      lastActivityAt: null,
      version: opts.stage ? 1 : 0,
    },
    progressAt: opts.progressAt === undefined ? null : t(opts.progressAt),
    leadCurrency: opts.leadCurrency === undefined ? 'EUR' : opts.leadCurrency,
    leadWithdrawn: opts.withdrawn ?? false,
    refusal: null,
  };
}

describe('leads › tracking', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(3); // (2 + 3) / 2, rounded
  });

  it('counts offers, answers and won amounts per partner and currency', () => {
    const report = trackingByPartner([
      fact(1, 'accepted', { acceptedAfter: 2 * HOUR, stage: 'won', amount: '100.50' }),
      fact(1, 'accepted', { acceptedAfter: 6 * HOUR, stage: 'won', amount: '0.25' }),
      fact(1, 'accepted', {
        acceptedAfter: 4 * HOUR,
        stage: 'won',
        amount: '999',
        currency: 'USD',
      }),
      fact(1, 'accepted', { acceptedAfter: HOUR, stage: 'won', amount: '7', leadCurrency: null }),
      fact(1, 'accepted', { acceptedAfter: 3 * HOUR, stage: 'lost' }),
      fact(1, 'declined'),
      fact(1, 'expired'),
      fact(1, 'open'),
      fact(2, 'expired'),
      // Accepted, then recalled: it still counts as accepted.
      fact(2, 'recalled', { acceptedAfter: 10 * HOUR }),
    ]);
    expect(report).toEqual([
      {
        partnerId: 1,
        offersReceived: 8,
        open: 1,
        accepted: 5,
        declined: 1,
        expired: 1,
        medianTimeToAcceptMs: 3 * HOUR,
        won: 4,
        lost: 1,
        wonAmount: { EUR: '100.75', USD: '999', XXX: '7' },
      },
      {
        partnerId: 2,
        offersReceived: 2,
        open: 0,
        accepted: 1,
        declined: 0,
        expired: 1,
        medianTimeToAcceptMs: 10 * HOUR,
        won: 0,
        lost: 0,
        wonAmount: {},
      },
    ]);
  });

  it('sums money exactly, never through floating point', () => {
    const [row] = trackingByPartner([
      fact(1, 'accepted', { acceptedAfter: 0, stage: 'won', amount: '0.1' }),
      fact(1, 'accepted', { acceptedAfter: 0, stage: 'won', amount: '0.2' }),
      fact(1, 'accepted', { acceptedAfter: 0, stage: 'won', amount: '12345678901234567890.10' }),
    ]);
    expect(row?.wonAmount).toEqual({ EUR: '12345678901234567890.40' });
  });

  it('finds accepted leads without progress for N days, longest silence first', () => {
    const now = t(30 * DAY);
    const holes = blackHoles(
      [
        fact(1, 'accepted', { leadId: 'silent', acceptedAfter: 0 }),
        fact(1, 'accepted', {
          leadId: 'stalled',
          acceptedAfter: 0,
          stage: 'qualified',
          progressAt: 10 * DAY,
        }),
        fact(1, 'accepted', {
          leadId: 'recent',
          acceptedAfter: 0,
          stage: 'proposal',
          progressAt: 25 * DAY,
        }),
        fact(2, 'accepted', { leadId: 'won', acceptedAfter: 0, stage: 'won', progressAt: DAY }),
        fact(2, 'accepted', { leadId: 'lost', acceptedAfter: 0, stage: 'lost', progressAt: DAY }),
        fact(2, 'accepted', { leadId: 'gone', acceptedAfter: 0, withdrawn: true }),
        fact(2, 'recalled', { leadId: 'recalled', acceptedAfter: 0 }),
        fact(2, 'open', { leadId: 'open' }),
        fact(2, 'accepted', { leadId: 'edge', acceptedAfter: 16 * DAY }),
      ],
      now,
      14,
    );
    expect(holes.map((h) => [h.leadId, h.silentDays])).toEqual([
      ['silent', 30],
      ['stalled', 20],
      ['edge', 14],
    ]);
    expect(holes[1]).toMatchObject({
      partnerId: 1,
      stage: 'qualified',
      lastProgressAt: t(10 * DAY),
    });
    expect(blackHoles([fact(1, 'accepted', { acceptedAfter: 0 })], t(13 * DAY), 14)).toEqual([]);
  });
});
