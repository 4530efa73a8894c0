/**
 * Who is calling /api: a personal API token (its roles cut down to its owner's current ones), the
 * admin token printed at `init` (the first owner's), or a console session (the person's roles;
 * a write also needs the session's CSRF token in `X-CSRF-Token`, since the browser sends the
 * cookie on its own). Refusals of a token that was real once (revoked, expired, its owner
 * removed) are recorded in the audit trail; unknown tokens are only logged.
 */
import type { Principal } from '../domain-kernel/roles.ts';
import { hashToken, sameSecret } from '../portal/tokens.ts';
import { anonymousActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { API_TOKEN_PREFIX, effectiveRoles, tokenState } from './api-tokens.ts';
import { consoleViewerOf, type SessionDeps } from './console-sessions.ts';
import { firstOwner, isActive } from './staff-accounts.ts';
import { STAFF_CODES } from './staff-errors.ts';

const TOUCH_EVERY_MS = 60_000;

export type AuthResult =
  { ok: true; principal: Principal } | { ok: false; code: string; message: string };

const UNKNOWN: AuthResult = {
  ok: false,
  code: 'unauthorized',
  message: 'the admin token is not valid',
};

export async function principalForToken(
  deps: SessionDeps,
  token: string,
  address: string,
): Promise<AuthResult> {
  if (token.startsWith(API_TOKEN_PREFIX)) return personalToken(deps, token, address);
  return deps.store.read(async (tx) => {
    if (!(await tx.adminTokens.isValid(hashToken(token)))) return UNKNOWN;
    const owner = await firstOwner(tx);
    return {
      ok: true,
      principal: {
        kind: 'admin-token',
        staffId: owner?.id ?? null,
        email: owner?.email ?? null,
        roles: ['owner'],
        tokenId: null,
      },
    };
  });
}

async function personalToken(
  deps: SessionDeps,
  token: string,
  address: string,
): Promise<AuthResult> {
  const now = deps.clock.now();
  const found = await deps.store.read(async (tx) => {
    const record = await tx.staff.findTokenByHash(hashToken(token));
    return record ? { record, owner: await tx.staff.getUser(record.staffId) } : null;
  });
  if (!found) return UNKNOWN;
  const { record, owner } = found;
  const state = tokenState(record, now);
  const refusal: AuthResult | null =
    state === 'revoked'
      ? { ok: false, code: STAFF_CODES.tokenRevoked, message: 'this token was revoked' }
      : state === 'expired'
        ? { ok: false, code: STAFF_CODES.tokenExpired, message: 'this token has expired' }
        : !isActive(owner)
          ? { ok: false, code: STAFF_CODES.removed, message: "this token's owner was removed" }
          : null;
  if (refusal) {
    await deps.store.transact((tx) =>
      appendAudit(tx, {
        ...anonymousActor(address, { staffId: record.staffId, email: owner?.email ?? null }),
        actorKind: 'api-token',
        tokenId: record.id,
        at: now,
        operation: 'api.authenticate',
        record: `tokens/${record.id}`,
        outcome: (refusal as { code: string }).code,
        messageIds: [],
        detail: {},
      }),
    );
    return refusal;
  }
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await deps.store.transact((tx) => tx.staff.touchToken(record.id, now));
  }
  return {
    ok: true,
    principal: {
      kind: 'api-token',
      staffId: owner!.id,
      email: owner!.email,
      roles: effectiveRoles(record, owner!),
      tokenId: record.id,
    },
  };
}

/** A console session's principal; null without a live session or, for a write, its CSRF token. */
export async function principalForSession(
  deps: SessionDeps,
  cookie: string,
  request: { method: string; csrfHeader: string | undefined },
): Promise<Principal | null> {
  const viewer = await consoleViewerOf(deps, cookie);
  if (!viewer) return null;
  const safe = request.method === 'GET' || request.method === 'HEAD';
  if (!safe && !sameSecret(request.csrfHeader, viewer.session.csrfToken)) return null;
  return {
    kind: 'session',
    staffId: viewer.user.id,
    email: viewer.user.email,
    roles: viewer.user.roles,
    tokenId: null,
  };
}
