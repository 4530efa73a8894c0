import { describe, expect, it } from 'vitest';
import {
  chooseRoute,
  nextCandidate,
  partnerQualifies,
  rotateAfter,
  ruleApplies,
  type RoutablePartner,
} from '../../node/leads/routing.ts';
import { offerRefusal } from '../../node/leads/offer-flow.ts';
import { ownedLeadStatus } from '../../node/leads/lead-status.ts';
import type { LeadOffer, RoutingRule } from '../../node/store/lead-store.ts';

const at = new Date('2027-01-01T00:00:00Z');

function rule(overrides: Partial<RoutingRule> = {}): RoutingRule {
  return {
    id: 1,
    name: 'rule',
    priority: 100,
    enabled: true,
    regions: [],
    products: [],
    tiers: [],
    matchPartnerRegion: true,
    matchPartnerProducts: true,
    roundRobin: true,
    offerHours: null,
    lastPartnerId: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

function partner(
  partnerId: number,
  tier: string | null,
  regions: string[],
  productLines: string[],
): RoutablePartner {
  return { partnerId, attributes: { partnerId, tier, regions, productLines, updatedAt: at } };
}

function offer(partnerId: number, status: LeadOffer['status'], stage: string | null = null) {
  return {
    seq: partnerId,
    leadId: 'L',
    partnerId,
    exclusive: true,
    status,
    offeredAt: at,
    expiresAt: at,
    offerMessageId: `m${partnerId}`,
    acceptedAt: null,
    declinedAt: null,
    declineReason: null,
    declineComment: null,
    closedAt: null,
    recallReason: null,
    progress: {
      stage,
      amount: null,
      amountCurrency: null,
      note: null,
      lastActivityAt: null,
      version: 0,
    },
    progressAt: null,
  } as LeadOffer;
}

const emea = { region: 'EMEA', interest: ['Router', 'firewall'] };
const partners = [
  partner(3, 'gold', ['EMEA'], ['router']),
  partner(1, 'silver', ['emea', 'APAC'], ['router', 'switch']),
  partner(2, 'gold', ['APAC'], ['router']),
  partner(4, null, ['EMEA'], ['firewall']),
  partner(5, 'gold', ['EMEA'], ['firewall']),
];

describe('leads › routing', () => {
  it('applies a rule by lead region and product interest, without case', () => {
    expect(ruleApplies(rule(), emea)).toBe(true);
    expect(ruleApplies(rule({ regions: ['emea'] }), emea)).toBe(true);
    expect(ruleApplies(rule({ regions: ['APAC'] }), emea)).toBe(false);
    expect(ruleApplies(rule({ products: [' router '] }), emea)).toBe(true);
    expect(ruleApplies(rule({ products: ['switch'] }), emea)).toBe(false);
    expect(ruleApplies(rule({ enabled: false }), emea)).toBe(false);
  });

  it('qualifies partners by tier, region and product line as the rule asks', () => {
    const [gold, silver, apac, untiered] = partners.map((p) => p.attributes);
    expect(partnerQualifies(rule({ tiers: ['Gold'] }), emea, gold!)).toBe(true);
    expect(partnerQualifies(rule({ tiers: ['gold'] }), emea, silver!)).toBe(false);
    expect(partnerQualifies(rule({ tiers: ['gold'] }), emea, untiered!)).toBe(false);
    expect(partnerQualifies(rule(), emea, apac!)).toBe(false);
    expect(partnerQualifies(rule({ matchPartnerRegion: false }), emea, apac!)).toBe(true);
    expect(partnerQualifies(rule(), emea, untiered!)).toBe(true);
    expect(partnerQualifies(rule(), { region: 'EMEA', interest: ['switch'] }, untiered!)).toBe(
      false,
    );
    // Without attributes a partner only qualifies for a rule that asks nothing of it.
    const lax = rule({ matchPartnerRegion: false, matchPartnerProducts: false });
    expect(partnerQualifies(rule(), emea, null)).toBe(false);
    expect(partnerQualifies(lax, emea, null)).toBe(true);
  });

  it('rotates round robin after the partner that came first last time', () => {
    expect(rotateAfter([1, 3, 4], null)).toEqual([1, 3, 4]);
    expect(rotateAfter([1, 3, 4], 1)).toEqual([3, 4, 1]);
    expect(rotateAfter([1, 3, 4], 2)).toEqual([3, 4, 1]);
    expect(rotateAfter([1, 3, 4], 4)).toEqual([1, 3, 4]);
    expect(rotateAfter([1, 3, 4], 9)).toEqual([1, 3, 4]);
    expect(rotateAfter([], 1)).toEqual([]);
  });

  it('chooses the first rule by priority that leaves candidates, minus excluded partners', () => {
    const goldOnly = rule({ id: 1, priority: 10, tiers: ['gold'], products: ['router'] });
    const anyone = rule({ id: 2, priority: 20, roundRobin: false, tiers: ['gold', 'silver'] });
    const apacRule = rule({ id: 3, priority: 1, regions: ['APAC'] });
    const rules = [anyone, goldOnly, apacRule];

    const goldRouters = { region: 'EMEA', interest: ['router'] };
    expect(chooseRoute(rules, goldRouters, partners)).toMatchObject({
      rule: { id: 1 },
      candidates: [3],
    });
    // Without round robin the rule's tiers order the candidates (gold first), then their ids.
    expect(chooseRoute([anyone], emea, partners)?.candidates).toEqual([3, 5, 1]);
    // With every gold partner excluded, the next rule by priority applies.
    expect(chooseRoute(rules, emea, partners, new Set([3, 5]))).toMatchObject({
      rule: { id: 2 },
      candidates: [1],
    });
    expect(chooseRoute(rules, emea, partners, new Set([1, 3, 5]))).toBeNull();
    expect(chooseRoute([], emea, partners)).toBeNull();

    const robin = rule({ lastPartnerId: 3 });
    expect(chooseRoute([robin], emea, partners)?.candidates).toEqual([4, 5, 1, 3]);
  });

  it('offers next the first candidate that never had the lead', () => {
    const routing = { ruleId: 1, candidates: [3, 1, 4] };
    expect(nextCandidate(routing, [])).toBe(3);
    expect(nextCandidate(routing, [offer(3, 'expired')])).toBe(1);
    expect(nextCandidate(routing, [offer(3, 'expired'), offer(1, 'declined')])).toBe(4);
    expect(nextCandidate(routing, [offer(3, 'expired')], new Set([1]))).toBe(4);
    expect(
      nextCandidate(routing, [offer(3, 'expired'), offer(1, 'x' as never), offer(4, 'open')]),
    ).toBeNull();
    expect(nextCandidate(null, [])).toBeNull();
  });

  it('never offers a lead again to a partner that declined it', () => {
    const p = { id: 7, status: 'active' as const, allowedKinds: ['lead.accept'] };
    const lead = { withdrawnAt: null };
    expect(offerRefusal(lead, [], p)).toBeNull();
    expect(offerRefusal(lead, [offer(7, 'declined')], p)).toBe('partner_declined');
    expect(offerRefusal(lead, [offer(7, 'expired')], p)).toBe('offered_before');
    expect(offerRefusal(lead, [offer(7, 'open')], p)).toBe('already_offered');
    expect(offerRefusal(lead, [{ ...offer(8, 'accepted') }], p)).toBe('lead_taken');
    expect(offerRefusal({ withdrawnAt: at }, [], p)).toBe('lead_closed');
    expect(offerRefusal(lead, [], { ...p, allowedKinds: [] })).toBe('cannot_answer');
    expect(offerRefusal(lead, [], { ...p, status: 'removed' })).toBe('partner_removed');
  });

  it('derives the lead status from its offers', () => {
    expect(ownedLeadStatus({ withdrawnAt: null }, [])).toBe('new');
    expect(ownedLeadStatus({ withdrawnAt: null }, [offer(1, 'open')])).toBe('offered');
    expect(ownedLeadStatus({ withdrawnAt: null }, [offer(1, 'expired')])).toBe('unassigned');
    expect(ownedLeadStatus({ withdrawnAt: null }, [offer(1, 'accepted', 'qualified')])).toBe(
      'accepted',
    );
    expect(ownedLeadStatus({ withdrawnAt: null }, [offer(1, 'accepted', 'lost')])).toBe('lost');
    expect(
      ownedLeadStatus({ withdrawnAt: null }, [offer(1, 'accepted', 'lost'), offer(2, 'open')]),
    ).toBe('offered');
    expect(ownedLeadStatus({ withdrawnAt: null }, [offer(1, 'accepted', 'won')])).toBe('won');
    expect(ownedLeadStatus({ withdrawnAt: at }, [offer(1, 'accepted', 'won')])).toBe('withdrawn');
  });
});
