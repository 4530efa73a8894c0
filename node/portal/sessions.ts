/**
 * Signing in to the portal: a one-time link starts a session; each request finds its session by
 * the cookie's hash and checks, every time, that the session, the user, the portal access and the
 * partner are all still good, so a revocation takes effect on the very next request.
 */
import type { NodeDeps } from '../deps.ts';
import type { PortalSession, PortalUser } from '../store/portal-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { readPortalSettings } from './portal-settings.ts';
import { hashToken, newToken } from './tokens.ts';

export type SessionDeps = Pick<NodeDeps, 'store' | 'clock'>;

/** Who is signed in: every portal query is scoped by `partner.id`. */
export interface PortalViewer {
  session: PortalSession;
  user: PortalUser;
  partner: Partner;
}

/** How long a sign-in link request is remembered: one mail per address in this window. */
export const SIGN_IN_REQUEST_WINDOW_MS = 10 * 60_000;

/** The user a link or session belongs to, when its access still holds. */
async function activeUser(
  tx: StoreTx,
  userId: number,
): Promise<{ user: PortalUser; partner: Partner } | null> {
  const user = await tx.portal.getUser(userId);
  if (!user || user.revokedAt) return null;
  const portal = await tx.portal.getPartner(user.partnerId);
  if (!portal || portal.revokedAt) return null;
  const partner = await tx.partners.getById(user.partnerId);
  if (!partner || partner.status === 'removed') return null;
  return { user, partner };
}

/** Whether a link would sign in now (read only: opening a link does not use it up). */
export async function linkIsValid(deps: SessionDeps, token: string): Promise<boolean> {
  const now = deps.clock.now();
  return deps.store.read(async (tx) => {
    const link = await tx.portal.findLink(hashToken(token));
    if (!link || link.usedAt || link.expiresAt.getTime() <= now.getTime()) return false;
    return (await activeUser(tx, link.userId)) !== null;
  });
}

/**
 * Uses a link up and starts a session; null for a link that is unknown, used, expired or whose
 * access was revoked (one answer for all, so that links cannot be probed).
 */
export async function signInWithLink(
  deps: SessionDeps,
  token: string,
): Promise<{ cookie: string; expiresAt: Date } | null> {
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const link = await tx.portal.findLink(hashToken(token));
    if (!link) return null;
    const active = await activeUser(tx, link.userId);
    if (!active || !(await tx.portal.consumeLink(link.id, now))) return null;
    const { sessionHours } = await readPortalSettings(tx);
    const cookie = newToken();
    const expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
    await tx.portal.insertSession({
      tokenHash: hashToken(cookie),
      userId: active.user.id,
      partnerId: active.partner.id,
      csrfToken: newToken(),
      at: now,
      expiresAt,
    });
    await tx.portal.recordSignIn(active.user.id, now);
    return { cookie, expiresAt };
  });
}

export async function viewerOf(deps: SessionDeps, cookie: string): Promise<PortalViewer | null> {
  if (cookie.length > 100) return null;
  const now = deps.clock.now();
  return deps.store.read(async (tx) => {
    const session = await tx.portal.findSession(hashToken(cookie));
    if (!session || session.expiresAt.getTime() <= now.getTime()) return null;
    const active = await activeUser(tx, session.userId);
    if (!active || active.partner.id !== session.partnerId) return null;
    return { session, ...active };
  });
}

export async function signOut(deps: SessionDeps, session: PortalSession): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transact((tx) => tx.portal.endSession(session.id, now));
}

/**
 * Someone asks for a sign-in link by e-mail address. A known, active user gets one mail at most
 * per window (the link is made when the mail is sent); anyone else nothing. The caller answers the
 * same either way, so the page does not tell who has access.
 */
export async function requestSignInLink(deps: SessionDeps, email: string): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transact(async (tx) => {
    const user = await tx.portal.findUserByEmail(email.trim().toLowerCase());
    if (!user || !(await activeUser(tx, user.id))) return;
    const window = Math.floor(now.getTime() / SIGN_IN_REQUEST_WINDOW_MS);
    await tx.portal.addNotification(
      {
        userId: user.id,
        partnerId: user.partnerId,
        type: 'sign_in',
        dedupeKey: `sign_in:${window}`,
        subject: 'Your sign-in link',
        body: '',
        path: '/',
      },
      now,
    );
  });
}
