/**
 * Updates from both sides converge: late, repeated and reordered service.updates (crafted with the
 * sender's key and posted raw) change nothing they should not, and updates both parties make
 * before seeing each other's end in the same status on both nodes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStamps } from '../../node/service/request-rules.ts';
import { outboundRows, postToInbox, signedFrom } from '../support/federation.ts';
import { eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { call, createTrio, requestOn, settle, sharedState, type Trio } from './service-fixture.ts';

let t: Trio;
beforeAll(async () => {
  t = await createTrio();
});
afterAll(async () => {
  await t.stop();
  await removeTestDirs();
});

async function openFromP1(subject: string): Promise<string> {
  const opened = await call(t.p1, 'POST', '/service/requests', {
    partner: t.idOf(t.p1, t.vendor),
    category: 'technical',
    subject,
    description: 'Converge, please.',
  });
  await settle(t.p1);
  return opened.requestId as string;
}

const update = (node: TestNode, requestId: string, body: object) =>
  call(node, 'POST', `/service/requests/${requestId}/updates`, body);

/**
 * `a` updates while `b` is down (its delivery fails and waits for a retry: the clock stands
 * still), then `b` updates, not having seen `a`'s update, and its own reaches `a` first. Then
 * the clock moves and `a`'s retry goes out.
 */
async function concurrently(a: TestNode, aBody: object, b: TestNode, bBody: object, id: string) {
  await b.stop();
  await update(a, id, aBody);
  await eventually(async () => {
    const rows = (await outboundRows(a)).filter((r) => r.kind === 'service.update');
    return rows.at(-1)!.attempts > 0;
  });
  await b.start();
  await update(b, id, bBody);
  await settle(b);
  t.clock.advance(60_000);
  await settle(a, b);
}

