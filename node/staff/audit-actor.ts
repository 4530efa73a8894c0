/** Who an audit row names: a principal of the admin API, a console session, the CLI, or nobody. */
import type { Principal } from '../domain-kernel/roles.ts';
import type { AuditEntry } from '../store/audit-store.ts';

export type AuditActor = Pick<
  AuditEntry,
  'actorKind' | 'staffId' | 'email' | 'tokenId' | 'address'
>;

/** The operator at the node's machine: whoever can run the CLI owns the data directory. */
export const CLI_ACTOR: AuditActor = Object.freeze({
  actorKind: 'cli',
  staffId: null,
  email: null,
  tokenId: null,
  address: 'local',
});

export function actorOf(principal: Principal, address: string): AuditActor {
  return {
    actorKind: principal.kind,
    staffId: principal.staffId,
    email: principal.email,
    tokenId: principal.tokenId,
    address,
  };
}

/** Someone not (yet) signed in, as far as they said who they are. */
export function anonymousActor(
  address: string,
  who: { staffId?: string | null; email?: string | null } = {},
): AuditActor {
  return {
    actorKind: 'anonymous',
    staffId: who.staffId ?? null,
    email: who.email ?? null,
    tokenId: null,
    address,
  };
}
