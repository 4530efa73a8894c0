import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../node/clock.ts';
import type { NodeDeps } from '../../node/deps.ts';
import { overdueJob } from '../../node/service/overdue-job.ts';
import type { RequestFields } from '../../node/store/service-store.ts';
import { createSqliteStore } from '../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../node/store/store.ts';

const HOUR = 3600_000;
const T0 = new Date('2027-01-31T12:00:00Z');

function fields(dueAt: Date | null): RequestFields {
  return {
    category: 'help_desk',
    subject: 'Locked out',
    description: 'Reset please.',
    priority: 'normal',
    product: null,
    serial: null,
    dueAt,
  };
}

describe('service/overdue-job', () => {
  let dir: string;
  let store: Store;
  const clock = new ManualClock(T0);
  const run = () => overdueJob.run({ store } as NodeDeps, clock.now());
  const overdueIds = async (overdue: boolean) =>
    (
      await store.read((tx) =>
        tx.service.listRequests({ overdue, now: clock.now() }, { limit: 50 }),
      )
    ).map((r) => r.requestId);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ps-overdue-'));
    store = createSqliteStore(join(dir, 'db.sqlite'));
    clock.set(T0);
    await store.transact(async (tx) => {
      const due = (requestId: string, dueAt: Date | null) =>
        tx.service.insertRequest({
          requestId,
          partnerId: 1,
          owner: 'self',
          fields: fields(dueAt),
          version: 1,
          at: T0,
        });
      await due('soon', new Date(T0.getTime() + HOUR));
      await due('later', new Date(T0.getTime() + 5 * HOUR));
      await due('never', null);
    });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('marks what passed its due date once, with a timeline entry, and filters by it', async () => {
    expect(await run()).toBe(0);
    expect(await overdueIds(true)).toEqual([]);

    clock.advance(2 * HOUR);
    expect(await overdueIds(true)).toEqual(['soon']);
    expect(await overdueIds(false)).toEqual(['never', 'later']);
    expect(await run()).toBe(1);
    expect(await run()).toBe(0);
    const soon = await store.read(async (tx) => {
      const [request] = await tx.service.requestsById('soon');
      return { request, events: await tx.service.events(request!.id) };
    });
    expect(soon.request?.overdueMarkedAt).toEqual(clock.now());
    expect(soon.events).toEqual([
      expect.objectContaining({ type: 'overdue', side: 'system', at: clock.now() }),
    ]);

    clock.advance(4 * HOUR);
    expect(await run()).toBe(1);
    expect(await overdueIds(true)).toEqual(['later', 'soon']);
  });

  it('clears the mark when the request is resolved, withdrawn or due later', async () => {
    clock.advance(6 * HOUR);
    expect(await run()).toBe(2);
    await store.transact(async (tx) => {
      const [soon] = await tx.service.requestsById('soon');
      const [later] = await tx.service.requestsById('later');
      await tx.service.updateRequest(soon!.id, { status: 'resolved' }, clock.now());
      await tx.service.updateRequest(
        later!.id,
        { dueAt: new Date(clock.now().getTime() + HOUR) },
        clock.now(),
      );
    });
    expect(await overdueIds(true)).toEqual([]);
    expect(await run()).toBe(2);
    const marks = await store.read(async (tx) =>
      (await tx.service.listRequests({}, { limit: 50 })).map((r) => r.overdueMarkedAt),
    );
    expect(marks).toEqual([null, null, null]);
  });
});
