/** Deal registrations in SQLite: one row per registration and role, its messages, settings. */
import { and, asc, desc, eq, gt, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import {
  dealConflictLinks,
  dealMessages,
  deals,
  dealSettings,
  type DealRow,
} from '../../db/pg-schema/deals.ts';
import { partners } from '../../db/pg-schema/foundation.ts';
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
import { onFirstUse } from './on-first-use.ts';

const PENDING: DealStatus[] = ['submitted', 'returned'];

/** A named parameter of a prepared statement, usable in inserts and updates alike. */
const ph = (name: string): SQL => sql`${sql.placeholder(name)}`;

export function createDealRepo(db: Db): DealRepo {
  const refusalOf = createRefusalLookup(db, 'deal');
  const dealFromRow = async (row: DealRow): Promise<Deal> => ({
    ...dealFromColumns(row),
    refusal: await refusalOf(row.dealId, row.partnerId),
  });
  const byKey = onFirstUse(() =>
    db
      .select()
      .from(deals)
      .where(
        and(
          eq(deals.role, sql.placeholder('role')),
          eq(deals.partnerId, sql.placeholder('partnerId')),
          eq(deals.dealId, sql.placeholder('dealId')),
        ),
      )
      .prepare('byKey'),
  );

  // Writes on the inbound path (every deal.register and deal.decision) are prepared once:
  // building and preparing the SQL each time cost about 0.4 ms of a 0.45 ms insert.
  const fieldKeys = Object.keys(fieldColumns(EMPTY_FIELDS)) as Array<keyof FieldColumns>;
  const fieldPlaceholders = Object.fromEntries(fieldKeys.map((k) => [k, ph(k)])) as Record<
    keyof FieldColumns,
    SQL
  >;
  const insertStmt = onFirstUse(() =>
    db
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
      .prepare('insertStmt'),
  );
  const amendStmt = onFirstUse(() =>
    db
      .update(deals)
      .set({
        version: ph('version'),
        ...fieldPlaceholders,
        status: ph('status'),
        updatedAt: ph('at'),
      })
      .where(eq(deals.id, ph('id')))
      .prepare('amendStmt'),
  );
  const decisionStmt = onFirstUse(() =>
    db
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
      .prepare('decisionStmt'),
  );
  const messageStmt = onFirstUse(() =>
    db
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
      .prepare('messageStmt'),
  );

  // Every deal.register runs this; the two indexed customer columns keep it cheap.
  const openByCustomer = onFirstUse(() =>
    db
      .select({ deal: deals })
      .from(deals)
      .innerJoin(partners, eq(partners.id, deals.partnerId))
      .where(
        and(
          eq(deals.role, 'vendor'),
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
      .prepare('openByCustomer'),
  );

  return {
    async get(id) {
      const row = (await db.select().from(deals).where(eq(deals.id, id)))[0];
      return row ? dealFromRow(row) : null;
    },
    async listByDealId(dealId) {
      return Promise.all(
        (await db.select().from(deals).where(eq(deals.dealId, dealId)).orderBy(asc(deals.id))).map(
          dealFromRow,
        ),
      );
    },
    async find(role, partnerId, dealId) {
      const row = (await byKey().execute({ role, partnerId, dealId }))[0];
      return row ? dealFromRow(row) : null;
    },
    async list(filter, page) {
      const where: SQL[] = [];
      if (filter.role) where.push(eq(deals.role, filter.role));
      if (filter.status) where.push(statusAsOf(filter.status, toMillis(filter.now)));
      if (filter.partnerId !== undefined) where.push(eq(deals.partnerId, filter.partnerId));
      if (page.after !== undefined) where.push(lt(deals.id, page.after));
      return Promise.all(
        (
          await db
            .select()
            .from(deals)
            .where(and(...where))
            .orderBy(desc(deals.id))
            .limit(page.limit)
        ).map(dealFromRow),
      );
    },
    async findOpenByCustomer(input) {
      return Promise.all(
        (
          await openByCustomer().execute({
            exceptPartnerId: input.exceptPartnerId,
            // NULL = NULL is not true in SQL, so a registration without a domain never matches by it.
            domain: input.domain,
            normalizedName: input.normalizedName,
            country: input.country,
            now: toMillis(input.now),
          })
        ).map((row) => dealFromRow(row.deal)),
      );
    },
    async listConflictingWith(ids) {
      if (ids.length === 0) return [];
      const later = db
        .select({ id: dealConflictLinks.laterRowId })
        .from(dealConflictLinks)
        .where(inArray(dealConflictLinks.earlierRowId, [...ids]));
      return Promise.all(
        (
          await db
            .select()
            .from(deals)
            .where(and(eq(deals.role, 'vendor'), inArray(deals.id, later)))
            .orderBy(asc(deals.id))
        ).map(dealFromRow),
      );
    },
    async insert(input) {
      const row = (
        await insertStmt().execute({
          role: input.role,
          partnerId: input.partnerId,
          dealId: input.dealId,
          version: input.version,
          ...fieldColumns(input.fields),
          status: input.status,
          at: toMillis(input.at),
        })
      )[0];
      if (!row) throw new Error('deal insert returned no row');
      return dealFromRow(row);
    },
    async amend(id, input) {
      await amendStmt().execute({
        id,
        version: input.version,
        ...fieldColumns(input.fields),
        status: input.status,
        at: toMillis(input.at),
      });
    },
    async recordDecision(id, d, status) {
      await decisionStmt().execute({
        id,
        status: status ?? d.status,
        decisionVersion: d.decisionVersion,
        decidedVersion: d.decidedVersion,
        at: toMillis(d.at),
        reason: d.reason,
        protectedUntil: d.protectedUntil === null ? null : toMillis(d.protectedUntil),
        conflicts: d.conflicts ? JSON.stringify(d.conflicts) : null,
      });
      await db.delete(dealConflictLinks).where(eq(dealConflictLinks.laterRowId, id));
      const links = conflictLinksOf(id, d.conflicts);
      if (links.length > 0) await db.insert(dealConflictLinks).values(links);
    },
    async withdraw(id, input) {
      const at = toMillis(input.at);
      await db
        .update(deals)
        .set({ status: 'withdrawn', withdrawnAt: at, withdrawnReason: input.reason, updatedAt: at })
        .where(eq(deals.id, id));
    },
    async expireProtection(now) {
      const at = toMillis(now);
      return (
        await db
          .update(deals)
          .set({ status: 'expired', updatedAt: at })
          .where(and(eq(deals.status, 'approved'), lte(deals.protectedUntil, at)))
          .returning({ id: deals.id })
      ).map((row) => row.id);
    },
    async addMessage(m) {
      await messageStmt().execute({ ...m, at: toMillis(m.at) });
    },
    async messages(dealRowId) {
      return (
        await db
          .select()
          .from(dealMessages)
          .where(eq(dealMessages.dealRowId, dealRowId))
          .orderBy(asc(dealMessages.id))
      ).map((row) => ({
        ...row,
        direction: row.direction as 'in' | 'out',
        at: new Date(row.at),
      }));
    },
    async settings() {
      const rows = await db.select().from(dealSettings);
      return Object.fromEntries(
        rows.map((r) => [r.key, JSON.parse(r.value) as unknown]),
      ) as Partial<DealSettings>;
    },
    async saveSettings(values, at) {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue;
        const set = { value: JSON.stringify(value), updatedAt: toMillis(at) };
        await db
          .insert(dealSettings)
          .values({ key, ...set })
          .onConflictDoUpdate({ target: dealSettings.key, set });
      }
    },
  };
}
