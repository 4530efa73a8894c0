/** Deal registrations in SQLite: one row per registration and role, its messages, settings. */
import { and, asc, desc, eq, gt, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import {
  dealConflictLinks,
  dealMessages,
  deals,
  dealSettings,
  type DealRow,
} from '../../db/schema/deals.ts';
import { partners } from '../../db/schema/foundation.ts';
import type { Deal, DealRepo, DealSettings, DealStatus } from '../deal-store.ts';
import { createRefusalLookup } from './refusal-repo.ts';
import { toMillis } from '../rows/row-mapping.ts';
import {
  conflictLinksOf,
  statusAsOf,
  EMPTY_FIELDS,
  fieldColumns,
  dealFromColumns,
  type FieldColumns,
} from '../rows/deal-row-mapping.ts';

const PENDING: DealStatus[] = ['submitted', 'returned'];

/** A named parameter of a prepared statement, usable in inserts and updates alike. */
const ph = (name: string): SQL => sql`${sql.placeholder(name)}`;

export function createDealRepo(db: Db): DealRepo {
  const refusalOf = createRefusalLookup(db, 'deal');
  const dealFromRow = (row: DealRow): Deal => ({
    ...dealFromColumns(row),
    refusal: refusalOf(row.dealId, row.partnerId),
  });
  const byKey = db
    .select()
    .from(deals)
    .where(
      and(
        eq(deals.role, sql.placeholder('role')),
        eq(deals.partnerId, sql.placeholder('partnerId')),
        eq(deals.dealId, sql.placeholder('dealId')),
      ),
    )
    .prepare();

  // Writes on the inbound path (every deal.register and deal.decision) are prepared once:
  // building and preparing the SQL each time cost about 0.4 ms of a 0.45 ms insert.
  const fieldKeys = Object.keys(fieldColumns(EMPTY_FIELDS)) as Array<keyof FieldColumns>;
  const fieldPlaceholders = Object.fromEntries(fieldKeys.map((k) => [k, ph(k)])) as Record<
    keyof FieldColumns,
    SQL
  >;
  const insertStmt = db
    .insert(deals)
    .values({
      role: ph('role'),
      partnerId: ph('partnerId'),
      dealId: ph('dealId'),
      version: ph('version'),
      ...fieldPlaceholders,
      status: ph('status'),
      registeredAt: ph('at'),
      updatedAt: ph('at'),
    })
    .returning()
    .prepare();
  const amendStmt = db
    .update(deals)
    .set({
      version: ph('version'),
      ...fieldPlaceholders,
      status: ph('status'),
      updatedAt: ph('at'),
    })
    .where(eq(deals.id, ph('id')))
    .prepare();
  const decisionStmt = db
    .update(deals)
    .set({
      status: ph('status'),
      decisionVersion: ph('decisionVersion'),
      decidedVersion: ph('decidedVersion'),
      decidedAt: ph('at'),
      decisionReason: ph('reason'),
      protectedUntil: ph('protectedUntil'),
      conflicts: ph('conflicts'),
      updatedAt: ph('at'),
    })
    .where(eq(deals.id, ph('id')))
    .prepare();
  const messageStmt = db
    .insert(dealMessages)
    .values({
      dealRowId: ph('dealRowId'),
      direction: ph('direction'),
      kind: ph('kind'),
      messageId: ph('messageId'),
      version: ph('version'),
      jws: ph('jws'),
      at: ph('at'),
    })
    .prepare();

  // Every deal.register runs this; the two indexed customer columns keep it cheap.
  const openByCustomer = db
    .select({ deal: deals })
    .from(deals)
    .innerJoin(partners, eq(partners.id, deals.partnerId))
    .where(
      and(
        // Unary + keeps SQLite from answering this through deals_role_status (every received
        // registration) instead of the two customer indexes (a multi-index OR): without ANALYZE
        // statistics it takes role = ? for selective. Measured: 128 µs against 178 ms at 100k.
        sql`+${deals.role} = 'vendor'`,
        // A removed partner's registrations no longer hold the customer for it.
        ne(partners.status, 'removed'),
        ne(deals.partnerId, sql.placeholder('exceptPartnerId')),
        or(
          eq(deals.normalizedDomain, sql.placeholder('domain')),
          and(
            eq(deals.normalizedName, sql.placeholder('normalizedName')),
            eq(deals.customerCountry, sql.placeholder('country')),
          ),
        ),
        or(
          inArray(deals.status, PENDING),
          and(eq(deals.status, 'approved'), gt(deals.protectedUntil, sql.placeholder('now'))),
        ),
      ),
    )
    .orderBy(asc(deals.id))
    .prepare();

  return {
    async get(id) {
      const row = db.select().from(deals).where(eq(deals.id, id)).get();
      return row ? dealFromRow(row) : null;
    },
    async listByDealId(dealId) {
      return db
        .select()
        .from(deals)
        .where(eq(deals.dealId, dealId))
        .orderBy(asc(deals.id))
        .all()
        .map(dealFromRow);
    },
    async find(role, partnerId, dealId) {
      const row = byKey.get({ role, partnerId, dealId });
      return row ? dealFromRow(row) : null;
    },
    async list(filter, page) {
      const where: SQL[] = [];
      if (filter.role) where.push(eq(deals.role, filter.role));
      if (filter.status) where.push(statusAsOf(filter.status, toMillis(filter.now)));
      if (filter.partnerId !== undefined) where.push(eq(deals.partnerId, filter.partnerId));
      if (page.after !== undefined) where.push(lt(deals.id, page.after));
      return db
        .select()
        .from(deals)
        .where(and(...where))
        .orderBy(desc(deals.id))
        .limit(page.limit)
        .all()
        .map(dealFromRow);
    },
    async findOpenByCustomer(input) {
      return openByCustomer
        .all({
          exceptPartnerId: input.exceptPartnerId,
          // NULL = NULL is not true in SQL, so a registration without a domain never matches by it.
          domain: input.domain,
          normalizedName: input.normalizedName,
          country: input.country,
          now: toMillis(input.now),
        })
        .map((row) => dealFromRow(row.deal));
    },
    async listConflictingWith(ids) {
      if (ids.length === 0) return [];
      const later = db
        .select({ id: dealConflictLinks.laterRowId })
        .from(dealConflictLinks)
        .where(inArray(dealConflictLinks.earlierRowId, [...ids]));
      return db
        .select()
        .from(deals)
        .where(and(eq(deals.role, 'vendor'), inArray(deals.id, later)))
        .orderBy(asc(deals.id))
        .all()
        .map(dealFromRow);
    },
    async insert(input) {
      const row = insertStmt.get({
        role: input.role,
        partnerId: input.partnerId,
        dealId: input.dealId,
        version: input.version,
        ...fieldColumns(input.fields),
        status: input.status,
        at: toMillis(input.at),
      });
      if (!row) throw new Error('deal insert returned no row');
      return dealFromRow(row);
    },
    async amend(id, input) {
      amendStmt.run({
        id,
        version: input.version,
        ...fieldColumns(input.fields),
        status: input.status,
        at: toMillis(input.at),
      });
    },
    async recordDecision(id, d, status) {
      decisionStmt.run({
        id,
        status: status ?? d.status,
        decisionVersion: d.decisionVersion,
        decidedVersion: d.decidedVersion,
        at: toMillis(d.at),
        reason: d.reason,
        protectedUntil: d.protectedUntil === null ? null : toMillis(d.protectedUntil),
        conflicts: d.conflicts ? JSON.stringify(d.conflicts) : null,
      });
      db.delete(dealConflictLinks).where(eq(dealConflictLinks.laterRowId, id)).run();
      const links = conflictLinksOf(id, d.conflicts);
      if (links.length > 0) db.insert(dealConflictLinks).values(links).run();
    },
    async withdraw(id, input) {
      const at = toMillis(input.at);
      db.update(deals)
        .set({ status: 'withdrawn', withdrawnAt: at, withdrawnReason: input.reason, updatedAt: at })
        .where(eq(deals.id, id))
        .run();
    },
    async expireProtection(now) {
      const at = toMillis(now);
      return db
        .update(deals)
        .set({ status: 'expired', updatedAt: at })
        .where(and(eq(deals.status, 'approved'), lte(deals.protectedUntil, at)))
        .returning({ id: deals.id })
        .all()
        .map((row) => row.id);
    },
    async addMessage(m) {
      messageStmt.run({ ...m, at: toMillis(m.at) });
    },
    async messages(dealRowId) {
      return db
        .select()
        .from(dealMessages)
        .where(eq(dealMessages.dealRowId, dealRowId))
        .orderBy(asc(dealMessages.id))
        .all()
        .map((row) => ({
          ...row,
          direction: row.direction as 'in' | 'out',
          at: new Date(row.at),
        }));
    },
    async settings() {
      const rows = db.select().from(dealSettings).all();
      return Object.fromEntries(
        rows.map((r) => [r.key, JSON.parse(r.value) as unknown]),
      ) as Partial<DealSettings>;
    },
    async saveSettings(values, at) {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue;
        const set = { value: JSON.stringify(value), updatedAt: toMillis(at) };
        db.insert(dealSettings)
          .values({ key, ...set })
          .onConflictDoUpdate({ target: dealSettings.key, set })
          .run();
      }
    },
  };
}
