/** Routing configuration of the leads domain: the owner's rules and partners' attributes. */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { leadPartnerRouting, leadRoutingRules } from '../../db/schema/leads.ts';
import type { LeadRepo, RoutingRuleInput } from '../lead-store.ts';
import { attributesFromRow, ruleFromRow } from '../rows/lead-row-mapping.ts';

type RoutingRepo = Pick<
  LeadRepo,
  | 'listRules'
  | 'getRule'
  | 'insertRule'
  | 'updateRule'
  | 'deleteRule'
  | 'setRuleCursor'
  | 'listPartnerAttributes'
  | 'getPartnerAttributes'
  | 'setPartnerAttributes'
>;

function ruleColumns(rule: RoutingRuleInput) {
  return {
    name: rule.name,
    priority: rule.priority,
    enabled: rule.enabled,
    regions: JSON.stringify(rule.regions),
    products: JSON.stringify(rule.products),
    tiers: JSON.stringify(rule.tiers),
    matchPartnerRegion: rule.matchPartnerRegion,
    matchPartnerProducts: rule.matchPartnerProducts,
    roundRobin: rule.roundRobin,
    offerHours: rule.offerHours,
  };
}

export function createLeadRoutingRepo(db: Db): RoutingRepo {
  return {
    async listRules() {
      return db
        .select()
        .from(leadRoutingRules)
        .orderBy(asc(leadRoutingRules.priority), asc(leadRoutingRules.id))
        .all()
        .map(ruleFromRow);
    },
    async getRule(id) {
      const row = db.select().from(leadRoutingRules).where(eq(leadRoutingRules.id, id)).get();
      return row ? ruleFromRow(row) : null;
    },
    async insertRule(rule, at) {
      const row = db
        .insert(leadRoutingRules)
        .values({ ...ruleColumns(rule), createdAt: at.getTime(), updatedAt: at.getTime() })
        .returning()
        .get();
      return ruleFromRow(row);
    },
    async updateRule(id, rule, at) {
      db.update(leadRoutingRules)
        .set({ ...ruleColumns(rule), updatedAt: at.getTime() })
        .where(eq(leadRoutingRules.id, id))
        .run();
    },
    async deleteRule(id) {
      return db.delete(leadRoutingRules).where(eq(leadRoutingRules.id, id)).run().changes > 0;
    },
    async setRuleCursor(id, lastPartnerId) {
      db.update(leadRoutingRules).set({ lastPartnerId }).where(eq(leadRoutingRules.id, id)).run();
    },
    async listPartnerAttributes() {
      return db
        .select()
        .from(leadPartnerRouting)
        .orderBy(asc(leadPartnerRouting.partnerId))
        .all()
        .map(attributesFromRow);
    },
    async getPartnerAttributes(partnerId) {
      const row = db
        .select()
        .from(leadPartnerRouting)
        .where(eq(leadPartnerRouting.partnerId, partnerId))
        .get();
      return row ? attributesFromRow(row) : null;
    },
    async setPartnerAttributes(a) {
      const values = {
        tier: a.tier,
        regions: JSON.stringify(a.regions),
        productLines: JSON.stringify(a.productLines),
        updatedAt: a.updatedAt.getTime(),
      };
      db.insert(leadPartnerRouting)
        .values({ partnerId: a.partnerId, ...values })
        .onConflictDoUpdate({ target: leadPartnerRouting.partnerId, set: values })
        .run();
    },
  };
}
