/**
 * What a partner's scorecard is made of: counts and sums over one window of time, month by month
 * where a chart shows them, and the relationship's latest events. The admin API's
 * GET /partners/{ref}/scorecard turns these into rates (node/scorecard/partner-scorecard.ts).
 */

/** An amount in one currency, as a decimal string. */
export interface MoneySum {
  currency: string;
  amount: string;
}

/** One calendar month (UTC) of a partner's activity. */
export interface MonthFigures {
  /** YYYY-MM */
  month: string;
  leadsOffered: number;
  leadsAccepted: number;
  dealsRegistered: number;
  orders: number;
  serviceRequests: number;
}

export interface ScorecardFigures {
  leads: {
    offered: number;
    accepted: number;
    declined: number;
    expired: number;
    open: number;
    /** Sum of (acceptedAt − offeredAt) over accepted offers, in ms. */
    acceptMillis: number;
    won: number;
    lost: number;
    /** Accepted offers still being worked, by the partner's amount. */
    pipeline: MoneySum[];
    wonValue: MoneySum[];
  };
  /** Deal registrations the partner made with us, by status. */
  deals: Record<string, number>;
  service: {
    requests: number;
    /** Requests with a due time, and those answered (or still open) within it. */
    withDue: number;
    withinDue: number;
    open: number;
  };
  /** The partner's warranty and expense claims with us, by status. */
  warrantyClaims: Record<string, number>;
  expenseClaims: Record<string, number>;
  orders: { count: number; totals: MoneySum[] };
  messages: {
    delivered: number;
    pending: number;
    dead: number;
    /** Sum of (deliveredAt − createdAt) over delivered messages, in ms. */
    deliveryMillis: number;
  };
  months: MonthFigures[];
}

export interface TimelineEvent {
  at: Date;
  /** connected | profile | in | out: a message received, or one we sent (with its kind). */
  type: 'connected' | 'profile' | 'in' | 'out';
  kind: string | null;
  ref: string | null;
}

export interface ScorecardRepo {
  /** The partner's figures from `since` to `until` (ms), months counted from `since`. */
  figures(partnerId: number, since: number, until: number): Promise<ScorecardFigures>;
  /** The relationship's latest events, newest first. */
  timeline(partnerId: number, limit: number): Promise<TimelineEvent[]>;
}
