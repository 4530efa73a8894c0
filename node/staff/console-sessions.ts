/**
 * Console sessions of staff: started by any sign-in method, found by the cookie's SHA-256, and
 * checked on every request against an idle and an absolute timeout and against the person still
 * being active. "Sign out everywhere" ends every session of the person at once.
 */
import type { StaffSession, StaffUser, SignInMethod } from '../store/staff-store.ts';
import type { StoreTx } from '../store/store.ts';
import { hashToken, newToken } from '../portal/tokens.ts';
import type { AuditActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { isActive, type StaffDeps } from './staff-accounts.ts';

export type SessionDeps = Pick<StaffDeps, 'store' | 'clock'>;

/** The console's session cookie; its path is the node's, so that /api sees it too. */
export const CONSOLE_SESSION_COOKIE = 'pss_session';
import { readStaffSettings } from './staff-settings.ts';

/** Writing lastSeenAt on every request would make every page a write: once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

export interface ConsoleViewer {
  session: StaffSession;
  user: StaffUser;
}

export async function startSession(
  tx: StoreTx,
  user: StaffUser,
  method: SignInMethod,
  now: Date,
): Promise<{ cookie: string; expiresAt: Date }> {
  const settings = await readStaffSettings(tx);
  const cookie = newToken();
  const expiresAt = new Date(now.getTime() + settings.sessionMaxHours * 3_600_000);
  await tx.staff.insertSession({
    tokenHash: hashToken(cookie),
    staffId: user.id,
    csrfToken: newToken(),
    method,
    at: now,
    expiresAt,
  });
  await tx.staff.updateUser(
    user.id,
    { lastSignInAt: now, failedSignIns: 0, lockedUntil: null },
    now,
  );
  return { cookie, expiresAt };
}

/** The signed-in person of a session cookie, or null when it ended, timed out or was revoked. */
export async function consoleViewerOf(
  deps: SessionDeps,
  cookie: string,
): Promise<ConsoleViewer | null> {
  if (cookie.length > 100) return null;
  const now = deps.clock.now();
  const found = await deps.store.read(async (tx) => {
    const session = await tx.staff.findSession(hashToken(cookie));
    if (!session || session.expiresAt.getTime() <= now.getTime()) return null;
    const { sessionIdleMinutes } = await readStaffSettings(tx);
    if (session.lastSeenAt.getTime() + sessionIdleMinutes * 60_000 <= now.getTime()) return null;
    const user = await tx.staff.getUser(session.staffId);
    return isActive(user) ? { session, user } : null;
  });
  if (found && now.getTime() - found.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await deps.store.transact((tx) => tx.staff.touchSession(found.session.id, now));
  }
  return found;
}

/** Signs out of one session, recorded in the same unit as the change. */
export async function endConsoleSession(
  deps: SessionDeps,
  session: StaffSession,
  actor: AuditActor,
): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transact(async (tx) => {
    await tx.staff.endSession(session.id, now);
    await appendAudit(tx, {
      ...actor,
      at: now,
      operation: 'sign_out',
      record: `staff/${session.staffId}`,
      outcome: 'ok',
      messageIds: [],
      detail: {},
    });
  });
}
