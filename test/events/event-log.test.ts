/**
 * Domain events: written with the change they describe (a rolled-back change leaves none), with
 * the cause, paged by cursor and type over GET /api/events, and followed live over SSE with a
 * Last-Event-ID resume that neither skips nor repeats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPair } from '../support/federation.ts';
import { createTestNode, eventually, ManualClock, type TestNode } from '../support/test-node.ts';
import { expectApi, newLead } from '../leads/lead-nodes.ts';
import { readSse } from './sse-client.ts';

let vendor: TestNode;
let reseller: TestNode;
let resellerId: number;

beforeAll(async () => {
  const clock = new ManualClock(new Date());
  vendor = await createTestNode({ name: 'vendor', clock });
  reseller = await createTestNode({ name: 'reseller', clock });
  resellerId = (await connectPair(vendor, reseller)).onHost.id;
});
afterAll(async () => {
  await Promise.all([vendor?.stop(), reseller?.stop()]);
});

async function events(node: TestNode, query = ''): Promise<any[]> {
  return (await expectApi(node, 200, 'GET', `/events?limit=1000${query}`)).events;
}

describe('domain events', () => {
  it('records a change with its cause: staff through the admin API, a partner by message id', async () => {
    const before = (await events(vendor)).at(-1)?.cursor ?? 0;
    await expectApi(vendor, 201, 'POST', '/leads', newLead('EV1'));
    await expectApi(vendor, 200, 'POST', '/leads/EV1/offers', { partners: [resellerId] });
    await eventually(async () => {
      const res = await reseller.api('GET', '/received-leads/EV1');
      return res.status === 200 && res.body.status === 'offered';
    });
    await expectApi(reseller, 200, 'POST', '/received-leads/EV1/accept');
    const accepted = await eventually(async () => {
      const list = await events(vendor, `&after=${before}&types=lead.`);
      return list.find((e) => e.type === 'lead.offer_accepted') ?? null;
    });
    const list = await events(vendor, `&after=${before}&types=lead.`);
    expect(list.map((e) => e.type)).toEqual([
      'lead.created',
      'lead.offered',
      'lead.offer_accepted',
    ]);
    const cursors = list.map((e) => e.cursor);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(list[0]).toMatchObject({
      subject: 'EV1',
      cause: { kind: 'staff', principal: 'admin-token' },
      data: { id: 'EV1', company: 'Globex Logistics GmbH' },
    });
    expect(accepted).toMatchObject({
      cause: { kind: 'partner', nodeId: reseller.url },
      data: { leadId: 'EV1', partnerId: resellerId, status: 'accepted' },
    });
    // The cause names the very message the partner sent.
    const stored = await vendor.deps.store.read((tx) =>
      tx.inbox.find(reseller.url, accepted.cause.messageId),
    );
    expect(stored?.kind).toBe('lead.accept');
    // The partner's side has its own events for its copy.
    expect((await events(reseller, '&types=received_lead.*')).map((e) => e.type)).toContain(
      'received_lead.offered',
    );
  });

  it('emits nothing for a change that rolled back, and exactly one for one that committed', async () => {
    const store = vendor.deps.store;
    const latest = () => store.read((tx) => tx.events.latestSeq());
    const lead = (id: string) => ({
      ...newLead(id),
      contact: { name: 'Dana Weber' },
      interest: ['router'],
      version: 1,
      routing: null,
      offerHours: null,
      createdAt: new Date(),
      updatedAt: new Date(),
      withdrawnAt: null,
      withdrawReason: null,
    });
    const start = await latest();
    await expect(
      store.transact(async (tx) => {
        await tx.leads.insertLead(lead('RB1') as never);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await latest()).toBe(start);
    // A savepoint rolled back inside a committed unit takes its event with it.
    await store.transact(async (tx) => {
      await tx.nested(async () => tx.leads.insertLead(lead('RB2') as never)).catch(() => {});
      await expect(
        tx.nested(async () => {
          await tx.leads.insertLead(lead('RB3') as never);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
    });
    const after = await events(vendor, `&after=${start}`);
    expect(after.map((e) => [e.type, e.subject])).toEqual([['lead.created', 'RB2']]);
    // A job's writes name the job.
    await store.transact((tx) => tx.leads.markLeadWithdrawn('RB2', 'test', new Date()), {
      cause: { kind: 'job', name: 'test-job' },
    });
    expect((await events(vendor, `&types=lead.withdrawn`)).at(-1)).toMatchObject({
      subject: 'RB2',
      cause: { kind: 'job', name: 'test-job' },
      data: { id: 'RB2', withdrawReason: 'test' },
    });
  });

  it('pages by cursor and filters by type', async () => {
    const all = await events(vendor);
    const page = await expectApi(vendor, 200, 'GET', `/events?after=${all[0].cursor}&limit=2`);
    expect(page.events.map((e: any) => e.cursor)).toEqual(all.slice(1, 3).map((e) => e.cursor));
    expect(page.next).toBe(all[2].cursor);
    const partners = await events(vendor, '&types=partner.connected,lead.created');
    expect(new Set(partners.map((e) => e.type))).toEqual(
      new Set(['partner.connected', 'lead.created']),
    );
    for (const [query, field] of [
      ['types=LEAD', 'types'],
      ['after=-1', 'after'],
      ['limit=0', 'limit'],
      ['since=1', 'since'],
    ]) {
      const res = await vendor.api('GET', `/events?${query}`);
      expect(res, query).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_field', field } },
      });
    }
  });

  it('follows the log over SSE and resumes after Last-Event-ID without a gap or a repeat', async () => {
    const start = (await events(vendor)).at(-1).cursor;
    for (const id of ['S1', 'S2', 'S3'])
      await expectApi(vendor, 201, 'POST', '/leads', newLead(id));
    // The client reads two events and is cut off.
    const first = await readSse(vendor, { after: start, types: 'lead.created', take: 2 });
    expect(first.map((e) => e.data.subject)).toEqual(['S1', 'S2']);
    for (const id of ['S4', 'S5']) await expectApi(vendor, 201, 'POST', '/leads', newLead(id));
    const resumed = await readSse(vendor, {
      lastEventId: first.at(-1)!.id,
      types: 'lead.created',
      take: 3,
    });
    expect(resumed.map((e) => e.data.subject)).toEqual(['S3', 'S4', 'S5']);
    expect(resumed.every((e) => e.event === 'lead.created' && e.id === String(e.data.cursor))).toBe(
      true,
    );
    // Live: an event committed while the client waits arrives on the open stream.
    const live = readSse(vendor, {
      lastEventId: resumed.at(-1)!.id,
      types: 'lead.created',
      take: 1,
    });
    await new Promise((r) => setTimeout(r, 300));
    await expectApi(vendor, 201, 'POST', '/leads', newLead('S6'));
    expect((await live).map((e) => e.data.subject)).toEqual(['S6']);
  });

  it('refuses the feed without the admin token', async () => {
    const res = await fetch(`${vendor.url}/api/events`);
    expect(res.status).toBe(401);
  });
});
