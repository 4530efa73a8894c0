/**
 * The service and warranty admin API's input checks: every bad field is a 400 naming it, and
 * nothing is written or sent; lookups by number or wire id, narrowed by partner when ambiguous.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundRows, postToInbox, signedFrom } from '../support/federation.ts';
import { removeTestDirs } from '../support/test-node.ts';
import { call, createTrio, settle, type Trio } from './service-fixture.ts';

let t: Trio;
beforeAll(async () => {
  t = await createTrio();
});
afterAll(async () => {
  await t.stop();
  await removeTestDirs();
});

const REQUEST = {
  category: 'technical',
  subject: 'Router reboots',
  description: 'Every few minutes.',
};
const CLAIM = {
  product: 'RTR-4800',
  serial: 'SN-1',
  purchaseDate: '2026-03-14',
  failureDate: '2026-11-20',
  failure: 'Dead.',
  claimedAmount: '420.00',
  currency: 'EUR',
};

async function expectInvalid(res: Promise<{ status: number; body: any }>, field: string) {
  const { status, body } = await res;
  expect({ status, code: body?.error?.code, field: body?.error?.field }).toEqual({
    status: 400,
    code: 'invalid_field',
    field,
  });
}

describe('service admin api › input', () => {
  it('names the bad field of a new request and writes nothing', async () => {
    const { vendor } = t;
    const partner = t.idOf(vendor, t.p1);
    const before = (await outboundRows(vendor)).length;
    const open = (body: object) => vendor.api('POST', '/service/requests', body);
    await expectInvalid(open({ ...REQUEST }), 'partner');
    await expectInvalid(open({ ...REQUEST, partner: 999 }), 'partner');
    await expectInvalid(open({ partner, subject: 'x', description: 'y' }), 'category');
    await expectInvalid(open({ ...REQUEST, partner, category: 'sales' }), 'category');
    await expectInvalid(open({ ...REQUEST, partner, subject: 'two\nlines' }), 'subject');
    await expectInvalid(
      open({ ...REQUEST, partner, description: 'x'.repeat(5001) }),
      'description',
    );
    await expectInvalid(open({ ...REQUEST, partner, priority: 'asap' }), 'priority');
    await expectInvalid(open({ ...REQUEST, partner, dueAt: '31.01.2027' }), 'dueAt');
    await expectInvalid(open({ ...REQUEST, partner, dueAt: '2027-02-30T00:00:00Z' }), 'dueAt');
    await expectInvalid(open({ ...REQUEST, partner, status: 'open' }), 'status');
    expect((await call(vendor, 'GET', '/service/requests')).requests).toEqual([]);
    expect((await outboundRows(vendor)).length).toBe(before);
  });

  it('names the bad field of an update and of a listing filter', async () => {
    const { vendor } = t;
    const opened = await call(vendor, 'POST', '/service/requests', {
      ...REQUEST,
      partner: t.idOf(vendor, t.p1),
    });
    const path = `/service/requests/${opened.id}/updates`;
    await expectInvalid(vendor.api('POST', path, {}), 'status');
    await expectInvalid(vendor.api('POST', path, { status: 'done' }), 'status');
    await expectInvalid(vendor.api('POST', path, { comment: 'hello' }), 'visibility');
    await expectInvalid(
      vendor.api('POST', path, { comment: 'hello', visibility: 'public' }),
      'visibility',
    );
    await expectInvalid(
      vendor.api('POST', path, { status: 'waiting', visibility: 'partner' }),
      'visibility',
    );
    await expectInvalid(vendor.api('GET', '/service/requests?overdue=yes'), 'overdue');
    await expectInvalid(vendor.api('GET', '/service/requests?category=sales'), 'category');
    await expectInvalid(vendor.api('GET', '/service/requests?sort=due'), 'sort');
    const view = await call(vendor, 'GET', `/service/requests/${opened.id}`);
    expect(view.timeline.map((e: any) => e.type)).toEqual(['opened']);
    expect(await vendor.api('GET', '/service/requests/99999')).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
  });

  it('names the bad field of a claim and of a decision', async () => {
    const { vendor, p1 } = t;
    const file = (body: object) =>
      p1.api('POST', '/warranty/claims', { vendor: t.idOf(p1, vendor), ...CLAIM, ...body });
    await expectInvalid(file({ failureDate: '2026-03-13' }), 'failureDate');
    await expectInvalid(file({ purchaseDate: '2026-02-30' }), 'purchaseDate');
    await expectInvalid(file({ claimedAmount: '420,00' }), 'claimedAmount');
    await expectInvalid(file({ claimedAmount: 420 }), 'claimedAmount');
    await expectInvalid(file({ claimedAmount: '-1' }), 'claimedAmount');
    await expectInvalid(file({ currency: 'eur' }), 'currency');
    await expectInvalid(file({ requestId: 'no-such-request' }), 'requestId');
    expect((await call(p1, 'GET', '/warranty/claims')).claims).toEqual([]);

    const claim = await call(p1, 'POST', '/warranty/claims', {
      vendor: t.idOf(p1, vendor),
      ...CLAIM,
    });
    await settle(p1);
    const decide = (body: object) =>
      vendor.api('POST', `/warranty/claims/${claim.claimId}/decision`, body);
    await expectInvalid(decide({ status: 'partial' }), 'approvedAmount');
    await expectInvalid(decide({ status: 'partial', approvedAmount: '420.01' }), 'approvedAmount');
    await expectInvalid(decide({ status: 'rejected' }), 'reason');
    await expectInvalid(
      decide({ status: 'rejected', reason: 'x', approvedAmount: '1' }),
      'approvedAmount',
    );
    await expectInvalid(decide({ status: 'submitted' }), 'status');
    const held = await call(vendor, 'GET', `/warranty/claims/${claim.claimId}`);
    expect(held).toMatchObject({ status: 'submitted', decisionVersion: 0 });
  });

  it('finds a request by number or wire id, and asks for the partner when the id is shared', async () => {
    const { vendor, p1, p2 } = t;
    const body = { request: { id: 'REQ-1', ...REQUEST, priority: 'low' }, version: 1 };
    for (const from of [p1, p2]) {
      const { jws } = await signedFrom(from, vendor, 'service.request', body);
      expect((await postToInbox(vendor, [jws])).body.results[0].status).toBe('accepted');
    }
    const ambiguous = await vendor.api('GET', '/service/requests/REQ-1');
    expect(ambiguous).toMatchObject({
      status: 409,
      body: { error: { code: 'ambiguous', field: 'partner' } },
    });
    const fromP2 = await call(vendor, 'GET', `/service/requests/REQ-1?partner=${p2.url}`);
    expect(fromP2.partner.nodeId).toBe(p2.url);
    expect(await call(vendor, 'GET', `/service/requests/${fromP2.id}`)).toEqual(fromP2);
  });

  it('refuses to send to a removed partner, but keeps its records', async () => {
    const { vendor, p2 } = t;
    const opened = await call(vendor, 'POST', '/service/requests', {
      ...REQUEST,
      partner: t.idOf(vendor, p2),
    });
    await call(vendor, 'DELETE', `/partners/${t.idOf(vendor, p2)}`, { reason: 'Contract ended.' });
    const res = await vendor.api('POST', `/service/requests/${opened.id}/updates`, {
      status: 'closed',
    });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'partner_removed' } } });
    // An internal note needs no partner.
    await call(vendor, 'POST', `/service/requests/${opened.id}/updates`, {
      comment: 'They left us.',
      visibility: 'internal',
    });
    expect((await call(vendor, 'GET', `/service/requests/${opened.id}`)).status).toBe('open');
  });
});
