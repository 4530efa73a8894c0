/**
 * A partner's scorecard figures in PostgreSQL, the twin of sqlite/scorecard-repo.ts: one aggregate
 * per domain over the partner's own rows only, months the UTC calendar months of each record's own
 * date. Counts and millisecond sums are cast in SQL (PostgreSQL returns bigint and numeric as
 * strings); money stays text and is summed exactly here.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { PgDb } from '../../db/open-postgres.ts';
import type { MonthFigures, ScorecardRepo, TimelineEvent } from '../scorecard-store.ts';
import { monthsBetween, sumsByCurrency } from '../rows/scorecard-rows.ts';

const MONTH = (column: string) =>
  sql.raw(`to_char(to_timestamp(${column} / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM')`);

type Money = { currency: string | null; amount: string | null };
type StatusCount = { status: string; n: number };
type MonthCount = { month: string; n: number };

export function createScorecardRepo(db: PgDb): ScorecardRepo {
  const rows = async <R>(query: SQL) => [...(await db.execute(query))] as R[];

  return {
    async figures(partnerId, since, until) {
      const window = (column: string) =>
        sql`partner_id = ${partnerId} AND ${sql.raw(column)} >= ${since} AND ${sql.raw(column)} < ${until}`;
      const byStatus = (table: string, column: string, extra = sql``) =>
        rows<StatusCount>(
          sql`SELECT status, count(*)::int AS n FROM ${sql.raw(table)}
              WHERE ${extra} ${window(column)} GROUP BY status`,
        );
      const byMonth = (table: string, column: string, extra = sql``) =>
        rows<MonthCount>(
          sql`SELECT ${MONTH(column)} AS month, count(*)::int AS n FROM ${sql.raw(table)}
              WHERE ${extra} ${window(column)} GROUP BY month`,
        );
      const dealRoles = sql`role IN ('vendor', 'partner') AND`;
      const [
        [l],
        pipeline,
        wonValue,
        leadMonths,
        dealStatuses,
        dealMonths,
        warrantyStatuses,
        expenseStatuses,
        [s],
        serviceMonths,
        orders,
        orderMonths,
        msg,
      ] = await Promise.all([
        rows<{
          offered: number;
          accepted: number;
          declined: number;
          expired: number;
          open: number;
          acceptMillis: number | null;
          won: number;
          lost: number;
        }>(
          sql`SELECT count(*)::int AS offered, count(accepted_at)::int AS accepted,
                count(*) FILTER (WHERE status = 'declined')::int AS declined,
                count(*) FILTER (WHERE status = 'expired')::int AS expired,
                count(*) FILTER (WHERE status = 'open')::int AS open,
                sum(accepted_at - offered_at)::float8 AS "acceptMillis",
                count(*) FILTER (WHERE stage = 'won')::int AS won,
                count(*) FILTER (WHERE stage = 'lost')::int AS lost
              FROM lead_offers WHERE ${window('offered_at')}`,
        ),
        rows<Money>(
          sql`SELECT amount_currency AS currency, amount FROM lead_offers
              WHERE partner_id = ${partnerId} AND status = 'accepted'
                AND coalesce(stage, '') NOT IN ('won', 'lost') AND amount IS NOT NULL`,
        ),
        rows<Money>(
          sql`SELECT amount_currency AS currency, amount FROM lead_offers
              WHERE stage = 'won' AND ${window('offered_at')}`,
        ),
        rows<{ month: string; offered: number; accepted: number }>(
          sql`SELECT ${MONTH('offered_at')} AS month, count(*)::int AS offered,
                count(accepted_at)::int AS accepted
              FROM lead_offers WHERE ${window('offered_at')} GROUP BY month`,
        ),
        byStatus('deals', 'registered_at', dealRoles),
        byMonth('deals', 'registered_at', dealRoles),
        byStatus('warranty_claims', 'created_at'),
        byStatus('expense_claims', 'filed_at'),
        rows<{ requests: number; withDue: number; withinDue: number; open: number }>(
          sql`SELECT count(*)::int AS requests, count(due_at)::int AS "withDue",
                count(*) FILTER (WHERE due_at IS NOT NULL AND overdue_marked_at IS NULL AND CASE
                  WHEN status IN ('resolved', 'closed') THEN status_at <= due_at
                  ELSE ${until} <= due_at END)::int AS "withinDue",
                count(*) FILTER (WHERE status IN ('open', 'in_progress', 'waiting'))::int AS open
              FROM service_requests WHERE ${window('created_at')}`,
        ),
        byMonth('service_requests', 'created_at'),
        rows<Money>(
          sql`SELECT currency, coalesce(accepted_total, total) AS amount FROM orders
              WHERE ${window('ordered_at')} AND status <> 'cancelled'`,
        ),
        byMonth('orders', 'ordered_at'),
        rows<{ status: string; n: number; deliveryMillis: number | null }>(
          sql`SELECT status, count(*)::int AS n,
                sum(delivered_at - created_at)::float8 AS "deliveryMillis"
              FROM outbound_messages WHERE ${window('created_at')} GROUP BY status`,
        ),
      ]);
      const count = (status: string) => msg.find((r) => r.status === status)?.n ?? 0;
      const statusCounts = (list: StatusCount[]) =>
        Object.fromEntries(list.map((r) => [r.status, r.n]));
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
      for (const r of leadMonths) {
        add(r.month, (m) => {
          m.leadsOffered = r.offered;
          m.leadsAccepted = r.accepted;
        });
      }
      for (const r of dealMonths) add(r.month, (m) => (m.dealsRegistered = r.n));
      for (const r of orderMonths) add(r.month, (m) => (m.orders = r.n));
      for (const r of serviceMonths) add(r.month, (m) => (m.serviceRequests = r.n));
      return {
        leads: {
          offered: l!.offered,
          accepted: l!.accepted,
          declined: l!.declined,
          expired: l!.expired,
          open: l!.open,
          acceptMillis: l!.acceptMillis ?? 0,
          won: l!.won,
          lost: l!.lost,
          pipeline: sumsByCurrency(pipeline),
          wonValue: sumsByCurrency(wonValue),
        },
        deals: statusCounts(dealStatuses),
        service: {
          requests: s!.requests,
          withDue: s!.withDue,
          withinDue: s!.withinDue,
          open: s!.open,
        },
        warrantyClaims: statusCounts(warrantyStatuses),
        expenseClaims: statusCounts(expenseStatuses),
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
      const [p] = await rows<{ connectedAt: number; profileUpdatedAt: number | null }>(
        sql`SELECT connected_at::float8 AS "connectedAt",
              profile_updated_at::float8 AS "profileUpdatedAt"
            FROM partners WHERE id = ${partnerId}`,
      );
      if (!p) return [];
      const messages = (query: SQL) =>
        rows<{ at: number; kind: string; ref: string | null }>(query);
      const [inbound, outbound] = await Promise.all([
        messages(
          sql`SELECT received_at::float8 AS at, kind, ref FROM inbound_messages
              WHERE partner_id = ${partnerId} ORDER BY seq DESC LIMIT ${limit}`,
        ),
        messages(
          sql`SELECT created_at::float8 AS at, kind, ref FROM outbound_messages
              WHERE partner_id = ${partnerId} ORDER BY seq DESC LIMIT ${limit}`,
        ),
      ]);
      const events: TimelineEvent[] = [
        ...inbound.map((r) => ({
          at: new Date(r.at),
          type: 'in' as const,
          kind: r.kind,
          ref: r.ref,
        })),
        ...outbound.map((r) => ({
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
