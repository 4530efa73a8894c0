/**
 * The owned leads lists behind the console's Today page read by index, not by scanning every
 * lead: `new` is a walk of the leads_new partial index (leads.first_offered_at, set with a lead's
 * first offer), and the migration's backfill gives leads offered before the column existed the
 * time of their first offer; a page's offers are one lookup of lead_offers_lead (listOffersOf),
 * not a query per lead. Checked on SQLite's EXPLAIN QUERY PLAN of the repo's own query.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, desc, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabaseResult } from '../../node/db/open-database.ts';
import { leadOffers, leads } from '../../node/db/schema/leads.ts';
import { MIGRATIONS_DIR } from '../../node/paths.ts';
import { ownedLeadStatusWhere } from '../../node/store/rows/owned-lead-status-sql.ts';

const COLUMNS = { leads, offers: leadOffers, offersTable: leadOffers };

describe('leads › list query plans', () => {
  let dir: string;
  let opened: OpenDatabaseResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lead-plans-'));
    opened = openDatabase(join(dir, 'node.db'));
  });
  afterAll(async () => {
    opened.sqlite.close();
    await rm(dir, { recursive: true, force: true });
  });

  const planOf = (query: { toSQL(): { sql: string; params: unknown[] } }) => {
    const { sql, params } = query.toSQL();
    return (
      opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{
        detail: string;
      }>
    ).map((p) => p.detail);
  };

  it('finds new leads in the leads_new index, with no offers probe', () => {
    const plan = planOf(
      opened.db
        .select()
        .from(leads)
        .where(and(ownedLeadStatusWhere('new', COLUMNS)))
        .orderBy(desc(leads.createdAt), desc(leads.id))
        .limit(101),
    );
    expect(plan.join('; ')).toMatch(/SCAN leads USING INDEX leads_new/);
    expect(plan.join('; ')).not.toMatch(/lead_offers/);
  });

  it("reads a page's offers in one lookup of lead_offers_lead", () => {
    const plan = planOf(
      opened.db
        .select()
        .from(leadOffers)
        .where(inArray(leadOffers.leadId, ['L-1', 'L-2', 'L-3']))
        .orderBy(asc(leadOffers.leadId), asc(leadOffers.seq)),
    );
    expect(plan.join('; ')).toMatch(
      /SEARCH lead_offers USING INDEX lead_offers_lead \(lead_id=\?\)/,
    );
    expect(plan.join('; ')).not.toMatch(/TEMP B-TREE/);
  });

  it('backfills first_offered_at from the earliest offer of each lead', async () => {
    const { sqlite } = opened;
    const lead = sqlite.prepare(
      `INSERT INTO leads (id, company, contact_name, region, interest, source, normalized_name,
         version, created_at, updated_at) VALUES (?, 'C', 'Ann', 'DE', '[]', 'web', 'c', 1, 1, 1)`,
    );
    lead.run('L-OFFERED');
    lead.run('L-NEW');
    const offer = sqlite.prepare(
      `INSERT INTO lead_offers (lead_id, partner_id, exclusive, status, offered_at, expires_at,
         offer_message_id) VALUES ('L-OFFERED', ?, 0, 'declined', ?, 0, 'm')`,
    );
    offer.run(1, 500);
    offer.run(2, 200);
    const sql = await readFile(join(MIGRATIONS_DIR, '0017_lead_first_offered.sql'), 'utf8');
    const backfill = sql.split('--> statement-breakpoint').at(-1)!;
    sqlite.exec(backfill);
    const rows = sqlite.prepare('SELECT id, first_offered_at AS at FROM leads ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'L-NEW', at: null },
      { id: 'L-OFFERED', at: 200 },
    ]);
  });
});
