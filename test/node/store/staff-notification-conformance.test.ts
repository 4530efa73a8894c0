/**
 * The staff notification part of the storage boundary, run against every implementation (SQLite
 * and PostgreSQL, store-factories.ts) like store-conformance.test.ts: one row per person and
 * dedupe key, a reader's scope (their own, in the areas they see) in keyset pages newest first,
 * marking read only one's own, what a digest has yet to carry, digest state, and the cursors.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewStaffNotification } from '../../../node/store/staff-notification-store.ts';
import type { Store } from '../../../node/store/store.ts';
import { STORE_KINDS } from '../../support/store-factories.ts';
import { dropTestDatabases } from '../../support/test-database.ts';

afterAll(dropTestDatabases);

const T0 = new Date('2026-12-07T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const note = (staffId: string, key: string, area = 'deals'): NewStaffNotification => ({
  staffId,
  type: 'deal_to_decide',
  area,
  dedupeKey: key,
  facts: { partner: 'Alpha', deal: key, amount: null },
  path: `/deals/${key}`,
});

describe.each(STORE_KINDS)('store › staff notifications ($name)', (kind) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    if (!kind.available()) return;
    ({ store, dispose } = await kind.open());
  });
  afterEach(async () => {
    if (kind.available()) await dispose();
  });
  const test = it.runIf(kind.available());
  const cara = { staffId: 'cara', areas: ['deals', 'funds'] };

  test('adds once per person and key, lists a scope newest first in keyset pages', async () => {
    const added = await store.transact((tx) =>
      tx.staffNotifications.add(
        [
          note('cara', 'd1'),
          note('cara', 'd2'),
          note('cara', 's1', 'service'),
          note('sam', 'd1'),
          note('cara', 'd3'),
        ],
        at(1),
      ),
    );
    expect(added).toBe(5);
    // The same person and key again: nothing new.
    expect(
      await store.transact((tx) =>
        tx.staffNotifications.add([note('cara', 'd1'), note('cara', 'd4')], at(2)),
      ),
    ).toBe(1);

    const first = await store.read((tx) => tx.staffNotifications.list(cara, { limit: 2 }));
    expect(first.map((n) => n.dedupeKey)).toEqual(['d4', 'd3']);
    expect(first[0]).toMatchObject({
      staffId: 'cara',
      facts: { partner: 'Alpha', deal: 'd4', amount: null },
      createdAt: at(2),
      readAt: null,
      mailedAt: null,
    });
    const next = await store.read((tx) =>
      tx.staffNotifications.list(cara, { before: first[1]!.id, limit: 5 }),
    );
    // The service one is outside Cara's areas; Sam's is not hers.
    expect(next.map((n) => n.dedupeKey)).toEqual(['d2', 'd1']);
    expect(await store.read((tx) => tx.staffNotifications.countUnread(cara))).toBe(4);
    const none = { staffId: 'cara', areas: [] };
    expect(await store.read((tx) => tx.staffNotifications.list(none, { limit: 5 }))).toEqual([]);
    expect(await store.read((tx) => tx.staffNotifications.countUnread(none))).toBe(0);
  });

  test('marks only one’s own read, and leaves out of a digest what was read or mailed', async () => {
    await store.transact((tx) =>
      tx.staffNotifications.add(
        [note('cara', 'd1'), note('cara', 'd2'), note('cara', 'd3'), note('sam', 'd1')],
        at(1),
      ),
    );
    const [d3, d2, d1] = await store.read((tx) => tx.staffNotifications.list(cara, { limit: 9 }));
    const sams = (
      await store.read((tx) =>
        tx.staffNotifications.list({ staffId: 'sam', areas: ['deals'] }, { limit: 9 }),
      )
    )[0]!;
    expect(
      await store.transact((tx) => tx.staffNotifications.markRead('cara', [sams.id], at(2))),
    ).toBe(0);
    expect(
      await store.transact((tx) => tx.staffNotifications.markRead('cara', [d1!.id], at(2))),
    ).toBe(1);
    await store.transact((tx) => tx.staffNotifications.markMailed([d2!.id], at(3)));
    const due = await store.read((tx) => tx.staffNotifications.listUnmailed(cara, 10));
    expect(due.map((n) => n.id)).toEqual([d3!.id]);
    expect(await store.transact((tx) => tx.staffNotifications.markRead('cara', 'all', at(4)))).toBe(
      2,
    );
    expect(await store.read((tx) => tx.staffNotifications.countUnread(cara))).toBe(0);
    expect(
      await store.read((tx) =>
        tx.staffNotifications.countUnread({ staffId: 'sam', areas: ['deals'] }),
      ),
    ).toBe(1);
  });

  test('keeps digest settings and their sending state, and the job’s cursors', async () => {
    expect(await store.read((tx) => tx.staffNotifications.getDigest('cara'))).toBeNull();
    await store.transact((tx) => tx.staffNotifications.setDigestFrequency('cara', 'daily', at(1)));
    await store.transact((tx) => tx.staffNotifications.setDigestFrequency('sam', 'off', at(1)));
    expect(
      (await store.read((tx) => tx.staffNotifications.listActiveDigests(at(2)))).map(
        (d) => d.staffId,
      ),
    ).toEqual(['cara']);
    await store.transact((tx) =>
      tx.staffNotifications.recordDigest('cara', {
        outcome: 'failed',
        at: at(2),
        error: 'connection refused',
        nextAttemptAt: at(62),
      }),
    );
    expect(await store.read((tx) => tx.staffNotifications.getDigest('cara'))).toEqual({
      staffId: 'cara',
      frequency: 'daily',
      lastSentAt: null,
      attempts: 1,
      nextAttemptAt: at(62),
      lastError: 'connection refused',
    });
    // Waiting for its retry, it is not due.
    expect(await store.read((tx) => tx.staffNotifications.listActiveDigests(at(30)))).toEqual([]);
    await store.transact((tx) =>
      tx.staffNotifications.recordDigest('cara', { outcome: 'sent', at: at(62) }),
    );
    expect(await store.read((tx) => tx.staffNotifications.getDigest('cara'))).toMatchObject({
      lastSentAt: at(62),
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
    });

    expect(await store.read((tx) => tx.staffNotifications.getCursor('events'))).toBeNull();
    await store.transact((tx) => tx.staffNotifications.setCursor('events', 7, at(1)));
    await store.transact((tx) => tx.staffNotifications.setCursor('events', 9, at(2)));
    expect(await store.read((tx) => tx.staffNotifications.getCursor('events'))).toBe(9);
  });

  test('prunes what was read before a time, oldest first up to a limit, and keeps the unread', async () => {
    await store.transact((tx) =>
      tx.staffNotifications.add(
        [note('cara', 'd1'), note('cara', 'd2'), note('cara', 'd3'), note('sam', 'd1')],
        at(1),
      ),
    );
    const ids = async (staffId: string) =>
      (
        await store.read((tx) =>
          tx.staffNotifications.list({ staffId, areas: ['deals'] }, { limit: 10 }),
        )
      ).map((n) => n.dedupeKey);
    const [d3, d2, d1] = await store.read((tx) =>
      tx.staffNotifications.list({ staffId: 'cara', areas: ['deals'] }, { limit: 10 }),
    );
    await store.transact((tx) => tx.staffNotifications.markRead('cara', [d1!.id, d2!.id], at(10)));
    await store.transact((tx) => tx.staffNotifications.markRead('cara', [d3!.id], at(20)));
    // Read at 10 is not before 10: nothing yet.
    expect(await store.transact((tx) => tx.staffNotifications.pruneRead(at(10), 100))).toBe(0);
    // Two were read before 11; a limit of one takes the oldest.
    expect(await store.transact((tx) => tx.staffNotifications.pruneRead(at(11), 1))).toBe(1);
    expect(await ids('cara')).toEqual(['d3', 'd2']);
    expect(await store.transact((tx) => tx.staffNotifications.pruneRead(at(1000), 100))).toBe(2);
    expect(await ids('cara')).toEqual([]);
    expect(await ids('sam')).toEqual(['d1']);
    expect(
      await store.read((tx) =>
        tx.staffNotifications.countUnread({ staffId: 'sam', areas: ['deals'] }),
      ),
    ).toBe(1);
  });
});
