/**
 * One-time console sign-in links, as the portal has for partners: made by `staff link`, printed
 * once, stored as SHA-256, used up by pressing the page's button (a POST), never by opening it.
 */
import type { StaffUser } from '../store/staff-store.ts';
import { hashToken, newToken } from '../portal/tokens.ts';
import type { AuditActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { activeStaffByEmail, type StaffDeps } from './staff-accounts.ts';
import { readStaffSettings } from './staff-settings.ts';

export const CONSOLE_PATH = '/console';

/** The console's base URL: under the node's URL, which may have a path of its own. */
export function consoleBase(nodeId: string): string {
  return `${nodeId.replace(/\/$/, '')}${CONSOLE_PATH}`;
}

export async function issueStaffLink(
  deps: StaffDeps,
  email: string,
  actor: AuditActor,
): Promise<{ url: string; expiresAt: Date; user: StaffUser }> {
  const now = deps.clock.now();
  const token = newToken();
  return deps.store.transact(async (tx) => {
    const user = await activeStaffByEmail(tx, email);
    const { linkHours } = await readStaffSettings(tx);
    const expiresAt = new Date(now.getTime() + linkHours * 3_600_000);
    await tx.staff.insertLink({
      staffId: user.id,
      tokenHash: hashToken(token),
      at: now,
      expiresAt,
    });
    await appendAudit(tx, {
      ...actor,
      at: now,
      operation: 'staff.link',
      record: `staff/${user.id}`,
      outcome: 'ok',
      messageIds: [],
      detail: { expiresAt: expiresAt.toISOString() },
    });
    return { url: `${consoleBase(deps.nodeId)}/sign-in/${token}`, expiresAt, user };
  });
}
