/**
 * Lead routing, as pure functions: which rule applies to a lead, which partners it makes
 * eligible, in what order they are offered the lead, and which candidate comes next.
 */
import type {
  LeadCore,
  LeadOffer,
  LeadRouting,
  PartnerRoutingAttributes,
  RoutingRule,
} from '../store/lead-store.ts';
import { productKey } from '../records/customer-keys.ts';

/** A partner routing may consider: connected, able to answer leads, with its attributes. */
export interface RoutablePartner {
  partnerId: number;
  attributes: PartnerRoutingAttributes | null;
}

export interface RouteChoice {
  rule: RoutingRule;
  /** Partner ids in offer order. */
  candidates: number[];
}

const key = (text: string): string => text.trim().toLowerCase();

function shareOne(a: readonly string[], b: readonly string[]): boolean {
  const keys = new Set(a.map(productKey));
  return b.some((item) => keys.has(productKey(item)));
}

/** A rule applies to a lead in one of its regions with one of its products (empty: any). */
export function ruleApplies(rule: RoutingRule, lead: Pick<LeadCore, 'region' | 'interest'>) {
  if (!rule.enabled) return false;
  if (rule.regions.length > 0 && !rule.regions.some((r) => key(r) === key(lead.region))) {
    return false;
  }
  return rule.products.length === 0 || shareOne(rule.products, lead.interest);
}

/** The partner is of one of the rule's tiers and, as the rule asks, covers region and product. */
export function partnerQualifies(
  rule: RoutingRule,
  lead: Pick<LeadCore, 'region' | 'interest'>,
  attributes: PartnerRoutingAttributes | null,
): boolean {
  const tier = attributes?.tier ?? null;
  if (rule.tiers.length > 0 && (tier === null || !rule.tiers.some((t) => key(t) === key(tier)))) {
    return false;
  }
  if (rule.matchPartnerRegion) {
    const regions = attributes?.regions ?? [];
    if (!regions.some((r) => key(r) === key(lead.region))) return false;
  }
  return !rule.matchPartnerProducts || shareOne(attributes?.productLines ?? [], lead.interest);
}

/**
 * Round robin: the partner after the one that came first last time goes first now. Keyed by
 * partner id rather than a list index, so partners joining or leaving the eligible set do not
 * make the rotation skip or repeat anyone.
 */
export function rotateAfter(sortedIds: readonly number[], lastPartnerId: number | null): number[] {
  if (lastPartnerId === null) return [...sortedIds];
  const start = sortedIds.findIndex((id) => id > lastPartnerId);
  if (start <= 0) return [...sortedIds];
  return [...sortedIds.slice(start), ...sortedIds.slice(0, start)];
}

/** Without round robin, the rule's tiers give the order (earlier tiers first), then the id. */
function tierRank(rule: RoutingRule, attributes: PartnerRoutingAttributes | null): number {
  const tier = attributes?.tier;
  const rank = tier ? rule.tiers.findIndex((t) => key(t) === key(tier)) : -1;
  return rank < 0 ? rule.tiers.length : rank;
}

/**
 * The first rule (by priority) that applies to the lead and leaves at least one eligible partner
 * once `excluded` ones (who declined or had the lead before) are left out.
 */
export function chooseRoute(
  rules: readonly RoutingRule[],
  lead: Pick<LeadCore, 'region' | 'interest'>,
  partners: readonly RoutablePartner[],
  excluded: ReadonlySet<number> = new Set(),
): RouteChoice | null {
  const ordered = [...rules].sort((a, b) => a.priority - b.priority || a.id - b.id);
  for (const rule of ordered) {
    if (!ruleApplies(rule, lead)) continue;
    const eligible = partners
      .filter((p) => !excluded.has(p.partnerId) && partnerQualifies(rule, lead, p.attributes))
      .sort((a, b) => a.partnerId - b.partnerId);
    if (eligible.length === 0) continue;
    const candidates = rule.roundRobin
      ? rotateAfter(
          eligible.map((p) => p.partnerId),
          rule.lastPartnerId,
        )
      : eligible
          .sort(
            (a, b) =>
              tierRank(rule, a.attributes) - tierRank(rule, b.attributes) ||
              a.partnerId - b.partnerId,
          )
          .map((p) => p.partnerId);
    return { rule, candidates };
  }
  return null;
}

/**
 * The next candidate to offer the lead to: the first one that never had an offer of it. A
 * partner that declined (or let an offer expire) is never offered the same lead again.
 */
export function nextCandidate(
  routing: LeadRouting | null,
  offers: readonly Pick<LeadOffer, 'partnerId'>[],
  skip: ReadonlySet<number> = new Set(),
): number | null {
  if (!routing) return null;
  const had = new Set(offers.map((o) => o.partnerId));
  return routing.candidates.find((id) => !had.has(id) && !skip.has(id)) ?? null;
}
