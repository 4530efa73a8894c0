/**
 * A person's notifications as the console shows them: only their own, only in the areas their
 * roles see now (a notification written before a role was taken away stays hidden), newest first
 * in keyset pages; marking read (one or all) and their e-mail digest setting. The digest setting
 * is audited like their other account changes.
 */
import { badRequest } from '../../errors.ts';
import type { StaffUser } from '../../store/staff-store.ts';
import {
  DIGEST_FREQUENCIES,
  type DigestFrequency,
  type InboxScope,
  type StaffNotification,
} from '../../store/staff-notification-store.ts';
import type { AuditActor } from '../audit-actor.ts';
import { appendAudit } from '../audit-chain.ts';
import type { StaffDeps } from '../staff-accounts.ts';
import { AREAS, maySee } from '../console-areas.ts';

export const INBOX_PAGE = 25;

export const inboxScope = (user: Pick<StaffUser, 'id' | 'roles'>): InboxScope => ({
  staffId: user.id,
  areas: AREAS.filter((a) => maySee(user, a.key)).map((a) => a.key),
});

export interface InboxPage {
  notifications: StaffNotification[];
  /** The `before` of the next (older) page, or null on the last. */
  next: number | null;
  unread: number;
}

export async function readInbox(
  deps: Pick<StaffDeps, 'store'>,
  user: StaffUser,
  before: number | undefined,
): Promise<InboxPage> {
  const scope = inboxScope(user);
  return deps.store.read(async (tx) => {
    const rows = await tx.staffNotifications.list(scope, { before, limit: INBOX_PAGE + 1 });
    const notifications = rows.slice(0, INBOX_PAGE);
    return {
      notifications,
      next: rows.length > INBOX_PAGE ? notifications.at(-1)!.id : null,
      unread: await tx.staffNotifications.countUnread(scope),
    };
  });
}

export async function unreadCount(deps: Pick<StaffDeps, 'store'>, user: StaffUser) {
  return deps.store.read((tx) => tx.staffNotifications.countUnread(inboxScope(user)));
}

/** The id a "mark read" form names (a row id); refused when it is not one. */
export function parseNotificationId(raw: string | undefined): number {
  if (raw === undefined || !/^[1-9][0-9]{0,15}$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw badRequest('invalid_field', 'give a notification id', 'id');
  }
  return Number(raw);
}

/** Marks the person's own notifications read; another person's ids change nothing. */
export async function markOwnRead(
  deps: Pick<StaffDeps, 'store' | 'clock'>,
  user: StaffUser,
  ids: readonly number[] | 'all',
): Promise<number> {
  const now = deps.clock.now();
  return deps.store.transact((tx) => tx.staffNotifications.markRead(user.id, ids, now));
}

export function parseDigestFrequency(raw: unknown): DigestFrequency {
  if (typeof raw === 'string' && (DIGEST_FREQUENCIES as readonly string[]).includes(raw)) {
    return raw as DigestFrequency;
  }
  throw badRequest(
    'invalid_field',
    `the digest must be one of ${DIGEST_FREQUENCIES.join(', ')}`,
    'frequency',
  );
}

export async function digestFrequencyOf(
  deps: Pick<StaffDeps, 'store'>,
  user: StaffUser,
): Promise<DigestFrequency> {
  return (
    (await deps.store.read((tx) => tx.staffNotifications.getDigest(user.id)))?.frequency ?? 'off'
  );
}

export async function setOwnDigest(
  deps: Pick<StaffDeps, 'store' | 'clock'>,
  user: StaffUser,
  frequency: DigestFrequency,
  actor: AuditActor,
): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transact(async (tx) => {
    await tx.staffNotifications.setDigestFrequency(user.id, frequency, now);
    await appendAudit(tx, {
      ...actor,
      at: now,
      operation: 'staff.digest',
      record: `staff/${user.id}`,
      outcome: 'ok',
      messageIds: [],
      detail: { frequency },
    });
  });
}
