/**
 * Vendor-managed inventory messages delivered twice, under new ids, out of order, or by the wrong
 * partner: the same state in the end, `conflict` for a changed immutable record, `forbidden` for a
 * proposal that was not sent to the sender.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToInbox, signedFrom } from '../support/federation.ts';
import { removeTestDirs, type TestNode } from '../support/test-node.ts';
import { proposalOn, startVmiNodes, type VmiNodes } from './vmi-nodes.ts';

let n: VmiNodes;

beforeAll(async () => {
  n = await startVmiNodes();
  for (const partner of [n.ids.alphaOnSupplier, n.ids.betaOnSupplier]) {
    const res = await n.supplier.api('PUT', '/inventory/settings', {
      partner,
      sku: 'SW-48',
      policy: 'days_of_cover',
      days: 14,
      leadTimeDays: 3,
    });
    expect(res.status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

const week = (reportId: string, start: string, end: string, onHand: string, sold: string) => ({
  reportId,
  location: 'Köln',
  periodStart: start,
  periodEnd: end,
  lines: [{ sku: 'SW-48', onHand, sold, onOrder: '0' }],
});

async function post(sender: TestNode, kind: string, body: unknown) {
  const { jws } = await signedFrom(
    sender,
    n.supplier === sender ? n.alpha : n.supplier,
    kind,
    body,
  );
  return post2(sender === n.supplier ? n.alpha : n.supplier, jws);
}

async function post2(recipient: TestNode, jws: string) {
  const res = await postToInbox(recipient, [jws]);
  expect(res.status).toBe(200);
  return res.body.results[0] as { status: string; code?: string; message?: string };
}

describe('inventory › repeats, order and authorization', () => {
  it('stores a repeated report once and refuses one changed under the same id', async () => {
    const w1 = week('k-w1', '2027-01-04', '2027-01-10', '20', '14');
    const signed = await signedFrom(n.alpha, n.supplier, 'inventory.report', w1);
    expect((await post2(n.supplier, signed.jws)).status).toBe('accepted');
    // The same JWS again: a duplicate with the original receipt.
    expect((await post2(n.supplier, signed.jws)).status).toBe('duplicate');
    // The same report under a new message id, keys in another order: accepted, no change.
    const reordered = {
      lines: w1.lines,
      periodEnd: w1.periodEnd,
      periodStart: w1.periodStart,
      location: w1.location,
      reportId: w1.reportId,
    };
    expect((await post(n.alpha, 'inventory.report', reordered)).status).toBe('accepted');
    // Other content under the same reportId: conflict.
    const changed = await post(n.alpha, 'inventory.report', {
      ...w1,
      lines: [{ ...w1.lines[0]!, sold: '99' }],
    });
    expect(changed).toMatchObject({ status: 'rejected', code: 'conflict' });
    // A SKU twice, a period backwards: conflict (what the schema cannot say).
    const twice = await post(n.alpha, 'inventory.report', {
      ...week('k-x', '2027-01-04', '2027-01-10', '1', '1'),
      lines: [w1.lines[0], w1.lines[0]],
    });
    expect(twice).toMatchObject({ status: 'rejected', code: 'conflict' });
    const backwards = await post(
      n.alpha,
      'inventory.report',
      week('k-y', '2027-01-10', '2027-01-04', '1', '1'),
    );
    expect(backwards).toMatchObject({ status: 'rejected', code: 'conflict' });
    // A JSON number where a decimal string belongs: the schema refuses it.
    const numeric = await post(n.alpha, 'inventory.report', {
      ...w1,
      reportId: 'k-z',
      lines: [{ sku: 'SW-48', onHand: 1, sold: '1', onOrder: '0' }],
    });
    expect(numeric).toMatchObject({ status: 'rejected', code: 'invalid_body' });

    const held = await n.supplier.api(
      'GET',
      `/inventory/reports?role=supplier&partner=${n.ids.alphaOnSupplier}`,
    );
    expect(held.body.reports.map((r: any) => r.reportId)).toEqual(['k-w1']);
    const shown = await n.supplier.api('GET', `/inventory/reports/${held.body.reports[0].id}`);
    expect(shown.body.lines).toEqual(w1.lines);
  });

  it('computes the same proposal whatever order the reports arrived in', async () => {
    const w1 = (id: string) => week(id, '2027-01-04', '2027-01-10', '20', '14');
    const w2 = (id: string) => week(id, '2027-01-11', '2027-01-17', '10', '28');
    // alpha: w1 then w2 (w1 is k-w1 from above); beta: w2 first, then w1.
    expect((await post(n.alpha, 'inventory.report', w2('k-w2'))).status).toBe('accepted');
    expect((await post(n.beta, 'inventory.report', w2('k-w2'))).status).toBe('accepted');
    expect((await post(n.beta, 'inventory.report', w1('k-w1'))).status).toBe('accepted');
    const preview = async (partner: number) => {
      const res = await n.supplier.api('POST', '/inventory/proposals/preview', {
        partner,
        location: 'Köln',
      });
      expect(res.status).toBe(200);
      return res.body;
    };
    const a = await preview(n.ids.alphaOnSupplier);
    const b = await preview(n.ids.betaOnSupplier);
    expect(b).toEqual(a);
    // 42 sold over 14 days = 3/day; 17 days → 51; position 10 → 41.
    expect(a.lines[0]).toMatchObject({ sku: 'SW-48', qty: '41', salesReports: ['k-w2', 'k-w1'] });
  });

  it('keeps a repeated proposal once and refuses a changed one', async () => {
    const sent = await n.supplier.api('POST', '/inventory/proposals', {
      partner: n.ids.alphaOnSupplier,
      location: 'Köln',
    });
    expect(sent.status).toBe(201);
    const onAlpha = await proposalOn(n.alpha, sent.body.proposalId, 'partner');
    const body = {
      proposalId: sent.body.proposalId,
      location: 'Köln',
      basedOn: sent.body.basedOn,
      validUntil: sent.body.validUntil,
      lines: sent.body.lines,
    };
    expect((await post(n.supplier, 'replenishment.proposal', body)).status).toBe('accepted');
    const changed = await post(n.supplier, 'replenishment.proposal', {
      ...body,
      lines: [{ ...body.lines[0], qty: '1' }],
    });
    expect(changed).toMatchObject({ status: 'rejected', code: 'conflict' });
    const list = await n.alpha.api('GET', '/inventory/proposals?role=partner');
    expect(list.body.proposals.filter((p: any) => p.proposalId === body.proposalId)).toHaveLength(
      1,
    );
    expect((await n.alpha.api('GET', `/inventory/proposals/${onAlpha.id}`)).body.lines).toEqual(
      body.lines,
    );
  });

  it('answers forbidden for a proposal not sent to the sender, conflict for a second decision', async () => {
    const sent = await n.supplier.api('POST', '/inventory/proposals', {
      partner: n.ids.alphaOnSupplier,
      location: 'Köln',
    });
    const proposalId = sent.body.proposalId;
    // beta decides alpha's proposal; anyone decides one that does not exist: one code for both.
    const stolen = await post(n.beta, 'replenishment.decision', { proposalId, status: 'rejected' });
    expect(stolen).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const unknown = await post(n.beta, 'replenishment.decision', {
      proposalId: 'nope',
      status: 'rejected',
    });
    expect(unknown).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(stolen.message).toBe(unknown.message);

    // alpha's own decision, twice under two ids: accepted both, recorded once.
    const decision = { proposalId, status: 'rejected', reason: 'Closed for stock-taking.' };
    const first = await signedFrom(n.alpha, n.supplier, 'replenishment.decision', decision);
    expect((await post2(n.supplier, first.jws)).status).toBe('accepted');
    expect((await post(n.alpha, 'replenishment.decision', decision)).status).toBe('accepted');
    expect((await post2(n.supplier, first.jws)).status).toBe('duplicate');
    // Another decision afterwards contradicts it.
    const other = await post(n.alpha, 'replenishment.decision', {
      proposalId,
      status: 'accepted',
      orderId: 'o-1',
    });
    expect(other).toMatchObject({ status: 'rejected', code: 'conflict' });
    const held = await n.supplier.api('GET', `/inventory/proposals/${sent.body.id}`);
    expect(held.body.decision).toMatchObject({
      status: 'rejected',
      reason: 'Closed for stock-taking.',
      late: false,
    });

    // A proposal from a partner (not a supplier of ours) is not ours to receive from alpha:
    // alpha may not send the kind at all.
    const fromAlpha = await post(n.alpha, 'replenishment.proposal', {
      proposalId: 'x',
      location: 'Köln',
      basedOn: ['k-w1'],
      validUntil: '2027-02-01T00:00:00Z',
      lines: [{ sku: 'SW-48', qty: '1', reason: 'because' }],
    });
    expect(fromAlpha).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('flags a decision received after validUntil as late, whatever its sentAt (issue #14, 3)', async () => {
    const sent = await n.supplier.api('POST', '/inventory/proposals', {
      partner: n.ids.alphaOnSupplier,
      location: 'Köln',
    });
    expect(sent.status).toBe(201);
    await proposalOn(n.alpha, sent.body.proposalId, 'partner');
    const validUntil = Date.parse(sent.body.validUntil);
    n.clock.set(new Date(validUntil + 3600_000));
    const backdated = await signedFrom(
      n.alpha,
      n.supplier,
      'replenishment.decision',
      { proposalId: sent.body.proposalId, status: 'rejected', reason: 'Too late anyway.' },
      { sentAt: new Date(validUntil - 3600_000).toISOString() },
    );
    expect((await post2(n.supplier, backdated.jws)).status).toBe('accepted');
    const held = await n.supplier.api('GET', `/inventory/proposals/${sent.body.id}`);
    expect(held.body.decision).toMatchObject({ status: 'rejected', late: true });
  });
});
