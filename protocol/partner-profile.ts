/**
 * A partner's profile vocabulary and the bodies of the relationship kinds
 * (`partner.connect`, `partner.update`, `partner.disconnect`).
 *
 * @module
 */

/** Partner types (the `partnerType` of a profile). Mirrors `schemas/defs.schema.json`. */
export const PARTNER_TYPES = [
  'strategic_service',
  'non_strategic_service',
  'value_added_supplier',
  'commodity_supplier',
  'network_operations',
  'application_service_provider',
  'reseller',
] as const;

/** A partner type. */
export type PartnerType = (typeof PARTNER_TYPES)[number];

/** Relationships (the `relationship` of a profile). Mirrors `schemas/defs.schema.json`. */
export const RELATIONSHIPS = ['commodity_based', 'strategic', 'market_facing'] as const;

/** A relationship. */
export type Relationship = (typeof RELATIONSHIPS)[number];

/** The relationship kinds defined in this pass. */
export const PARTNER_KINDS = ['partner.connect', 'partner.update', 'partner.disconnect'] as const;

/** Whether `x` is one of {@link PARTNER_TYPES}. */
export function isPartnerType(x: unknown): x is PartnerType {
  return (PARTNER_TYPES as readonly unknown[]).includes(x);
}

/** Whether `x` is one of {@link RELATIONSHIPS}. */
export function isRelationship(x: unknown): x is Relationship {
  return (RELATIONSHIPS as readonly unknown[]).includes(x);
}

/** Body of `partner.connect` (schema `partner.connect.schema.json`). */
export interface PartnerConnectBody {
  /** The one-time invitation token, 16 to 200 characters. */
  token: string;
  /** Display name of the joining company, 1 to 200 characters. */
  name: string;
}

/** A contact person, as carried by `partner.update`. */
export interface PartnerContact {
  name?: string;
  email?: string;
  phone?: string;
}

/** Body of `partner.update` (schema `partner.update.schema.json`): at least one property. */
export interface PartnerUpdateBody {
  name?: string;
  contact?: PartnerContact;
  partnerType?: PartnerType;
  relationship?: Relationship;
  /** How the sender now classifies the recipient, and the kinds it accepts from it. */
  classification?: { partnerType: PartnerType; relationship: Relationship; kinds: string[] };
}

/** Body of `partner.disconnect` (schema `partner.disconnect.schema.json`). */
export interface PartnerDisconnectBody {
  /** Why the relationship ends, 1 to 500 characters. */
  reason: string;
}
