/**
 * A partner's scorecard figures in SQLite: one aggregate per domain, each over the partner's own
 * rows only (every table here is indexed by partner first), so the cost follows one partner's
 * volume, not the node's. Months are UTC calendar months of the record's own date.
 */
import type Database from 'better-sqlite3';
import type {
  MonthFigures,
  ScorecardFigures,
  ScorecardRepo,
  TimelineEvent,
} from '../scorecard-store.ts';
import { monthsBetween, sumsByCurrency } from '../rows/scorecard-rows.ts';

const MONTH = (column: string) => `strftime('%Y-%m', ${column} / 1000, 'unixepoch')`;

export function createScorecardRepo(sqlite: Database.Database): ScorecardRepo {
  const q = <R>(text: string) => sqlite.prepare<unknown[], R>(text);
  const leadFigures = q<{
    offered: number;
    accepted: number;
    declined: number;
    expired: number;
    open: number;
    acceptMillis: number | null;
    won: number;
    lost: number;
  }>(
    `SELECT count(*) AS offered, count(accepted_at) AS accepted,
       sum(status = 'declined') AS declined, sum(status = 'expired') AS expired,
       sum(status = 'open') AS open, sum(accepted_at - offered_at) AS acceptMillis,
       sum(stage = 'won') AS won, sum(stage = 'lost') AS lost
     FROM lead_offers WHERE partner_id = ? AND offered_at >= ? AND offered_at < ?`,
  );
  const pipeline = q<{ currency: string | null; amount: string | null }>(
    `SELECT amount_currency AS currency, amount FROM lead_offers
     WHERE partner_id = ? AND status = 'accepted' AND coalesce(stage, '') NOT IN ('won', 'lost')
       AND amount IS NOT NULL`,
  );
  const wonValue = q<{ currency: string | null; amount: string | null }>(
    `SELECT amount_currency AS currency, amount FROM lead_offers
     WHERE partner_id = ? AND stage = 'won' AND offered_at >= ? AND offered_at < ?`,
  );
  const leadMonths = q<{ month: string; offered: number; accepted: number }>(
    `SELECT ${MONTH('offered_at')} AS month, count(*) AS offered, count(accepted_at) AS accepted
     FROM lead_offers WHERE partner_id = ? AND offered_at >= ? AND offered_at < ? GROUP BY month`,
  );
  const byStatus = (table: string, column: string, extra = '') =>
    q<{ status: string; n: number }>(
      `SELECT status, count(*) AS n FROM ${table}
       WHERE ${extra} partner_id = ? AND ${column} >= ? AND ${column} < ? GROUP BY status`,
    );
  const dealStatuses = byStatus('deals', 'registered_at', "role IN ('vendor', 'partner') AND");
  const dealMonths = q<{ month: string; n: number }>(
    `SELECT ${MONTH('registered_at')} AS month, count(*) AS n FROM deals
     WHERE role IN ('vendor', 'partner') AND partner_id = ? AND registered_at >= ?
       AND registered_at < ? GROUP BY month`,
  );
  const warrantyStatuses = byStatus('warranty_claims', 'created_at');
  const expenseStatuses = byStatus('expense_claims', 'filed_at');
  const service = q<{ requests: number; withDue: number; withinDue: number | null; open: number }>(
    `SELECT count(*) AS requests, count(due_at) AS withDue,
       sum(due_at IS NOT NULL AND overdue_marked_at IS NULL AND CASE
         WHEN status IN ('resolved', 'closed') THEN status_at <= due_at ELSE ? <= due_at END)
         AS withinDue,
       sum(status IN ('open', 'in_progress', 'waiting')) AS open
     FROM service_requests WHERE partner_id = ? AND created_at >= ? AND created_at < ?`,
  );
  const serviceMonths = q<{ month: string; n: number }>(
    `SELECT ${MONTH('created_at')} AS month, count(*) AS n FROM service_requests
     WHERE partner_id = ? AND created_at >= ? AND created_at < ? GROUP BY month`,
  );
  const orderTotals = q<{ currency: string; amount: string }>(
    `SELECT currency, coalesce(accepted_total, total) AS amount FROM orders
     WHERE partner_id = ? AND ordered_at >= ? AND ordered_at < ? AND status <> 'cancelled'`,
  );
  const orderMonths = q<{ month: string; n: number }>(
    `SELECT ${MONTH('ordered_at')} AS month, count(*) AS n FROM orders
     WHERE partner_id = ? AND ordered_at >= ? AND ordered_at < ? GROUP BY month`,
  );
  const messages = q<{ status: string; n: number; deliveryMillis: number | null }>(
    `SELECT status, count(*) AS n, sum(delivered_at - created_at) AS deliveryMillis
     FROM outbound_messages WHERE partner_id = ? AND created_at >= ? AND created_at < ?
     GROUP BY status`,
  );
  const inbound = q<{ at: number; kind: string; ref: string | null }>(
    `SELECT received_at AS at, kind, ref FROM inbound_messages WHERE partner_id = ?
     ORDER BY seq DESC LIMIT ?`,
  );
  const outbound = q<{ at: number; kind: string; ref: string | null }>(
    `SELECT created_at AS at, kind, ref FROM outbound_messages WHERE partner_id = ?
     ORDER BY seq DESC LIMIT ?`,
  );
  const partner = q<{ connectedAt: number; profileUpdatedAt: number | null }>(
    `SELECT connected_at AS connectedAt, profile_updated_at AS profileUpdatedAt
     FROM partners WHERE id = ?`,
  );

  const statusCounts = (rows: Array<{ status: string; n: number }>) =>
    Object.fromEntries(rows.map((r) => [r.status, r.n]));

  return {
    async figures(partnerId, since, until) {
      const w = [partnerId, since, until] as const;
      const l = leadFigures.get(...w)!;
      const s = service.get(until, ...w)!;
      const msg = messages.all(...w);
      const count = (status: string) => msg.find((r) => r.status === status)?.n ?? 0;
      const orders = orderTotals.all(...w);
      const monthly = new Map<string, MonthFigures>(
        monthsBetween(since, until).map((month) => [
          month,
          {
            month,
            leadsOffered: 0,
            leadsAccepted: 0,
            dealsRegistered: 0,
            orders: 0,
            serviceRequests: 0,
          },
        ]),
      );
      const add = (month: string, f: (m: MonthFigures) => void) => {
        const m = monthly.get(month);
        if (m) f(m);
      };
      for (const r of leadMonths.all(...w)) {
        add(r.month, (m) => {
          m.leadsOffered = r.offered;
          m.leadsAccepted = r.accepted;
        });
      }
      for (const r of dealMonths.all(...w)) add(r.month, (m) => (m.dealsRegistered = r.n));
      for (const r of orderMonths.all(...w)) add(r.month, (m) => (m.orders = r.n));
      for (const r of serviceMonths.all(...w)) add(r.month, (m) => (m.serviceRequests = r.n));
      return {
        leads: {
          offered: l.offered,
          accepted: l.accepted,
          declined: l.declined ?? 0,
          expired: l.expired ?? 0,
          open: l.open ?? 0,
          acceptMillis: l.acceptMillis ?? 0,
          won: l.won ?? 0,
          lost: l.lost ?? 0,
          pipeline: sumsByCurrency(pipeline.all(partnerId)),
          wonValue: sumsByCurrency(wonValue.all(...w)),
        },
        deals: statusCounts(dealStatuses.all(...w)),
        service: {
          requests: s.requests,
          withDue: s.withDue,
          withinDue: s.withinDue ?? 0,
          open: s.open ?? 0,
        },
        warrantyClaims: statusCounts(warrantyStatuses.all(...w)),
        expenseClaims: statusCounts(expenseStatuses.all(...w)),
        orders: { count: orders.length, totals: sumsByCurrency(orders) },
        messages: {
          delivered: count('delivered'),
          pending: count('pending') + count('in_flight'),
          dead: count('dead'),
          deliveryMillis: msg.find((r) => r.status === 'delivered')?.deliveryMillis ?? 0,
        },
        months: [...monthly.values()],
      };
    },

    async timeline(partnerId, limit) {
      const p = partner.get(partnerId);
      if (!p) return [];
      const events: TimelineEvent[] = [
        ...inbound.all(partnerId, limit).map((r) => ({
          at: new Date(r.at),
          type: 'in' as const,
          kind: r.kind,
          ref: r.ref,
        })),
        ...outbound.all(partnerId, limit).map((r) => ({
          at: new Date(r.at),
          type: 'out' as const,
          kind: r.kind,
          ref: r.ref,
        })),
        { at: new Date(p.connectedAt), type: 'connected', kind: null, ref: null },
        ...(p.profileUpdatedAt !== null
          ? [{ at: new Date(p.profileUpdatedAt), type: 'profile' as const, kind: null, ref: null }]
          : []),
      ];
      return events.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
    },
  };
}
