/**
 * The one rule for who may perform an admin operation (docs/operator.md, "Who may do what"); every
 * declared operation takes its roles from here, so no domain decides for itself.
 *
 * - Reads: every staff role. A domain's records are every desk's context (finance books what the
 *   order desk accepted, the service agent looks up the order a request is about), unless the
 *   data is sensitive: then owner and admin only (`SENSITIVE`).
 * - Writes: the domain's role (`rolesOf`), besides owner and admin, who may do everything.
 * - A bulk import is a write of the domain it creates records in: the roles of the single create.
 */
import { ROLES, type Role } from '../domain-kernel/roles.ts';

/** Every staff role; owner and admin are implied by `mayPerform`. */
export const READ: readonly Role[] = ROLES.filter((r) => r !== 'owner' && r !== 'admin');

/**
 * Owner and admin only: keys and the node's identity, staff, tokens, redelivery, and who did what
 * (the audit trail shows everyone's actions).
 */
export const SENSITIVE: readonly Role[] = [];

/** The role that works in each domain (besides owner and admin). */
const DOMAIN_ROLE = {
  partners: 'channel_manager',
  leads: 'channel_manager',
  deals: 'channel_manager',
  funds: 'channel_manager',
  service: 'service_agent',
  orders: 'order_desk',
  catalogs: 'order_desk',
  'price lists': 'order_desk',
  inventory: 'order_desk',
  // Money owed and paid, the decisions on claims and the accounting data are finance's.
  receivables: 'finance',
  'fund decisions': 'finance',
  accounting: 'finance',
} as const satisfies Record<string, Role>;

export type Domain = keyof typeof DOMAIN_ROLE;

/** Who writes in `domain`: its role (owner and admin implied). */
export function rolesOf(domain: Domain): readonly Role[] {
  return [DOMAIN_ROLE[domain]];
}