describe('service requests › convergence', () => {
  it('updates delivered out of order and twice change the state once, as sent', async () => {
    const { vendor, p1 } = t;
    const id = await openFromP1('Reordered updates');
    // The vendor's messages to p1 wait in its outbox while p1 is suspended there.
    await call(vendor, 'POST', `/partners/${t.idOf(vendor, p1)}/suspend`);
    const steps = [
      ['in_progress', 'first'],
      ['waiting', 'second'],
      ['resolved', 'third'],
    ] as const;
    for (const [status, comment] of steps) {
      t.clock.advance(1_000);
      await update(vendor, id, { status, comment, visibility: 'partner' });
    }
    const queued = (await outboundRows(vendor)).filter(
      (r) => r.kind === 'service.update' && r.status === 'pending',
    );
    expect(queued.map((r) => (r.body as any).version)).toEqual([1, 2, 3]);

    // The same updates, signed by the vendor, arrive reordered and repeated.
    const [u1, u2, u3] = await Promise.all(
      queued.map((r) => signedFrom(vendor, p1, 'service.update', r.body)),
    );
    const u3again = await signedFrom(vendor, p1, 'service.update', queued[2]!.body);
    const first = await postToInbox(p1, [u3!.jws, u1!.jws, u3again.jws]);
    expect(first.body.results.map((r: any) => r.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
    ]);
    let onP1 = await requestOn(p1, id);
    expect(onP1.status).toBe('resolved');
    const second = await postToInbox(p1, [u2!.jws, u1!.jws]);
    expect(second.body.results.map((r: any) => r.status)).toEqual(['accepted', 'duplicate']);
    onP1 = await requestOn(p1, id);
    // The late ones changed no state, but their comments are on the timeline, once each.
    expect(onP1.status).toBe('resolved');
    expect(sharedState(onP1).partnerComments.map((c: string) => c.split(' ')[1])).toEqual(
      ['first', 'second', 'third'].sort(),
    );
    expect(onP1.timeline.filter((e: any) => e.type === 'update')).toHaveLength(3);

    // Now the originals arrive too: accepted, and harmless.
    await call(vendor, 'POST', `/partners/${t.idOf(vendor, p1)}/resume`);
    await settle(vendor);
    const delivered = (await outboundRows(vendor)).filter((r) =>
      queued.some((q) => q.messageId === r.messageId),
    );
    expect(delivered.map((r) => r.resultStatus)).toEqual(['accepted', 'accepted', 'accepted']);
    const onVendor = await requestOn(vendor, id);
    expect(sharedState(await requestOn(p1, id))).toEqual(sharedState(onVendor));
  });

  it('concurrent updates converge to the later stamp on both nodes, whichever arrives first', async () => {
    const { vendor, p1 } = t;
    const id = await openFromP1('Concurrent updates');

    // p1's clock runs ahead: its update is the later one, though the vendor's arrives last.
    t.clocks.get(p1)!.offsetMs = 2_000;
    await concurrently(vendor, { status: 'waiting' }, p1, { status: 'resolved' }, id);
    let onVendor = await requestOn(vendor, id);
    let onP1 = await requestOn(p1, id);
    expect(onVendor.status).toBe('resolved');
    expect(sharedState(onP1)).toEqual(sharedState(onVendor));
    // It was a real race: p1 updated before the vendor's update reached it.
    const own = onP1.timeline.find((e: any) => e.type === 'update' && e.side === 'self');
    const theirs = onP1.timeline.find((e: any) => e.type === 'update' && e.side === 'partner');
    expect(Date.parse(theirs.recordedAt)).toBeGreaterThan(Date.parse(own.recordedAt));
    expect(Date.parse(theirs.at)).toBeLessThan(Date.parse(own.at));

    // The other way round: the vendor's clock ahead.
    t.clocks.get(p1)!.offsetMs = 0;
    t.clocks.get(vendor)!.offsetMs = 2_000;
    t.clock.advance(10_000);
    await concurrently(p1, { status: 'closed' }, vendor, { status: 'in_progress' }, id);
    onVendor = await requestOn(vendor, id);
    onP1 = await requestOn(p1, id);
    expect(onVendor.status).toBe('in_progress');
    expect(onVendor.statusChangedBy).toBe(vendor.url);
    expect(sharedState(onP1)).toEqual(sharedState(onVendor));
    t.clocks.get(vendor)!.offsetMs = 0;
  });

  it('updates stamped at the same moment are ordered by node id on both nodes', async () => {
    const { vendor, p1 } = t;
    const id = await openFromP1('Same-moment updates');
    t.clock.advance(10_000);
    await concurrently(vendor, { status: 'waiting' }, p1, { status: 'closed' }, id);
    const onVendor = await requestOn(vendor, id);
    const onP1 = await requestOn(p1, id);
    const stamps = onVendor.timeline
      .filter((e: any) => e.type === 'update')
      .map((e: any) => ({ at: Date.parse(e.at), by: e.by as string, status: e.status }));
    expect(stamps).toHaveLength(2);
    expect(stamps[0].at).toBe(stamps[1].at);
    const winner = stamps.reduce((a: any, b: any) => (compareStamps(a, b) >= 0 ? a : b));
    expect(onVendor.status).toBe(winner.status);
    expect(sharedState(onP1)).toEqual(sharedState(onVendor));
  });

  it('our next update always wins over what we have seen, even against a partner clock ahead', async () => {
    const { vendor, p1 } = t;
    const id = await openFromP1('Clock ahead');
    t.clocks.get(p1)!.offsetMs = 4 * 60_000;
    await update(p1, id, { status: 'waiting' });
    await settle(p1);
    t.clocks.get(p1)!.offsetMs = 0;
    // The vendor's clock is 4 minutes behind p1's stamp; its change still takes effect.
    await update(vendor, id, { status: 'in_progress' });
    await settle(vendor);
    const onVendor = await requestOn(vendor, id);
    expect(onVendor.status).toBe('in_progress');
    const [theirs, ours] = onVendor.timeline.filter((e: any) => e.type === 'update');
    expect(Date.parse(ours.at)).toBe(Date.parse(theirs.at) + 1);
    expect(sharedState(await requestOn(p1, id))).toEqual(sharedState(onVendor));
  });

  it('refuses a stamp far after the sending time, or one older than an earlier version', async () => {
    const { vendor, p1 } = t;
    const id = await openFromP1('Bad stamps');
    const now = vendor.deps.clock.now().getTime();
    const body = (version: number, at: number) => ({
      requestId: id,
      status: 'waiting',
      version,
      changedAt: new Date(at).toISOString(),
    });
    const ahead = await signedFrom(vendor, p1, 'service.update', body(1, now + 11 * 60_000));
    const v1 = await signedFrom(vendor, p1, 'service.update', body(1, now));
    const v2 = await signedFrom(vendor, p1, 'service.update', body(2, now - 1_000));
    const { results } = (await postToInbox(p1, [ahead.jws, v1.jws, v2.jws])).body;
    expect(results.map((r: any) => r.code ?? r.status)).toEqual([
      'conflict',
      'accepted',
      'conflict',
    ]);
  });
});
