/** Reading routing rules and partner routing attributes from admin input (400 naming the field). */
import {
  invalidField,
  optionalInteger,
  optionalString,
  optionalStringList,
  rejectUnknownFields,
  requiredString,
} from '../admin/fields.ts';
import type { PartnerRoutingAttributes, RoutingRuleInput } from '../store/lead-store.ts';
import { OFFER_HOURS_BOUNDS } from './lead-input.ts';

export const RULE_FIELDS = [
  'name',
  'priority',
  'enabled',
  'regions',
  'products',
  'tiers',
  'matchPartnerRegion',
  'matchPartnerProducts',
  'roundRobin',
  'offerHours',
] as const;

export const ATTRIBUTE_FIELDS = ['tier', 'regions', 'productLines'] as const;

const LIST = { minItems: 0, maxItems: 100, maxLength: 100 };
const NAME = { min: 1, max: 200 };

function optionalBoolean(input: Record<string, unknown>, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalidField(field, `${field} must be true or false`);
  return value;
}

/**
 * A rule in full (create) or some of its fields over `current` (update). Defaults: enabled,
 * partners must cover the lead's region and products, round robin on.
 */
export function parseRule(
  input: Record<string, unknown>,
  current?: RoutingRuleInput,
): RoutingRuleInput {
  rejectUnknownFields(input, RULE_FIELDS);
  const name = current
    ? (optionalString(input, 'name', NAME) ?? current.name)
    : requiredString(input, 'name', NAME);
  const offerHours =
    input.offerHours === null
      ? null
      : (optionalInteger(input, 'offerHours', OFFER_HOURS_BOUNDS) ?? current?.offerHours ?? null);
  return {
    name,
    priority:
      optionalInteger(input, 'priority', { min: 0, max: 1_000_000 }) ?? current?.priority ?? 100,
    enabled: optionalBoolean(input, 'enabled') ?? current?.enabled ?? true,
    regions: optionalStringList(input, 'regions', LIST) ?? current?.regions ?? [],
    products: optionalStringList(input, 'products', LIST) ?? current?.products ?? [],
    tiers: optionalStringList(input, 'tiers', LIST) ?? current?.tiers ?? [],
    matchPartnerRegion:
      optionalBoolean(input, 'matchPartnerRegion') ?? current?.matchPartnerRegion ?? true,
    matchPartnerProducts:
      optionalBoolean(input, 'matchPartnerProducts') ?? current?.matchPartnerProducts ?? true,
    roundRobin: optionalBoolean(input, 'roundRobin') ?? current?.roundRobin ?? true,
    offerHours,
  };
}

/** Attributes given replace the stored ones field by field; `tier: null` clears the tier. */
export function parseAttributes(
  partnerId: number,
  input: Record<string, unknown>,
  current: PartnerRoutingAttributes | null,
  now: Date,
): PartnerRoutingAttributes {
  rejectUnknownFields(input, ATTRIBUTE_FIELDS);
  const tier =
    input.tier === null
      ? null
      : (optionalString(input, 'tier', { min: 1, max: 100 }) ?? current?.tier ?? null);
  return {
    partnerId,
    tier,
    regions: optionalStringList(input, 'regions', LIST) ?? current?.regions ?? [],
    productLines: optionalStringList(input, 'productLines', LIST) ?? current?.productLines ?? [],
    updatedAt: now,
  };
}
