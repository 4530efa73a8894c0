/**
 * Which kinds a partner may send us, by default, from how we classify it: its partner type says
 * what such a company sends, its relationship says which of those activities we share with it.
 * The operator can always set the list explicitly (`--kinds`). Relationship kinds are always
 * allowed: any partner may update its profile or end the connection.
 *
 * The table this yields is written down in protocol/PROTOCOL.md section 8 and shown by
 * `invite --help`; test/node/partners/default-kinds.test.ts keeps the three in step.
 */
import { PARTNER_TYPES, RELATIONSHIPS } from '../../protocol/index.ts';

export const RELATIONSHIP_KINDS = ['partner.update', 'partner.disconnect'] as const;

/**
 * What partners do together, in the method's terms: trading on price and availability (orders,
 * stock, vendor-managed inventory), sharing services and planning, working the market (leads,
 * deals, co-marketing funds). `shared` is what every relationship needs (withdrawing one's own
 * records, asking for a resync).
 */
type Activity = 'shared' | 'trade' | 'services' | 'market';

const SELLER: Readonly<Record<Activity, readonly string[]>> = {
  shared: ['record.withdraw', 'sync.request'],
  trade: ['order.place', 'order.cancel', 'inventory.report', 'replenishment.decision'],
  services: ['service.request', 'service.update', 'warranty.claim'],
  market: ['lead.accept', 'lead.decline', 'lead.progress', 'deal.register', 'expense.claim'],
};

const SUPPLIER: Readonly<Record<Activity, readonly string[]>> = {
  shared: ['record.withdraw'],
  trade: [
    'catalog.push',
    'pricelist.push',
    'accounting.push',
    'order.response',
    'order.status',
    'replenishment.proposal',
  ],
  services: ['service.request', 'service.update', 'warranty.decision'],
  market: ['lead.offer', 'lead.recall', 'deal.decision', 'fund.allocation', 'expense.decision'],
};

/** A service provider's services are what it trades, whatever the relationship. */
function serviceProvider(kinds: readonly string[], shared: readonly string[] = []) {
  return { shared, trade: kinds, services: [], market: [] };
}

const BY_TYPE: Readonly<Record<string, Readonly<Record<Activity, readonly string[]>>>> = {
  reseller: SELLER,
  strategic_service: SELLER,
  non_strategic_service: serviceProvider(
    ['service.request', 'service.update', 'warranty.claim'],
    ['sync.request'],
  ),
  value_added_supplier: SUPPLIER,
  commodity_supplier: SUPPLIER,
  network_operations: serviceProvider(['service.request', 'service.update']),
  application_service_provider: serviceProvider(['service.request', 'service.update']),
};

/**
 * Commodity-based relationships trade on price and availability; market-facing ones work leads,
 * deals and co-marketing; a strategic relationship is the closest: it shares services and
 * planning besides, and so covers everything its partner type sends.
 */
const COVERS: Readonly<Record<string, readonly Activity[]>> = {
  commodity_based: ['shared', 'trade'],
  strategic: ['shared', 'trade', 'services', 'market'],
  market_facing: ['shared', 'market'],
};

export function defaultKinds(partnerType: string, relationship: string): string[] {
  const sends = BY_TYPE[partnerType];
  const covered = (COVERS[relationship] ?? []).flatMap((a) => sends?.[a] ?? []);
  return [...new Set([...RELATIONSHIP_KINDS, ...covered])].sort();
}

/** Every partner type × relationship with its default kinds, in the vocabulary's order. */
export function defaultKindsTable(): Array<{
  partnerType: string;
  relationship: string;
  kinds: string[];
}> {
  return PARTNER_TYPES.flatMap((partnerType) =>
    RELATIONSHIPS.map((relationship) => ({
      partnerType,
      relationship,
      kinds: defaultKinds(partnerType, relationship),
    })),
  );
}

/**
 * The kinds a reclassified partner keeps: the new defaults, plus what the operator had added to
 * the old defaults, minus what the operator had taken away from them.
 */
export function reclassifiedKinds(
  current: readonly string[],
  before: { partnerType: string; relationship: string },
  after: { partnerType: string; relationship: string },
): string[] {
  const oldDefaults = defaultKinds(before.partnerType, before.relationship);
  const added = current.filter((k) => !oldDefaults.includes(k));
  const removed = oldDefaults.filter((k) => !current.includes(k));
  const next = [...defaultKinds(after.partnerType, after.relationship), ...added];
  return [...new Set(next)].filter((k) => !removed.includes(k) || mayAlwaysSend(k)).sort();
}

export function mayAlwaysSend(kind: string): boolean {
  return (RELATIONSHIP_KINDS as readonly string[]).includes(kind);
}
