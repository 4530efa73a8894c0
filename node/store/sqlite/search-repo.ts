/**
 * Search in SQLite: `LIKE '%text%'` over the few columns people search by, each kind capped and
 * newest first. A contains-match cannot use an index; the caps keep the answer small, and a
 * kind's scan stays within the list pages' budget at the sizes the bench seeds.
 */
import { desc, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/open-database.ts';
import { deals } from '../../db/schema/deals.ts';
import { partners } from '../../db/schema/foundation.ts';
import { leads } from '../../db/schema/leads.ts';
import { orders } from '../../db/schema/orders.ts';
import { serviceRequests } from '../../db/schema/service.ts';
import type { SearchHit, SearchKind, SearchQuery, SearchRepo } from '../search-store.ts';

/** `%text%` with LIKE's own wildcards taken literally. */
const patternOf = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function matches(pattern: string, ...columns: AnySQLiteColumn[]): SQL {
  return sql.join(
    columns.map((col) => sql`${col} LIKE ${pattern} ESCAPE '\\'`),
    sql` OR `,
  );
}

export function createSearchRepo(db: Db): SearchRepo {
  const byKind: Record<SearchKind, (pattern: string, limit: number) => SearchHit[]> = {
    partner: (p, limit) =>
      db
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
        .all()
        .map((r) => ({ kind: 'partner', ...r, id: String(r.id) })),
    lead: (p, limit) =>
      db
        .select({ id: leads.id, title: leads.company })
        .from(leads)
        .where(matches(p, leads.company, leads.id))
        .orderBy(desc(leads.createdAt))
        .limit(limit)
        .all()
        .map((r) => ({ kind: 'lead', id: r.id, title: r.title, ref: r.id, status: null })),
    deal: (p, limit) =>
      db
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
        .all()
        .map((r) => ({ kind: 'deal', ...r, id: String(r.id) })),
    request: (p, limit) =>
      db
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
        .all()
        .map((r) => ({ kind: 'request', ...r, id: String(r.id) })),
    order: (p, limit) =>
      db
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
        .all()
        .map((r) => ({ kind: 'order', ...r, id: String(r.id) })),
  };
  return {
    async find(query: SearchQuery) {
      const pattern = patternOf(query.text);
      return query.kinds.flatMap((kind) => byKind[kind](pattern, query.limit));
    },
  };
}
