/**
 * One-time console sign-in links, as the portal has for partners: made by `staff link`, printed
 * once, stored as SHA-256, used up by pressing the page's button (a POST), never by opening it.
 */
import type { StaffUser } from '../store/staff-store.ts';
import type { StoreTx } from '../store/store.ts';
import { hashToken, newToken } from '../portal/tokens.ts';
import type { AuditActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { recordingRefusal } from './refused-attempts.ts';
import { activeStaffByEmail, type StaffDeps } from './staff-accounts.ts';
import { readStaffSettings } from './staff-settings.ts';

export const CONSOLE_PATH = '/console';

/** The console's base URL: under the node's URL, which may have a path of its own. */
export function consoleBase(nodeId: string): string {
  return `${nodeId.replace(/\/$/, '')}${CONSOLE_PATH}`;
}

/** Stores a new link for this person (its hash only) and returns the URL that carries it. */
export async function insertStaffLink(
  tx: StoreTx,
  nodeId: string,
  user: StaffUser,
  at: Date,
  expiresAt: Date,
): Promise<string> {
  const token = newToken();
  await tx.staff.insertLink({ staffId: user.id, tokenHash: hashToken(token), at, expiresAt });
  return `${consoleBase(nodeId)}/sign-in/${token}`;
}

export async function issueStaffLink(
  deps: StaffDeps,
  email: string,
  actor: AuditActor,
): Promise<{ url: string; expiresAt: Date; user: StaffUser }> {
  const now = deps.clock.now();
  return recordingRefusal(deps, { actor, operation: 'staff.link', email }, () =>
    deps.store.transact(async (tx) => {
      const user = await activeStaffByEmail(tx, email);
      const { linkHours } = await readStaffSettings(tx);
      const expiresAt = new Date(now.getTime() + linkHours * 3_600_000);
      const url = await insertStaffLink(tx, deps.nodeId, user, now, expiresAt);
      await appendAudit(tx, {
        ...actor,
        at: now,
        operation: 'staff.link',
        record: `staff/${user.id}`,
        outcome: 'ok',
        messageIds: [],
        detail: { expiresAt: expiresAt.toISOString() },
      });
      return { url, expiresAt, user };
    }),
  );
}
