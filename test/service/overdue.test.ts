/**
 * Due dates between real nodes on a manual clock: a request past its due date is overdue on both
 * sides (flag, filter), the job marks it on the timeline, and resolving it or moving the due date
 * clears the flag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTestDirs } from '../support/test-node.ts';
import { call, createTrio, requestOn, settle, type Trio } from './service-fixture.ts';

let t: Trio;
beforeAll(async () => {
  t = await createTrio();
});
afterAll(async () => {
  await t.stop();
  await removeTestDirs();
});

const HOUR = 3600_000;

async function overdueIds(node: any): Promise<string[]> {
  const page = await call(node, 'GET', '/service/requests?overdue=true');
  return page.requests.map((r: any) => r.requestId);
}

describe('service requests › overdue', () => {
  it('flags, filters and marks a request past its due date on both nodes', async () => {
    const { vendor, p1, p2 } = t;
    const dueAt = new Date(t.clock.now().getTime() + HOUR);
    const opened = await call(vendor, 'POST', '/service/requests', {
      partner: t.idOf(vendor, p1),
      category: 'shipping',
      subject: 'Return label for RMA-4411',
      description: 'Please send the unit back with the label attached.',
      dueAt: dueAt.toISOString(),
    });
    const later = await call(vendor, 'POST', '/service/requests', {
      partner: t.idOf(vendor, p2),
      category: 'help_desk',
      subject: 'Password reset for the portal',
      description: 'User j.doe is locked out.',
      dueAt: new Date(dueAt.getTime() + 24 * HOUR).toISOString(),
    });
    await settle(vendor);
    const id = opened.requestId as string;
    expect(await requestOn(p1, id)).toMatchObject({ dueAt: dueAt.toISOString(), overdue: false });
    expect(await overdueIds(vendor)).toEqual([]);

    // Exactly at the due date it is not late yet.
    t.clock.set(dueAt);
    expect((await requestOn(vendor, id)).overdue).toBe(false);

    t.clock.advance(HOUR);
    for (const node of [vendor, p1]) {
      expect(await overdueIds(node)).toEqual([id]);
      expect((await requestOn(node, id)).overdue).toBe(true);
    }
    const notOverdue = await call(vendor, 'GET', '/service/requests?overdue=false');
    expect(notOverdue.requests.map((r: any) => r.requestId)).toContain(later.requestId);
    expect(notOverdue.requests.map((r: any) => r.requestId)).not.toContain(id);

    // The job marks it once, on each side's timeline.
    expect(await vendor.deps.jobs.runAll()).toMatchObject({ 'service-overdue': 1 });
    expect(await vendor.deps.jobs.runAll()).toMatchObject({ 'service-overdue': 0 });
    await p1.deps.jobs.runAll();
    for (const node of [vendor, p1]) {
      const view = await requestOn(node, id);
      expect(view.overdueMarkedAt).toBe(t.clock.now().toISOString());
      expect(view.timeline.filter((e: any) => e.type === 'overdue')).toEqual([
        expect.objectContaining({ side: 'system', by: null, status: 'open', messageId: null }),
      ]);
    }

    // Resolved: no longer overdue; the job clears its mark.
    await call(p1, 'POST', `/service/requests/${id}/updates`, { status: 'resolved' });
    await settle(p1);
    expect(await overdueIds(vendor)).toEqual([]);
    expect(await vendor.deps.jobs.runAll()).toMatchObject({ 'service-overdue': 1 });
    expect((await requestOn(vendor, id)).overdueMarkedAt).toBeNull();
    // One event per request marked and per mark cleared, each with the request after it.
    const marks = (
      await call(
        vendor,
        'GET',
        '/events?types=service_request.overdue,service_request.overdue_cleared',
      )
    ).events;
    expect(
      marks.map((e: any) => [e.type, e.data.requestId, e.data.overdueMarkedAt !== null]),
    ).toEqual([
      ['service_request.overdue', id, true],
      ['service_request.overdue_cleared', id, false],
    ]);

    // Reopened past the due date: overdue again, until the opener moves the due date.
    await call(vendor, 'POST', `/service/requests/${id}/updates`, { status: 'open' });
    await settle(vendor);
    expect(await overdueIds(p1)).toEqual([id]);
    const moved = new Date(t.clock.now().getTime() + 2 * HOUR).toISOString();
    await call(vendor, 'PATCH', `/service/requests/${id}`, { dueAt: moved });
    await settle(vendor);
    expect(await requestOn(p1, id)).toMatchObject({ dueAt: moved, overdue: false, version: 2 });
    expect(await overdueIds(p1)).toEqual([]);
    // The partner cannot move it: only the opener changes core fields.
    const refused = await p1.api('PATCH', `/service/requests/${id}`, { dueAt: null });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'not_owner' } } });
  });
});
