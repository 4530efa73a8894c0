/**
 * Turns new domain events and refusals into staff notifications (notification-rules.ts), one row
 * per recipient, in its own unit of work with the cursors it advances: emitting an event stays
 * one INSERT on the change's hot path (as webhooks' fill-queues.ts), and a notification is never
 * derived twice (the cursor moves with the rows, and each row has a dedupe key).
 */
import type { NodeDeps } from '../../deps.ts';
import { mayPerform } from '../../domain-kernel/roles.ts';
import { readEventPage } from '../../events/read-event-page.ts';
import type { Job } from '../../jobs/job.ts';
import type { StoreTx } from '../../store/store.ts';
import type { NewStaffNotification } from '../../store/staff-notification-store.ts';
import { isActive } from '../staff-accounts.ts';
import {
  draftOfEvent,
  draftOfRefusal,
  NOTIFYING_EVENT_TYPES,
  type NotificationDraft,
} from './notification-rules.ts';

export const DERIVE_INTERVAL_MS = 5_000;
/** Events or refusals read per source and run; the rest wait for the next run. */
const BATCH = 500;

/**
 * A new node notifies from its first event. A node that gets this feature with a history starts
 * at its newest event (see `deriveStaffNotifications`), so years of past registrations do not
 * arrive as news.
 */
export async function startNotificationCursors(tx: StoreTx, now: Date): Promise<void> {
  await tx.staffNotifications.setCursor('events', 0, now);
  await tx.staffNotifications.setCursor('refusals', 0, now);
}

async function eventDrafts(tx: StoreTx, now: Date): Promise<NotificationDraft[]> {
  const stored = await tx.staffNotifications.getCursor('events');
  const latest = await tx.events.latestSeq();
  const from = stored ?? latest;
  if (from >= latest) {
    if (stored === null) await tx.staffNotifications.setCursor('events', latest, now);
    return [];
  }
  const types = [...NOTIFYING_EVENT_TYPES];
  const { events, next } = await readEventPage(tx, { after: from, types, limit: BATCH, latest });
  await tx.staffNotifications.setCursor('events', next, now);
  return events.map(draftOfEvent).filter((d): d is NotificationDraft => d !== null);
}

async function refusalDrafts(tx: StoreTx, now: Date): Promise<NotificationDraft[]> {
  const stored = await tx.staffNotifications.getCursor('refusals');
  const from = stored ?? (await tx.refusals.latestId());
  const refusals = await tx.refusals.listSince(from, BATCH);
  if (refusals.length > 0 || stored === null) {
    await tx.staffNotifications.setCursor('refusals', refusals.at(-1)?.id ?? from, now);
  }
  return refusals.map(draftOfRefusal);
}

export async function deriveStaffNotifications(deps: NodeDeps, now: Date): Promise<number> {
  return deps.store.transact(async (tx) => {
    const drafts = [...(await eventDrafts(tx, now)), ...(await refusalDrafts(tx, now))];
    if (drafts.length === 0) return 0;
    const staff = (await tx.staff.listUsers()).filter(isActive);
    const names = new Map<number, string | null>();
    const rows: NewStaffNotification[] = [];
    for (const { roles, partnerId, ...content } of drafts) {
      if (!names.has(partnerId)) {
        const partner = await tx.partners.getById(partnerId);
        names.set(partnerId, partner?.name ?? partner?.nodeId ?? null);
      }
      const facts = { ...content.facts, partner: names.get(partnerId) ?? String(partnerId) };
      for (const user of staff) {
        if (mayPerform(user, roles)) rows.push({ ...content, facts, staffId: user.id });
      }
    }
    return tx.staffNotifications.add(rows, now);
  });
}

export const deriveStaffNotificationsJob: Job = {
  name: 'staff-notifications',
  intervalMs: DERIVE_INTERVAL_MS,
  run: deriveStaffNotifications,
};
