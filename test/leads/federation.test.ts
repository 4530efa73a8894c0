/**
 * Leads between three real nodes on loopback: a vendor routing leads to two resellers, offers
 * expiring on a manual clock, declines, progress to won, forbidden and repeated or reordered
 * messages, and the timeline's message ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToInbox, signedFrom } from '../support/federation.ts';
import { removeTestDirs } from '../support/test-node.ts';
import {
  copyWhere,
  expectApi,
  leadWhere,
  newLead,
  offerOf,
  startLeadNodes,
  type LeadNodes,
} from './lead-nodes.ts';

const HOUR = 3_600_000;
let n: LeadNodes;

beforeAll(async () => {
  n = await startLeadNodes();
  const { vendor, p1Id, p2Id } = n;
  await expectApi(vendor, 200, 'PUT', `/lead-routing/partners/${p1Id}`, {
    tier: 'gold',
    regions: ['EMEA'],
    productLines: ['router'],
  });
  await expectApi(vendor, 200, 'PUT', `/lead-routing/partners/${p2Id}`, {
    tier: 'gold',
    regions: ['EMEA', 'APAC'],
    productLines: ['router', 'switch'],
  });
  await expectApi(vendor, 201, 'POST', '/lead-routing/rules', {
    name: 'EMEA network gear',
    regions: ['EMEA'],
    products: ['router', 'switch'],
    tiers: ['gold'],
    offerHours: 24,
  });
});

afterAll(async () => {
  await n?.stop();
  await removeTestDirs();
});

describe('leads › federation', () => {
  it('routes round robin, recalls expired offers, re-offers to the next and never to a decliner', async () => {
    const { vendor, p1, p2, p1Id, p2Id, clock } = n;
    const l1 = await expectApi(vendor, 201, 'POST', '/leads', { ...newLead('L1'), route: true });
    expect(l1.routing).toEqual({ ruleId: 1, candidates: [p1Id, p2Id] });
    expect(l1.offers).toMatchObject([{ partnerId: p1Id, status: 'open', exclusive: true }]);
    const l2 = await expectApi(vendor, 201, 'POST', '/leads', { ...newLead('L2'), route: true });
    // Round robin: the next lead starts with the next partner, and the position is kept.
    expect(l2.routing.candidates).toEqual([p2Id, p1Id]);
    const { rules } = await expectApi(vendor, 200, 'GET', '/lead-routing/rules');
    expect(rules[0].lastPartnerId).toBe(p2Id);

    await copyWhere(
      p1,
      'L1',
      (c) => c.status === 'offered' && c.lead.company === 'Globex Logistics GmbH',
    );
    await copyWhere(p2, 'L2', (c) => c.status === 'offered');

    // p2 takes L2 in time; L1 sits with p1 until its offer runs out.
    clock.advance(2 * HOUR);
    await expectApi(p2, 200, 'POST', '/received-leads/L2/accept');
    await leadWhere(vendor, 'L2', (l) => l.status === 'accepted');

    clock.advance(23 * HOUR);
    expect(await vendor.deps.jobs.runAll()).toMatchObject({ 'lead-offer-expiry': 1 });
    const expired = await expectApi(vendor, 200, 'GET', '/leads/L1');
    expect(offerOf(expired, p1Id)).toMatchObject({ status: 'expired', recallReason: 'expired' });
    expect(offerOf(expired, p2Id)).toMatchObject({ status: 'open', exclusive: true });
    await copyWhere(p1, 'L1', (c) => c.status === 'recalled' && c.recallReason === 'expired');
    await copyWhere(p2, 'L1', (c) => c.status === 'offered');
    // A recalled copy takes no answer.
    const late = await p1.api('POST', '/received-leads/L1/accept');
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'lead_closed' } } });

    await expectApi(p2, 200, 'POST', '/received-leads/L1/decline', {
      reasonCode: 'no_capacity',
      comment: 'Fully booked this quarter.',
    });
    const declined = await leadWhere(vendor, 'L1', (l) => offerOf(l, p2Id).status === 'declined');
    expect(offerOf(declined, p2Id)).toMatchObject({
      declineReason: 'no_capacity',
      declineComment: 'Fully booked this quarter.',
    });
    expect(declined.status).toBe('unassigned');

    // Neither the operator nor routing offers it to the decliner (or the one that let it expire).
    const again = await vendor.api('POST', '/leads/L1/offers', { partners: [p2Id] });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'partner_declined' } } });
    const before = await vendor.api('POST', '/leads/L1/offers', { partners: [p1Id] });
    expect(before).toMatchObject({ status: 409, body: { error: { code: 'offered_before' } } });
    const rerouted = await expectApi(vendor, 200, 'POST', '/leads/L1/route');
    expect(rerouted.routing.candidates).toEqual([]);
    expect(rerouted.offers).toHaveLength(2);
  });

  it('records a timeline with the signed message ids on both sides', async () => {
    const { vendor, p1, p2, p1Id, p2Id } = n;
    const { events } = await expectApi(vendor, 200, 'GET', '/leads/L1/timeline');
    expect(events.map((e: any) => [e.type, e.partnerId])).toEqual([
      ['created', null],
      ['routed', null],
      ['offered', p1Id],
      ['expired', p1Id],
      ['offered', p2Id],
      ['declined', p2Id],
      ['routed', null],
      ['routed', null],
    ]);
    const byType = (type: string, partnerId: number) =>
      events.find((e: any) => e.type === type && e.partnerId === partnerId);
    // What the vendor sent is in the partners' inboxes under the same id...
    for (const [type, partnerId, node] of [
      ['offered', p1Id, p1],
      ['expired', p1Id, p1],
      ['offered', p2Id, p2],
    ] as const) {
      const event = byType(type, partnerId);
      expect(event.actorNodeId).toBe(vendor.url);
      const stored = await node.deps.store.read((tx) => tx.inbox.find(vendor.url, event.messageId));
      expect(stored?.kind).toBe(type === 'offered' ? 'lead.offer' : 'lead.recall');
    }
    // ...and what p2 sent is in the vendor's inbox.
    const decline = byType('declined', p2Id);
    expect(decline.actorNodeId).toBe(p2.url);
    const received = await vendor.deps.store.read((tx) => tx.inbox.find(p2.url, decline.messageId));
    expect(received?.kind).toBe('lead.decline');
  });

  it('tracks progress to won, and refuses progress from a partner the lead was not offered to', async () => {
    const { vendor, p1, p2, p1Id, p2Id, clock } = n;
    await expectApi(vendor, 201, 'POST', '/leads', newLead('L3'));
    await expectApi(vendor, 200, 'POST', '/leads/L3/offers', { partners: [p1Id] });
    await copyWhere(p1, 'L3', (c) => c.status === 'offered');
    clock.advance(4 * HOUR);
    await expectApi(p1, 200, 'POST', '/received-leads/L3/accept');
    await expectApi(p1, 200, 'POST', '/received-leads/L3/progress', { stage: 'contacted' });
    await expectApi(p1, 200, 'POST', '/received-leads/L3/progress', {
      stage: 'won',
      amount: '45500.50',
      note: 'Signed for 38 routers.',
    });
    const won = await leadWhere(vendor, 'L3', (l) => l.status === 'won');
    expect(offerOf(won, p1Id).progress).toMatchObject({
      stage: 'won',
      amount: '45500.50',
      currency: 'EUR',
      version: 2,
    });

    // p2 never had L3: its progress is forbidden and changes nothing.
    const forged = await signedFrom(p2, vendor, 'lead.progress', {
      leadId: 'L3',
      stage: 'lost',
      lastActivityAt: clock.now().toISOString(),
      version: 99,
    });
    const res = await postToInbox(vendor, [forged.jws]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const after = await expectApi(vendor, 200, 'GET', '/leads/L3');
    expect(after).toEqual(won);

    const { partners } = await expectApi(vendor, 200, 'GET', '/lead-tracking');
    const one = partners.find((p: any) => p.partnerId === p1Id);
    const two = partners.find((p: any) => p.partnerId === p2Id);
    expect(one).toMatchObject({
      offersReceived: 2,
      accepted: 1,
      expired: 1,
      won: 1,
      wonAmount: { EUR: '45500.50' },
      medianTimeToAcceptMs: 4 * HOUR,
    });
    expect(two).toMatchObject({
      offersReceived: 2,
      accepted: 1,
      declined: 1,
      won: 0,
      wonAmount: {},
      medianTimeToAcceptMs: 2 * HOUR,
    });
  });

  it('ends in the same state whatever order answers arrive in, or how often', async () => {
    const { vendor, p1, p1Id, clock } = n;
    for (const id of ['L4', 'L5']) {
      await expectApi(vendor, 201, 'POST', '/leads', newLead(id));
      await expectApi(vendor, 200, 'POST', `/leads/${id}/offers`, { partners: [p1Id] });
    }
    const at = clock.now().toISOString();
    const progress = (leadId: string, version: number, stage: string) =>
      signedFrom(p1, vendor, 'lead.progress', { leadId, stage, lastActivityAt: at, version });
    const accept = (leadId: string) => signedFrom(p1, vendor, 'lead.accept', { leadId });

    // L4 in order, with a repeat and a re-sent copy under a new id.
    const a4 = await accept('L4');
    const v1 = await progress('L4', 1, 'contacted');
    const v2 = await progress('L4', 2, 'qualified');
    const v3 = await progress('L4', 3, 'proposal');
    const v3again = await progress('L4', 3, 'proposal');
    for (const m of [a4, v1, v2, v3, v3, v3again]) await postToInbox(vendor, [m.jws]);
    // L5 backwards: progress before the acceptance, older versions after newer ones.
    const w3 = await progress('L5', 3, 'proposal');
    const w2 = await progress('L5', 2, 'qualified');
    const w1 = await progress('L5', 1, 'contacted');
    const a5 = await accept('L5');
    const res = await postToInbox(vendor, [w3.jws, w2.jws, w1.jws, a5.jws, a5.jws]);
    expect(res.body.results.map((r: any) => r.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'duplicate',
    ]);

    const l4 = await expectApi(vendor, 200, 'GET', '/leads/L4');
    const l5 = await expectApi(vendor, 200, 'GET', '/leads/L5');
    const state = (l: any) => {
      const { offerMessageId: _m, ...offer } = offerOf(l, p1Id);
      return { status: l.status, offer };
    };
    expect(state(l4)).toEqual(state(l5));
    expect(state(l4).offer).toMatchObject({
      status: 'accepted',
      progress: { stage: 'proposal', version: 3 },
    });

    // The same on the partner side: lead.offer versions out of order and twice.
    const offer = (id: string, version: number, company: string) =>
      signedFrom(vendor, p1, 'lead.offer', {
        lead: { ...newLead(id), company },
        exclusive: true,
        offerExpiresAt: new Date(clock.now().getTime() + 24 * HOUR).toISOString(),
        version,
      });
    const o1 = await offer('X1', 1, 'Initech');
    const o2 = await offer('X1', 2, 'Initech Europe');
    await postToInbox(p1, [o1.jws, o2.jws]);
    const q1 = await offer('X2', 1, 'Initech');
    const q2 = await offer('X2', 2, 'Initech Europe');
    await postToInbox(p1, [q2.jws, q1.jws, q2.jws]);
    const x1 = await expectApi(p1, 200, 'GET', '/received-leads/X1');
    const x2 = await expectApi(p1, 200, 'GET', '/received-leads/X2');
    expect(x1).toMatchObject({
      version: 2,
      status: 'offered',
      lead: { company: 'Initech Europe' },
    });
    expect(x2).toMatchObject({
      version: 2,
      status: 'offered',
      lead: { company: 'Initech Europe' },
    });
  });

  it('recalls the other offers once an exclusive one is accepted, and withdraws a lead', async () => {
    const { vendor, p1, p2, p1Id, p2Id } = n;
    await expectApi(vendor, 201, 'POST', '/leads', newLead('L6'));
    await expectApi(vendor, 200, 'POST', '/leads/L6/offers', {
      partners: [p1Id, p2Id],
      exclusive: true,
    });
    await copyWhere(p1, 'L6', (c) => c.status === 'offered');
    await expectApi(p2, 200, 'POST', '/received-leads/L6/accept');
    const taken = await leadWhere(vendor, 'L6', (l) => offerOf(l, p1Id).status === 'recalled');
    expect(offerOf(taken, p1Id).recallReason).toBe('reassigned');
    await copyWhere(p1, 'L6', (c) => c.status === 'recalled' && c.recallReason === 'reassigned');

    // A late acceptance by p1 is a conflict and changes nothing.
    const lateAccept = await signedFrom(p1, vendor, 'lead.accept', { leadId: 'L6' });
    const res = await postToInbox(vendor, [lateAccept.jws]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'conflict' });
    const more = await vendor.api('POST', '/leads/L6/offers', { partners: [p1Id] });
    expect(more.body.error.code).toBe('offered_before');

    // Only the owner changes the lead: a new version reaches the partner holding it.
    const patched = await expectApi(vendor, 200, 'PATCH', '/leads/L6', {
      company: 'Globex Holding',
      notes: 'Board approved the budget.',
    });
    expect(patched.version).toBe(2);
    await copyWhere(p2, 'L6', (c) => c.version === 2 && c.lead.company === 'Globex Holding');

    await expectApi(vendor, 200, 'POST', '/leads/L6/withdraw', { reason: 'Customer opted out.' });
    await copyWhere(p2, 'L6', (c) => c.status === 'withdrawn');
    const progress = await p2.api('POST', '/received-leads/L6/progress', { stage: 'contacted' });
    expect(progress).toMatchObject({ status: 409, body: { error: { code: 'lead_closed' } } });
  });

  it('refuses bad admin input with the field named, and writes nothing', async () => {
    const { vendor } = n;
    const bad = await vendor.api('POST', '/leads', {
      ...newLead('BAD'),
      contact: { name: 'X', email: 'nope' },
    });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_field', field: 'contact.email' } },
    });
    const noCurrency = await vendor.api('POST', '/leads', {
      ...newLead('BAD'),
      currency: undefined,
    });
    expect(noCurrency.body.error.field).toBe('currency');
    expect((await vendor.api('GET', '/leads/BAD')).status).toBe(404);
    const dup = await vendor.api('POST', '/leads', newLead('L1'));
    expect(dup).toMatchObject({ status: 409, body: { error: { code: 'lead_exists' } } });
  });

  it('reports accepted leads left without progress as black holes', async () => {
    const { vendor, p1Id, clock } = n;
    clock.advance(15 * 24 * HOUR);
    const { days, leads } = await expectApi(
      vendor,
      200,
      'GET',
      '/lead-tracking/black-holes?days=14',
    );
    expect(days).toBe(14);
    // L3 was won and L6 withdrawn; L2 (p2, no progress) and L4/L5 (p1, silent since) remain.
    expect(leads.map((l: any) => l.leadId).sort()).toEqual(['L2', 'L4', 'L5']);
    expect(leads.find((l: any) => l.leadId === 'L4')).toMatchObject({
      partnerId: p1Id,
      stage: 'proposal',
      silentDays: 15,
    });
    const fewer = await expectApi(vendor, 200, 'GET', '/lead-tracking/black-holes?days=30');
    expect(fewer.leads).toEqual([]);
  });

  it('judges an answer by when it arrives, not by a backdated sentAt (issue #14, finding 3)', async () => {
    const { vendor, p1, p1Id, clock } = n;
    await expectApi(vendor, 201, 'POST', '/leads', newLead('L7'));
    await expectApi(vendor, 200, 'POST', '/leads/L7/offers', { partners: [p1Id], offerHours: 1 });
    await copyWhere(p1, 'L7', (c) => c.status === 'offered');
    const inTime = new Date(clock.now().getTime() + HOUR / 2).toISOString();
    clock.advance(2 * HOUR);
    const backdated = await signedFrom(
      p1,
      vendor,
      'lead.accept',
      { leadId: 'L7' },
      {
        sentAt: inTime,
      },
    );
    const res = await postToInbox(vendor, [backdated.jws]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'conflict' });
    const lead = await expectApi(vendor, 200, 'GET', '/leads/L7');
    expect(offerOf(lead, p1Id).status).toBe('open');
  });
});
