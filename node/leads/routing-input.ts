/**
 * Routing rules and partner routing attributes from operator input, read through the schemas in
 * lead-schemas.ts (a 400 naming the field), merged over what is stored.
 */
import { parseInput } from '../input/parse-input.ts';
import type { PartnerRoutingAttributes, RoutingRuleInput } from '../store/lead-store.ts';
import { badRequest } from '../errors.ts';
import { PartnerRoutingRequest, RoutingRuleRequest } from './lead-schemas.ts';

/** Lists keep their first occurrence of each value. */
const unique = (values: string[] | undefined) => values && [...new Set(values)];

/**
 * A rule in full (create) or some of its fields over `current` (update). Defaults: enabled,
 * partners must cover the lead's region and products, round robin on.
 */
export function parseRule(raw: unknown, current?: RoutingRuleInput): RoutingRuleInput {
  const input = parseInput(RoutingRuleRequest, raw);
  const name = input.name ?? current?.name;
  if (name === undefined) throw badRequest('invalid_field', 'name is required', 'name');
  return {
    name,
    priority: input.priority ?? current?.priority ?? 100,
    enabled: input.enabled ?? current?.enabled ?? true,
    regions: unique(input.regions) ?? current?.regions ?? [],
    products: unique(input.products) ?? current?.products ?? [],
    tiers: unique(input.tiers) ?? current?.tiers ?? [],
    matchPartnerRegion: input.matchPartnerRegion ?? current?.matchPartnerRegion ?? true,
    matchPartnerProducts: input.matchPartnerProducts ?? current?.matchPartnerProducts ?? true,
    roundRobin: input.roundRobin ?? current?.roundRobin ?? true,
    offerHours:
      input.offerHours === null ? null : (input.offerHours ?? current?.offerHours ?? null),
  };
}

/** Attributes given replace the stored ones field by field; `tier: null` clears the tier. */
export function parseAttributes(
  partnerId: number,
  raw: unknown,
  current: PartnerRoutingAttributes | null,
  now: Date,
): PartnerRoutingAttributes {
  const input = parseInput(PartnerRoutingRequest, raw);
  return {
    partnerId,
    tier: input.tier === null ? null : (input.tier ?? current?.tier ?? null),
    regions: unique(input.regions) ?? current?.regions ?? [],
    productLines: unique(input.productLines) ?? current?.productLines ?? [],
    updatedAt: now,
  };
}
