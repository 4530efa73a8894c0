import { describe, expect, it } from 'vitest';
import {
  compareStamps,
  decidePartnerUpdate,
  isOverdue,
  nextLocalStamp,
} from '../../node/service/request-rules.ts';
import type { RequestStatus, StatusStamp } from '../../node/store/service-store.ts';

const A = 'https://a.example';
const B = 'https://b.example';

describe('service/request-rules', () => {
  describe('compareStamps', () => {
    it('orders by time, then by node id', () => {
      expect(compareStamps({ at: 1, by: B }, { at: 2, by: A })).toBe(-1);
      expect(compareStamps({ at: 2, by: A }, { at: 1, by: B })).toBe(1);
      expect(compareStamps({ at: 5, by: A }, { at: 5, by: B })).toBe(-1);
      expect(compareStamps({ at: 5, by: B }, { at: 5, by: A })).toBe(1);
      expect(compareStamps({ at: 5, by: A }, { at: 5, by: A })).toBe(0);
    });

    it('puts every update after the opening stamp', () => {
      expect(compareStamps({ at: 0, by: '' }, { at: 0, by: A })).toBe(-1);
    });
  });

  describe('nextLocalStamp', () => {
    it('is now when now is later than anything seen', () => {
      expect(
        nextLocalStamp({ statusStamp: { at: 10, by: B }, selfUpdateAt: 5 }, new Date(20), A),
      ).toEqual({ at: 20, by: A });
    });

    it('is just after the status held when a partner clock ran ahead', () => {
      expect(
        nextLocalStamp({ statusStamp: { at: 90, by: B }, selfUpdateAt: 5 }, new Date(20), A),
      ).toEqual({ at: 91, by: A });
    });

    it('grows strictly with each of our updates, even within one millisecond', () => {
      expect(
        nextLocalStamp({ statusStamp: { at: 20, by: A }, selfUpdateAt: 20 }, new Date(20), A),
      ).toEqual({ at: 21, by: A });
    });
  });

  describe('decidePartnerUpdate', () => {
    const held = {
      status: 'in_progress' as RequestStatus,
      statusStamp: { at: 100, by: A },
      partnerUpdateVersion: 2,
      partnerUpdateAt: 80,
    };

    it('applies a newer version with a later stamp', () => {
      expect(
        decidePartnerUpdate(held, { version: 3, status: 'resolved', stamp: { at: 150, by: B } }),
      ).toEqual({
        kind: 'apply',
        status: 'resolved',
        stamp: { at: 150, by: B },
        statusChanges: true,
      });
    });

    it('takes the version but keeps the status when our update is later', () => {
      expect(
        decidePartnerUpdate(held, { version: 3, status: 'waiting', stamp: { at: 90, by: B } }),
      ).toEqual({
        kind: 'apply',
        status: 'in_progress',
        stamp: held.statusStamp,
        statusChanges: false,
      });
    });

    it('breaks a tie of times by node id', () => {
      const tie = decidePartnerUpdate(
        { ...held, statusStamp: { at: 100, by: B } },
        { version: 3, status: 'closed', stamp: { at: 100, by: A } },
      );
      expect(tie).toMatchObject({ kind: 'apply', statusChanges: false });
      const won = decidePartnerUpdate(held, {
        version: 3,
        status: 'closed',
        stamp: { at: 100, by: B },
      });
      expect(won).toMatchObject({ kind: 'apply', status: 'closed', statusChanges: true });
    });

    it('changes nothing for a late or repeated version, whatever its stamp', () => {
      for (const version of [1, 2]) {
        expect(
          decidePartnerUpdate(held, { version, status: 'closed', stamp: { at: 999, by: B } }),
        ).toEqual({ kind: 'stale' });
      }
    });

    it('refuses a newer version whose stamp goes back behind an earlier one', () => {
      expect(
        decidePartnerUpdate(held, { version: 3, status: 'closed', stamp: { at: 79, by: B } }),
      ).toEqual({ kind: 'out_of_order_stamp' });
    });
  });

  describe('convergence', () => {
    /** Two nodes updating one request, with every delivery reordered, repeated or delayed. */
    interface Side {
      id: string;
      status: RequestStatus;
      statusStamp: StatusStamp;
      selfUpdateVersion: number;
      selfUpdateAt: number;
      partnerUpdateVersion: number;
      partnerUpdateAt: number;
    }
    interface Update {
      version: number;
      status: RequestStatus;
      stamp: StatusStamp;
    }
    const STATUSES: RequestStatus[] = ['open', 'in_progress', 'waiting', 'resolved', 'closed'];

    function random(seed: number) {
      let s = seed;
      return () => {
        s = (s * 1103515245 + 12345) % 2 ** 31;
        return s / 2 ** 31;
      };
    }

    function side(id: string): Side {
      return {
        id,
        status: 'open',
        statusStamp: { at: 0, by: '' },
        selfUpdateVersion: 0,
        selfUpdateAt: 0,
        partnerUpdateVersion: 0,
        partnerUpdateAt: 0,
      };
    }

    function localUpdate(s: Side, status: RequestStatus, now: number): Update {
      const stamp = nextLocalStamp(s, new Date(now), s.id);
      s.selfUpdateVersion += 1;
      s.selfUpdateAt = stamp.at;
      s.status = status;
      s.statusStamp = stamp;
      return { version: s.selfUpdateVersion, status, stamp };
    }

    function receive(s: Side, u: Update): void {
      const d = decidePartnerUpdate(s, u);
      expect(d.kind).not.toBe('out_of_order_stamp');
      if (d.kind !== 'apply') return;
      s.partnerUpdateVersion = u.version;
      s.partnerUpdateAt = u.stamp.at;
      s.status = d.status;
      s.statusStamp = d.stamp;
    }

    it('ends in the same status on both sides in 500 random histories', () => {
      for (let seed = 1; seed <= 500; seed++) {
        const rnd = random(seed);
        const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
        const a = side(A);
        const b = side(B);
        // Clocks that disagree by up to a few ticks, and stand still at times.
        const skew = { [A]: Math.floor(rnd() * 5), [B]: Math.floor(rnd() * 5) };
        const toB: Update[] = [];
        const toA: Update[] = [];
        let now = 10;
        for (let step = 0; step < 30; step++) {
          if (rnd() < 0.6) now += Math.floor(rnd() * 3);
          const r = rnd();
          if (r < 0.25) toB.push(localUpdate(a, pick(STATUSES), now + skew[A]!));
          else if (r < 0.5) toA.push(localUpdate(b, pick(STATUSES), now + skew[B]!));
          else if (r < 0.75 && toB.length > 0) receive(b, pick(toB));
          else if (toA.length > 0) receive(a, pick(toA));
        }
        // In the end everything arrives (at least once, in any order).
        for (const u of [...toB].sort(() => rnd() - 0.5)) receive(b, u);
        for (const u of [...toA].sort(() => rnd() - 0.5)) receive(a, u);
        expect({ seed, status: a.status, stamp: a.statusStamp }).toEqual({
          seed,
          status: b.status,
          stamp: b.statusStamp,
        });
      }
    });
  });

  describe('isOverdue', () => {
    const due = new Date('2027-01-31T17:00:00Z');
    const at = (iso: string) => new Date(iso);
    const request = { dueAt: due, status: 'open' as RequestStatus, withdrawnAt: null };

    it('is overdue only after the due date, while unresolved', () => {
      expect(isOverdue(request, at('2027-01-31T16:59:59Z'))).toBe(false);
      expect(isOverdue(request, due)).toBe(false);
      expect(isOverdue(request, at('2027-01-31T17:00:00.001Z'))).toBe(true);
      for (const status of ['in_progress', 'waiting'] as const) {
        expect(isOverdue({ ...request, status }, at('2027-02-01T00:00:00Z'))).toBe(true);
      }
    });

    it('is never overdue when resolved, closed, withdrawn or without a due date', () => {
      const late = at('2027-03-01T00:00:00Z');
      expect(isOverdue({ ...request, status: 'resolved' }, late)).toBe(false);
      expect(isOverdue({ ...request, status: 'closed' }, late)).toBe(false);
      expect(isOverdue({ ...request, withdrawnAt: due }, late)).toBe(false);
      expect(isOverdue({ ...request, dueAt: null }, late)).toBe(false);
    });
  });
});
