/**
 * Staff notifications read longer ago than staffNotificationRetentionDays are deleted by the
 * staff-notification-retention job of a running node; one read more recently stays, and an unread
 * one stays however old.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { NewStaffNotification } from '../../node/store/staff-notification-store.ts';
import { createTestNode, ManualClock, type TestNode } from '../support/test-node.ts';

const DAY = 24 * 3600_000;
let node: TestNode;
afterAll(() => node?.stop());

const note = (key: string): NewStaffNotification => ({
  staffId: 'cara',
  type: 'deal_to_decide',
  area: 'deals',
  dedupeKey: key,
  facts: { partner: 'Alpha', deal: key, amount: null },
  path: `/deals/${key}`,
});

describe('staff notifications › retention', () => {
  it('prunes what was read before the retention period and keeps the unread', async () => {
    const clock = new ManualClock(new Date('2027-01-01T00:00:00Z'));
    node = await createTestNode({
      name: 'notification-retention',
      clock,
      settings: { staffNotificationRetentionDays: 7 },
    });
    const { store } = node.deps;
    const scope = { staffId: 'cara', areas: ['deals'] };
    const keys = async () =>
      (await store.read((tx) => tx.staffNotifications.list(scope, { limit: 10 }))).map(
        (n) => n.dedupeKey,
      );
    await store.transact((tx) =>
      tx.staffNotifications.add(
        [note('old-read'), note('old-unread'), note('new-read')],
        clock.now(),
      ),
    );
    const byKey = new Map(
      (await store.read((tx) => tx.staffNotifications.list(scope, { limit: 10 }))).map((n) => [
        n.dedupeKey,
        n.id,
      ]),
    );
    await store.transact((tx) =>
      tx.staffNotifications.markRead('cara', [byKey.get('old-read')!], clock.now()),
    );
    clock.advance(5 * DAY);
    await store.transact((tx) =>
      tx.staffNotifications.markRead('cara', [byKey.get('new-read')!], clock.now()),
    );
    clock.advance(3 * DAY);
    expect(await node.deps.jobs.runAll()).toMatchObject({ 'staff-notification-retention': 1 });
    expect(await keys()).toEqual(['new-read', 'old-unread']);

    clock.advance(365 * DAY);
    expect(await node.deps.jobs.runAll()).toMatchObject({ 'staff-notification-retention': 1 });
    expect(await keys()).toEqual(['old-unread']);
  });
});
