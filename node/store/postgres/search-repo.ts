/**
 * Search in PostgreSQL: `ILIKE '%text%'` (SQLite's LIKE ignores the case of ASCII letters; ILIKE
 * does so for every letter) over the few columns people search by, each kind capped and newest
 * first, as the SQLite store does (sqlite/search-repo.ts).
 */
import { desc, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { deals } from '../../db/pg-schema/deals.ts';
import { partners } from '../../db/pg-schema/foundation.ts';
import { leads } from '../../db/pg-schema/leads.ts';
import { orders } from '../../db/pg-schema/orders.ts';
import { serviceRequests } from '../../db/pg-schema/service.ts';
import type { SearchHit, SearchKind, SearchQuery, SearchRepo } from '../search-store.ts';

/** `%text%` with LIKE's own wildcards taken literally. */
const patternOf = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function matches(pattern: string, ...columns: AnyPgColumn[]): SQL {
  return sql.join(
    columns.map((col) => sql`${col} ILIKE ${pattern} ESCAPE '\\'`),
    sql` OR `,
  );
}

export function createSearchRepo(db: Db): SearchRepo {
  const byKind: Record<SearchKind, (pattern: string, limit: number) => Promise<SearchHit[]>> = {
    partner: async (p, limit) =>
      (
        await db
          .select({
            id: partners.id,
            title: partners.name,
            ref: partners.nodeId,
            status: partners.status,
          })
          .from(partners)
          .where(matches(p, partners.name, partners.nodeId))
          .orderBy(desc(partners.id))
          .limit(limit)
      ).map((r) => ({ kind: 'partner', ...r, id: String(r.id) })),
    lead: async (p, limit) =>
      (
        await db
          .select({ id: leads.id, title: leads.company })
          .from(leads)
          .where(matches(p, leads.company, leads.id))
          .orderBy(desc(leads.createdAt))
          .limit(limit)
      ).map((r) => ({ kind: 'lead', id: r.id, title: r.title, ref: r.id, status: null })),
    deal: async (p, limit) =>
      (
        await db
          .select({
            id: deals.id,
            title: deals.customerName,
            ref: deals.dealId,
            status: deals.status,
          })
          .from(deals)
          .where(matches(p, deals.customerName, deals.dealId))
          .orderBy(desc(deals.id))
          .limit(limit)
      ).map((r) => ({ kind: 'deal', ...r, id: String(r.id) })),
    request: async (p, limit) =>
      (
        await db
          .select({
            id: serviceRequests.id,
            title: serviceRequests.subject,
            ref: serviceRequests.requestId,
            status: serviceRequests.status,
          })
          .from(serviceRequests)
          .where(matches(p, serviceRequests.subject, serviceRequests.requestId))
          .orderBy(desc(serviceRequests.id))
          .limit(limit)
      ).map((r) => ({ kind: 'request', ...r, id: String(r.id) })),
    order: async (p, limit) =>
      (
        await db
          .select({
            id: orders.id,
            title: orders.orderId,
            ref: orders.orderId,
            status: orders.status,
          })
          .from(orders)
          .where(matches(p, orders.orderId))
          .orderBy(desc(orders.id))
          .limit(limit)
      ).map((r) => ({ kind: 'order', ...r, id: String(r.id) })),
  };
  return {
    async find(query: SearchQuery) {
      const pattern = patternOf(query.text);
      const hits = await Promise.all(query.kinds.map((kind) => byKind[kind](pattern, query.limit)));
      return hits.flat();
    },
  };
}
