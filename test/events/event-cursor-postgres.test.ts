/**
 * The event log on PostgreSQL never lets a reader skip a committed event. Two writers on their
 * own connections (as two processes would be) each emit an event; the one that drew the earlier
 * seq is held open while the other commits. Every reader of the log — the admin API's feed over
 * HTTP, the webhook queues and the staff notifications — reads, then the first writer commits and
 * they read again: each gets both events, in seq order, once.
 *
 * The writers run without the store's write lock, which every unit of Store.transact holds today
 * and which alone would serialise them: the test proves that the log keeps its order itself
 * (EVENT_LOCK in store/postgres/event-repo.ts), whatever lock the units above it take.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { connectPostgres, pgDrizzle } from '../../node/db/open-postgres.ts';
import { emitEvent } from '../../node/events/emit-event.ts';
import { deriveStaffNotifications } from '../../node/staff/notifications/derive-notifications-job.ts';
import { createEventRepo } from '../../node/store/postgres/event-repo.ts';
import { fillWebhookQueues } from '../../node/webhooks/fill-queues.ts';
import { hasTestPostgres } from '../support/test-database.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

afterAll(removeTestDirs);

const CAUSE = { kind: 'node' } as const;

/** A deal a partner registered with us: the notifications job notifies staff of it. */
const registered = (id: number) => ({
  id,
  partnerId: 1,
  role: 'vendor',
  dealId: `D-${id}`,
  endCustomer: { name: `Customer ${id}` },
});

/**
 * A writer on a connection of its own that emits one event and commits only when told (or at
 * once). `emitted` resolves with the event's seq once the INSERT returned.
 */
function writer(url: string, id: number, hold: boolean) {
  const client = connectPostgres(url, { max: 1 });
  let commit!: () => void;
  const released = hold ? new Promise<void>((r) => (commit = r)) : Promise.resolve();
  let emitted!: (seq: number) => void;
  const seq = new Promise<number>((r) => (emitted = r));
  const done = pgDrizzle(client)
    .transaction(async (conn) => {
      emitted(
        await emitEvent(
          { events: createEventRepo(conn) },
          'deal.registered',
          registered(id),
          CAUSE,
          new Date(),
        ),
      );
      await released;
    })
    .finally(() => client.end({ timeout: 5 }));
  return { seq, done, commit: () => commit?.() };
}

const settled = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);

describe.runIf(hasTestPostgres())('events › cursor on PostgreSQL with several writers', () => {
  let node: TestNode;
  afterAll(() => node?.stop());

  it('a reader gets an event committed after a later one, once', async () => {
    node = await createTestNode({ name: 'vendor', postgres: true });
    const { store } = node.deps;
    const now = new Date();
    await store.transact(async (tx) => {
      await tx.staff.insertUser(
        {
          id: 'cara',
          email: 'cara@vendor.example',
          name: 'Cara',
          language: 'en',
          roles: ['owner'],
        },
        now,
      );
      await tx.webhooks.create({
        id: 'wh_cursor',
        url: 'https://hooks.vendor.example/deals',
        events: ['deal.registered'],
        description: '',
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        cursor: await tx.events.latestSeq(),
        at: now,
      });
    });
    // Everything before the test, read and skipped by each reader.
    const feed = { cursor: (await node.api('GET', '/events?limit=1000')).body.next as number };
    await fillWebhookQueues(store, now);
    await deriveStaffNotifications(node.deps, now);

    const fed: number[] = [];
    const readAll = async () => {
      const res = await node.api('GET', `/events?after=${feed.cursor}&limit=1000`);
      expect(res.status).toBe(200);
      for (const e of res.body.events) {
        if (e.type === 'deal.registered') fed.push(e.data.id);
      }
      feed.cursor = res.body.next;
      await fillWebhookQueues(store, now);
      await deriveStaffNotifications(node.deps, now);
    };

    const first = writer(node.databaseUrl!, 1, true);
    expect(await first.seq).toBeGreaterThan(0);
    const second = writer(node.databaseUrl!, 2, false);
    // The later event may commit (without the log's lock it does), or wait for the first.
    await settled(second.done, 500);
    await readAll();
    first.commit();
    await Promise.all([first.done, second.done]);
    expect(await second.seq).toBeGreaterThan(await first.seq);
    await readAll();
    await readAll();

    const deliveries = await store.read((tx) =>
      tx.webhooks.listDeliveries('wh_cursor', { limit: 100 }),
    );
    const notes = await store.read((tx) =>
      tx.staffNotifications.list({ staffId: 'cara', areas: ['deals'] }, { limit: 100 }),
    );
    // Newest first, both lists.
    expect({
      feed: fed,
      webhooks: deliveries.map((d) => JSON.parse(d.payload).data.id).reverse(),
      notifications: notes.map((n) => n.dedupeKey).reverse(),
    }).toEqual({
      feed: [1, 2],
      webhooks: [1, 2],
      notifications: ['deal.registered:1', 'deal.registered:2'],
    });
  }, 60_000);
});
