/**
 * Personal API tokens: a person's own bearer token for scripts and integrations on /api. Shown
 * once, stored as SHA-256, carrying at most the owner's roles (checked again at every use, so
 * taking a role from a person takes it from their tokens), revocable, and expiring.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../domain-kernel/roles.ts';
import { AppError, badRequest } from '../errors.ts';
import { hashToken } from '../partners/invitations.ts';
import type { StaffToken, StaffUser } from '../store/staff-store.ts';
import type { AuditActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { recordingRefusal } from './refused-attempts.ts';
import { activeStaffByEmail, type StaffDeps } from './staff-accounts.ts';
import { STAFF_CODES } from './staff-errors.ts';

/** Personal tokens start with this, so that a leaked one is recognisable (and scannable). */
export const API_TOKEN_PREFIX = 'pst_';
export const DEFAULT_TOKEN_DAYS = 90;
export const TOKEN_DAYS = { min: 1, max: 3650 } as const;

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export type TokenState = 'active' | 'revoked' | 'expired';

export function tokenState(t: StaffToken, now: Date): TokenState {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The roles a token acts with now: its own, cut down to what its owner still holds. */
export function effectiveRoles(token: StaffToken, owner: StaffUser): Role[] {
  return token.roles === null ? owner.roles : token.roles.filter((r) => mayHold(owner, r));
}

/** Anyone with a role may read (viewer): it narrows, never widens, what they can do. */
function mayHold(owner: StaffUser, role: Role): boolean {
  return owner.roles.includes(role) || (role === 'viewer' && owner.roles.length > 0);
}

export async function createApiToken(
  deps: StaffDeps,
  input: { email: string; roles: Role[] | null; expiresDays: number },
  actor: AuditActor,
): Promise<{ token: string; record: StaffToken; owner: StaffUser }> {
  return recordingRefusal(
    deps,
    { actor, operation: 'tokens.create', email: input.email },
    async () => {
      const now = deps.clock.now();
      if (
        !Number.isSafeInteger(input.expiresDays) ||
        input.expiresDays < TOKEN_DAYS.min ||
        input.expiresDays > TOKEN_DAYS.max
      ) {
        throw badRequest(
          'invalid_expiry',
          `expires-days must be from ${TOKEN_DAYS.min} to ${TOKEN_DAYS.max}`,
          'expiresDays',
        );
      }
      const token = newApiToken();
      return deps.store.transact(async (tx) => {
        const owner = await activeStaffByEmail(tx, input.email);
        const notHeld = (input.roles ?? []).filter((r) => !mayHold(owner, r));
        if (notHeld.length > 0) {
          throw new AppError(
            400,
            STAFF_CODES.roleNotHeld,
            `${owner.email} does not hold ${notHeld.join(', ')}; a token carries at most its owner's roles`,
          );
        }
        const record: StaffToken = {
          id: randomUUID(),
          staffId: owner.id,
          roles: input.roles,
          createdAt: now,
          expiresAt: new Date(now.getTime() + input.expiresDays * 86_400_000),
          revokedAt: null,
          lastUsedAt: null,
        };
        await tx.staff.insertToken({ ...record, tokenHash: hashToken(token) });
        await appendAudit(tx, {
          ...actor,
          at: now,
          operation: 'tokens.create',
          record: `tokens/${record.id}`,
          outcome: 'ok',
          messageIds: [],
          detail: {
            owner: owner.email,
            roles: input.roles,
            expiresAt: record.expiresAt!.toISOString(),
          },
        });
        return { token, record, owner };
      });
    },
  );
}

export async function listApiTokens(deps: StaffDeps, email?: string) {
  const now = deps.clock.now();
  return deps.store.read(async (tx) => {
    const owner = email === undefined ? undefined : await activeStaffByEmail(tx, email);
    const users = new Map((await tx.staff.listUsers()).map((u) => [u.id, u]));
    return (await tx.staff.listTokens(owner?.id)).map((t) =>
      apiTokenView(t, users.get(t.staffId), now),
    );
  });
}

export async function revokeApiToken(
  deps: StaffDeps,
  id: string,
  actor: AuditActor,
): Promise<StaffToken> {
  const now = deps.clock.now();
  return recordingRefusal(
    deps,
    { actor, operation: 'tokens.revoke', record: `tokens/${id.slice(0, 64)}` },
    () =>
      deps.store.transact(async (tx) => {
        const token = /^[0-9a-f-]{36}$/.test(id) ? await tx.staff.getToken(id) : null;
        if (!token) throw new AppError(404, STAFF_CODES.tokenNotFound, `no token ${id}`);
        if (!(await tx.staff.revokeToken(token.id, now))) {
          throw new AppError(409, STAFF_CODES.tokenRevoked, `token ${id} was revoked already`);
        }
        await appendAudit(tx, {
          ...actor,
          at: now,
          operation: 'tokens.revoke',
          record: `tokens/${token.id}`,
          outcome: 'ok',
          messageIds: [],
          detail: {},
        });
        return (await tx.staff.getToken(token.id))!;
      }),
  );
}

export function apiTokenView(t: StaffToken, owner: StaffUser | undefined, now: Date) {
  return {
    id: t.id,
    owner: owner?.email ?? null,
    roles: t.roles ?? owner?.roles ?? [],
    rolesFollowOwner: t.roles === null,
    state: tokenState(t, now),
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}
