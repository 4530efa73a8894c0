/**
 * Service requests between real nodes: opened by a partner and by the vendor (a shared service),
 * status and comments both ways with a timeline on each side, internal comments that never leave
 * their node (checked in the partner's database file), and refusals of a node that is no party.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_CATEGORIES } from '../../node/store/service-store.ts';
import { outboundRows, postToInbox, signedFrom } from '../support/federation.ts';
import { removeTestDirs } from '../support/test-node.ts';
import {
  call,
  createTrio,
  databaseBytes,
  holds,
  requestOn,
  settle,
  sharedState,
  type Trio,
} from './service-fixture.ts';

let t: Trio;
beforeAll(async () => {
  t = await createTrio();
});
afterAll(async () => {
  await t.stop();
  await removeTestDirs();
});

describe('service requests › across companies', () => {
  it('a partner opens requests in every category; the vendor holds them as the partner’s', async () => {
    const { vendor, p1 } = t;
    const opened: any[] = [];
    for (const category of REQUEST_CATEGORIES) {
      opened.push(
        await call(p1, 'POST', '/service/requests', {
          partner: t.idOf(p1, vendor),
          category,
          subject: `A ${category} question`,
          description: 'Details follow.',
          priority: 'high',
          product: 'RTR-4800',
          serial: 'SN-1',
        }),
      );
    }
    await settle(p1, vendor);
    for (const mine of opened) {
      expect(mine).toMatchObject({ owner: 'self', status: 'open', version: 1 });
      const theirs = await requestOn(vendor, mine.requestId);
      expect(theirs).toMatchObject({
        owner: 'partner',
        partner: { id: t.idOf(vendor, p1), nodeId: p1.url },
        category: mine.category,
        subject: mine.subject,
        product: 'RTR-4800',
        serial: 'SN-1',
      });
      expect(theirs.timeline[0]).toMatchObject({ type: 'opened', side: 'partner', by: p1.url });
    }
    const listed = await call(
      vendor,
      'GET',
      `/service/requests?partner=${t.idOf(vendor, p1)}&owner=partner&category=help_desk`,
    );
    expect(listed.requests.map((r: any) => r.requestId)).toEqual([opened[1].requestId]);
  });

  it('the vendor opens a shared-service request; status and comments flow both ways, internal ones never leave', async () => {
    const { vendor, p1 } = t;
    const secret = `INTERNAL-${crypto.randomUUID()}`;
    const p1Secret = `P1-INTERNAL-${crypto.randomUUID()}`;
    const opened = await call(vendor, 'POST', '/service/requests', {
      partner: t.idOf(vendor, p1),
      category: 'accounting',
      subject: 'Please confirm your Q4 statement',
      description: 'Our records show an open balance of 1200.00 EUR.',
    });
    expect(opened).toMatchObject({ owner: 'self', priority: 'normal', status: 'open' });
    await settle(vendor);
    const path = `/service/requests/${opened.requestId}`;

    await call(p1, 'POST', `${path}/updates`, {
      status: 'in_progress',
      comment: 'Looking into it.',
      visibility: 'partner',
    });
    await settle(p1);
    await call(vendor, 'POST', `${path}/updates`, {
      status: 'waiting',
      comment: secret,
      visibility: 'internal',
    });
    await call(vendor, 'POST', `${path}/updates`, {
      comment: 'We attached the ledger extract.',
      visibility: 'partner',
    });
    await call(p1, 'POST', `${path}/updates`, {
      comment: p1Secret,
      visibility: 'internal',
    });
    await settle(vendor, p1);
    await call(p1, 'POST', `${path}/updates`, { status: 'resolved' });
    await settle(vendor, p1);

    const onVendor = await requestOn(vendor, opened.requestId);
    const onP1 = await requestOn(p1, opened.requestId);
    expect(onVendor.status).toBe('resolved');
    expect(sharedState(onP1)).toEqual(sharedState(onVendor));
    expect(sharedState(onVendor).partnerComments).toHaveLength(2);

    // The timeline says who, when and which message; both sides name the same message.
    const fromP1 = onVendor.timeline.find((e: any) => e.comment?.text === 'Looking into it.');
    expect(fromP1).toMatchObject({
      type: 'update',
      side: 'partner',
      by: p1.url,
      status: 'in_progress',
      version: 1,
    });
    const sent = (await outboundRows(p1)).find((r) => r.messageId === fromP1.messageId);
    expect(sent).toMatchObject({ kind: 'service.update', status: 'delivered' });
    expect(onP1.timeline.find((e: any) => e.messageId === fromP1.messageId)).toMatchObject({
      side: 'self',
      by: p1.url,
      at: fromP1.at,
    });

    // Internal comments: on their author's timeline, without a message; nowhere else.
    const internal = onVendor.timeline.find((e: any) => e.comment?.visibility === 'internal');
    expect(internal).toMatchObject({ type: 'comment', messageId: null, comment: { text: secret } });
    expect(JSON.stringify(onP1.timeline)).not.toContain(`"${secret}"`);
    for (const row of await outboundRows(vendor)) {
      expect(JSON.stringify(row.body)).not.toContain(secret);
    }
    for (const row of await outboundRows(p1)) {
      expect(JSON.stringify(row.body)).not.toContain(p1Secret);
    }
    // The check reads the files as stored, in plain text and base64url (as in a stored JWS). It
    // finds each secret in its author's database…
    const vendorBytes = await databaseBytes(vendor);
    const p1Bytes = await databaseBytes(p1);
    expect(holds(vendorBytes, secret)).toBe(true);
    expect(holds(p1Bytes, p1Secret)).toBe(true);
    // …and a partner comment inside a signed message…
    const carried = (await outboundRows(vendor)).find((r) =>
      JSON.stringify(r.body).includes('ledger extract'),
    );
    expect(holds(Buffer.from(carried!.jws!), 'We attached the ledger extract.')).toBe(true);
    // …but never an internal comment in the other party's database or its write-ahead log.
    expect(holds(p1Bytes, secret)).toBe(false);
    expect(holds(vendorBytes, p1Secret)).toBe(false);
  });

  it('refuses an update or withdrawal from a node that is no party to the request', async () => {
    const { vendor, p1, p2 } = t;
    const opened = await call(p1, 'POST', '/service/requests', {
      partner: t.idOf(p1, vendor),
      category: 'technical',
      subject: 'Router reboots',
      description: 'Every few minutes.',
    });
    await settle(p1);
    const before = await requestOn(vendor, opened.requestId);

    const update = await signedFrom(p2, vendor, 'service.update', {
      requestId: opened.requestId,
      status: 'closed',
      comment: { id: 'c-p2', text: 'closing this' },
      version: 1,
      changedAt: p2.deps.clock.now().toISOString(),
    });
    const withdraw = await signedFrom(p2, vendor, 'record.withdraw', {
      recordKind: 'service_request',
      recordId: opened.requestId,
      reason: 'not yours',
    });
    // The vendor may not change the core fields of a request the partner opened.
    const revise = await signedFrom(vendor, p1, 'service.request', {
      request: { ...requestBody(opened), subject: 'hijacked' },
      version: 9,
    });
    // Nor may p2 update it at p1 (it is p1's partner, but not on this request).
    const atP1 = await signedFrom(p2, p1, 'service.update', {
      requestId: opened.requestId,
      status: 'closed',
      version: 1,
      changedAt: p2.deps.clock.now().toISOString(),
    });
    const results = [
      ...(await postToInbox(vendor, [update.jws, withdraw.jws])).body.results,
      ...(await postToInbox(p1, [revise.jws, atP1.jws])).body.results,
    ];
    expect(results.map((r: any) => [r.status, r.code])).toEqual([
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
    ]);
    expect(await requestOn(vendor, opened.requestId)).toEqual(before);
    expect((await requestOn(p1, opened.requestId)).subject).toBe('Router reboots');
  });

  it('withdrawal: the opener stops sharing; later updates are refused on both sides', async () => {
    const { vendor, p1 } = t;
    const opened = await call(p1, 'POST', '/service/requests', {
      partner: t.idOf(p1, vendor),
      category: 'inquiry',
      subject: 'Availability of RTR-4900',
      description: 'When will it ship?',
    });
    await settle(p1);
    const path = `/service/requests/${opened.requestId}`;
    // Only the opener withdraws.
    const refused = await vendor.api('POST', `${path}/withdraw`, { reason: 'no' });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'not_owner' } } });

    const withdrawn = await call(p1, 'POST', `${path}/withdraw`, { reason: 'Found it online.' });
    expect(withdrawn).toMatchObject({ withdrawn: true, withdrawnReason: 'Found it online.' });
    await settle(p1);
    const onVendor = await requestOn(vendor, opened.requestId);
    expect(onVendor).toMatchObject({ withdrawn: true, withdrawnReason: 'Found it online.' });
    expect(onVendor.timeline.at(-1)).toMatchObject({ type: 'withdrawn', side: 'partner' });

    const update = await vendor.api('POST', `${path}/updates`, { status: 'closed' });
    expect(update).toMatchObject({ status: 409, body: { error: { code: 'request_withdrawn' } } });
    const late = await signedFrom(vendor, p1, 'service.update', {
      requestId: opened.requestId,
      status: 'closed',
      version: 1,
      changedAt: vendor.deps.clock.now().toISOString(),
    });
    const [result] = (await postToInbox(p1, [late.jws])).body.results;
    expect(result).toMatchObject({ status: 'rejected', code: 'conflict' });
    // Withdrawing again changes nothing and sends nothing.
    const count = (await outboundRows(p1)).length;
    await call(p1, 'POST', `${path}/withdraw`, { reason: 'again' });
    expect((await outboundRows(p1)).length).toBe(count);
  });

  it('bounds changedAt by when the update was received, not by its sentAt (issue #14, 3)', async () => {
    const { vendor, p1 } = t;
    const opened = await call(p1, 'POST', '/service/requests', {
      partner: t.idOf(p1, vendor),
      category: 'technical',
      subject: 'Switch fan noise',
      description: 'Loud since Monday.',
    });
    await settle(p1);
    const now = p1.deps.clock.now().getTime();
    // sentAt 4 minutes ahead passes the replay check; changedAt 13 minutes ahead would then lie
    // within 10 minutes of sentAt, and win every later race.
    const ahead = await signedFrom(
      p1,
      vendor,
      'service.update',
      {
        requestId: opened.requestId,
        status: 'closed',
        version: 1,
        changedAt: new Date(now + 13 * 60_000).toISOString(),
      },
      { sentAt: new Date(now + 4 * 60_000).toISOString() },
    );
    const [result] = (await postToInbox(vendor, [ahead.jws])).body.results;
    expect(result).toMatchObject({ status: 'rejected', code: 'conflict' });
  });
});

function requestBody(view: any) {
  return {
    id: view.requestId,
    category: view.category,
    subject: view.subject,
    description: view.description,
    priority: view.priority,
  };
}
