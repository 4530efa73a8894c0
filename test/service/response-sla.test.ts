/**
 * The response target of a service agreement, enforced by the node's timed job: a request the
 * provider has not answered within the agreement's responseHours is marked breached once (mark,
 * timeline entry, domain event), answered ones and requests under no target are left alone, and a
 * portal partner's users are told by e-mail. Real nodes over HTTP on a manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrderNodes, type OrderNodes } from '../orders/order-nodes.ts';
import { expectApi, startTwoPartnerPortal, type PortalClient } from '../portal/portal-fixture.ts';
import { runCliOn } from '../support/run-cli.ts';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { call, requestOn, settle } from './service-fixture.ts';

const HOUR = 3600_000;
const JOB = 'service-response-sla';

afterAll(async () => {
  await removeTestDirs();
});

describe('service agreements › response-time SLA job', () => {
  let n: OrderNodes;
  beforeAll(async () => {
    n = await startOrderNodes();
    await call(n.owner, 'PUT', `/service/agreements/${n.p1Id}`, {
      categories: ['help_desk', 'accounting'],
      responseHours: 2,
    });
  });
  afterAll(() => n.stop());

  const open = async (subject: string) => {
    const mine = await call(n.p1, 'POST', '/service/requests', {
      partner: n.ownerOnP1,
      category: 'help_desk',
      subject,
      description: 'Please help.',
    });
    return mine.requestId as string;
  };

  it('marks an unanswered request once, with a timeline entry and an event; answered ones stay', async () => {
    const late = await open('Cannot print invoices');
    const answered = await open('Password reset');
    await settle(n.p1, n.owner);
    const vendorView = await requestOn(n.owner, answered);
    await call(n.owner, 'POST', `/service/requests/${vendorView.id}/updates`, {
      status: 'in_progress',
    });
    expect((await requestOn(n.owner, late)).responseBreachedAt).toBeNull();

    // Exactly at the target it is not late yet.
    n.clock.advance(2 * HOUR);
    expect((await n.owner.deps.jobs.runAll())[JOB]).toBe(0);

    n.clock.advance(1);
    expect((await n.owner.deps.jobs.runAll())[JOB]).toBe(1);
    expect((await n.owner.deps.jobs.runAll())[JOB]).toBe(0);
    const marked = await requestOn(n.owner, late);
    expect(marked.responseBreachedAt).toBe(n.clock.now().toISOString());
    expect(marked.timeline.filter((e: any) => e.type === 'response_breached')).toEqual([
      expect.objectContaining({ side: 'system', by: null, status: 'open', messageId: null }),
    ]);
    expect((await requestOn(n.owner, answered)).responseBreachedAt).toBeNull();
    const shown = await runCliOn(n.owner, ['service', 'show', String(marked.id)]);
    expect(shown.out).toMatch(/response late\s+marked /);

    const feed = await call(n.owner, 'GET', '/events?types=service_request.response_breached');
    expect(feed.events).toEqual([
      expect.objectContaining({
        type: 'service_request.response_breached',
        data: expect.objectContaining({
          requestId: late,
          responseBreachedAt: marked.responseBreachedAt,
        }),
      }),
    ]);

    // A late answer does not undo the breach; the requester's node keeps no such mark.
    await call(n.owner, 'POST', `/service/requests/${marked.id}/updates`, {
      status: 'in_progress',
    });
    expect((await requestOn(n.owner, late)).responseBreachedAt).toBe(marked.responseBreachedAt);
    expect((await requestOn(n.p1, late)).responseBreachedAt).toBeNull();
    expect((await n.p1.deps.jobs.runAll())[JOB]).toBe(0);
  });

  it('leaves requests alone without a response target, and withdrawn or resolved ones', async () => {
    await call(n.owner, 'PUT', `/service/agreements/${n.p1Id}`, {
      categories: ['help_desk'],
      resolutionHours: 4,
    });
    await open('No response target');
    await settle(n.p1, n.owner);
    n.clock.advance(10 * HOUR);
    expect((await n.owner.deps.jobs.runAll())[JOB]).toBe(0);

    await call(n.owner, 'PUT', `/service/agreements/${n.p1Id}`, {
      categories: ['help_desk'],
      responseHours: 1,
    });
    const withdrawn = await open('Withdrawn before the answer');
    await settle(n.p1, n.owner);
    await call(n.p1, 'POST', `/service/requests/${withdrawn}/withdraw`, { reason: 'solved it' });
    await settle(n.p1, n.owner);
    n.clock.advance(HOUR + 1);
    // Only the request opened under no target earlier is now late under the new one.
    expect((await n.owner.deps.jobs.runAll())[JOB]).toBe(1);
    expect((await requestOn(n.owner, withdrawn)).responseBreachedAt).toBeNull();
  });
});

describe('service agreements › response-time SLA on the portal', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let asA: PortalClient;
  let partnerId: number;
  beforeAll(async () => {
    const portal = await startTwoPartnerPortal({ clock });
    ({ vendor, asA } = portal);
    partnerId = portal.a.partnerId;
    await expectApi(vendor, 200, 'PUT', `/service/agreements/${partnerId}`, {
      categories: ['technical'],
      responseHours: 4,
    });
  });
  afterAll(() => vendor.stop());

  it('tells the portal partner’s users that their request was not answered in time', async () => {
    await asA.get('/portal/requests/new');
    const opened = await asA.post('/portal/requests', {
      category: 'technical',
      subject: 'Router reboots nightly',
      description: 'Since the last firmware.',
      priority: 'high',
    });
    expect(opened.status).toBe(303);
    const requestId = decodeURIComponent(opened.location!.split('?')[0]!.split('/').at(-1)!);
    clock.advance(4 * HOUR + 1);
    expect((await vendor.deps.jobs.runAll())[JOB]).toBe(1);
    const queue = await expectApi(vendor, 200, 'GET', `/portal/notifications?partner=${partnerId}`);
    const late = queue.notifications.filter((q: any) => q.type === 'request_response_late');
    expect(late).toHaveLength(1);
    expect(late[0].subject).toBe('Service request not answered in time: Router reboots nightly');
    expect(late[0].body).toContain('within the agreed 4 hours');
    expect(late[0].path).toBe(`/requests/${encodeURIComponent(requestId)}`);
  });
});
