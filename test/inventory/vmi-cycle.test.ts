/**
 * Vendor-managed inventory between real nodes: stock reports to a proposal to a replenishment
 * order (which arrives at the supplier as order.place); modify; reject; auto-accept with caps;
 * expiry; bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundRows } from '../support/federation.ts';
import { removeTestDirs } from '../support/test-node.ts';
import {
  orderAtSupplier,
  proposalOn,
  report,
  reportAtSupplier,
  startVmiNodes,
  type VmiNodes,
} from './vmi-nodes.ts';

const DAY = 86_400_000;
let n: VmiNodes;

beforeAll(async () => {
  n = await startVmiNodes();
  // Supplier settings for alpha: days of cover for switches (packs of 4), min/max for cables.
  for (const setting of [
    { sku: 'SW-48', policy: 'days_of_cover', days: 7, leadTimeDays: 7, packSize: '4' },
    { sku: 'CAB-5', policy: 'min_max', min: '50', max: '200', leadTimeDays: 3 },
    { sku: 'AP-6', policy: 'days_of_cover', days: 14, location: 'Hamburg' },
  ]) {
    const res = await n.supplier.api('PUT', '/inventory/settings', {
      partner: n.ids.alphaOnSupplier,
      ...setting,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

async function sendProposal(location = 'Berlin') {
  const res = await n.supplier.api('POST', '/inventory/proposals', {
    partner: n.ids.alphaOnSupplier,
    location,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('inventory › a VMI cycle between three nodes', () => {
  it('goes from two stock reports to a proposal to a replenishment order', async () => {
    const w1 = await report(n.alpha, n.ids.supplierOnAlpha, {
      reportId: 'alpha-berlin-w1',
      location: 'Berlin',
      periodStart: '2027-01-04',
      periodEnd: '2027-01-10',
      lines: [
        { sku: 'SW-48', onHand: '30', sold: '10', onOrder: '0' },
        { sku: 'CAB-5', onHand: '120', sold: '80', onOrder: '0', returned: '4' },
      ],
    });
    expect(w1).toMatchObject({ role: 'partner', days: 7, location: 'Berlin' });
    await report(n.alpha, n.ids.supplierOnAlpha, {
      reportId: 'alpha-berlin-w2',
      location: 'Berlin',
      periodStart: '2027-01-11',
      periodEnd: '2027-01-17',
      lines: [
        { sku: 'SW-48', onHand: '12', sold: '18', onOrder: '2' },
        { sku: 'CAB-5', onHand: '40', sold: '80', onOrder: '0' },
      ],
    });
    const held = await reportAtSupplier(n, 'alpha-berlin-w2');
    await reportAtSupplier(n, 'alpha-berlin-w1');
    expect(held).toMatchObject({ role: 'supplier', lineCount: 2 });
    expect(held.partner.id).toBe(n.ids.alphaOnSupplier);

    // Preview: SW-48 sold 28 over 14 days = 2/day; 14 + 7 days → 28; position 14 → 14 → packs
    // of 4 → 16. CAB-5 at 40 is below min 50 → up to 200: 160.
    const preview = await n.supplier.api('POST', '/inventory/proposals/preview', {
      partner: n.ids.alphaOnSupplier,
      location: 'Berlin',
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.basedOn).toEqual(['alpha-berlin-w2', 'alpha-berlin-w1']);
    expect(preview.body.lines.map((l: any) => [l.sku, l.qty])).toEqual([
      ['CAB-5', '160'],
      ['SW-48', '16'],
    ]);
    expect(preview.body.lines[1]).toMatchObject({
      soldPerDay: '2',
      salesDays: 14,
      position: '14',
      coverDaysNow: '7',
      leadTimeDays: 7,
      target: '28',
    });
    // AP-6 is set for Hamburg only: not part of a Berlin proposal.
    expect(preview.body.unreported).toEqual([]);

    const sent = await sendProposal();
    expect(sent).toMatchObject({ role: 'supplier', status: 'open', location: 'Berlin' });
    expect(sent.validUntil).toBe(new Date(n.clock.now().getTime() + 7 * DAY).toISOString());
    expect(sent.details.lines).toHaveLength(2);

    const onAlpha = await proposalOn(n.alpha, sent.proposalId, 'partner');
    expect(onAlpha.lines.map((l: any) => [l.sku, l.qty])).toEqual([
      ['CAB-5', '160'],
      ['SW-48', '16'],
    ]);
    expect(onAlpha.lines[1].reason).toContain('sold 2/day over 14 days (2 reports)');
    expect(onAlpha.lines[1].reason).toContain('lead time 7 days');
    expect(onAlpha.details).toBeNull();

    const accepted = await n.alpha.api('POST', `/inventory/proposals/${onAlpha.id}/decision`, {
      status: 'accepted',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const orderId = accepted.body.decision.orderId;
    expect(orderId).toEqual(expect.any(String));

    // The order reaches the supplier as order.place, typed replenishment, priced from the list.
    const order = await orderAtSupplier(n, orderId);
    expect(order).toMatchObject({ type: 'replenishment', direction: 'incoming', currency: 'EUR' });
    expect(order.lines.map((l: any) => [l.sku, l.qty, l.unitPrice])).toEqual([
      ['CAB-5', '160', '5.00'],
      ['SW-48', '16', '350.00'],
    ]);

    const decided = await proposalOn(n.supplier, sent.proposalId, 'supplier', (p) => p.decision);
    expect(decided.status).toBe('accepted');
    expect(decided.decision).toMatchObject({ orderId, late: false, autoAccepted: false });

    // Decided once: a second decision is refused without a change.
    const again = await n.alpha.api('POST', `/inventory/proposals/${onAlpha.id}/decision`, {
      status: 'rejected',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('proposal_decided');
  });

  it('modifies: orders the quantities given', async () => {
    const sent = await sendProposal();
    const onAlpha = await proposalOn(n.alpha, sent.proposalId, 'partner');
    const res = await n.alpha.api('POST', `/inventory/proposals/${onAlpha.id}/decision`, {
      status: 'modified',
      lines: [
        { sku: 'SW-48', qty: '8' },
        { sku: 'CAB-5', qty: '0' },
      ],
      reason: 'No room for cables.',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.decision.lines).toEqual([{ sku: 'SW-48', qty: '8' }]);
    const order = await orderAtSupplier(n, res.body.decision.orderId);
    expect(order.lines.map((l: any) => [l.sku, l.qty])).toEqual([['SW-48', '8']]);
    const decided = await proposalOn(n.supplier, sent.proposalId, 'supplier', (p) => p.decision);
    expect(decided.decision).toMatchObject({
      status: 'modified',
      lines: [{ sku: 'SW-48', qty: '8' }],
      reason: 'No room for cables.',
    });
  });

  it('rejects: places no order', async () => {
    const before = (await outboundRows(n.alpha)).filter((r) => r.kind === 'order.place').length;
    const sent = await sendProposal();
    const onAlpha = await proposalOn(n.alpha, sent.proposalId, 'partner');
    const res = await n.alpha.api('POST', `/inventory/proposals/${onAlpha.id}/decision`, {
      status: 'rejected',
      reason: 'Store closes for inventory.',
    });
    expect(res.status).toBe(200);
    expect(res.body.decision).toMatchObject({ status: 'rejected', orderId: null });
    const decided = await proposalOn(n.supplier, sent.proposalId, 'supplier', (p) => p.decision);
    expect(decided.decision).toMatchObject({
      status: 'rejected',
      reason: 'Store closes for inventory.',
    });
    const after = (await outboundRows(n.alpha)).filter((r) => r.kind === 'order.place').length;
    expect(after).toBe(before);
  });

  it('refuses bad decisions with the field named, and leaves the proposal open', async () => {
    const sent = await sendProposal();
    const onAlpha = await proposalOn(n.alpha, sent.proposalId, 'partner');
    const decide = (body: unknown) =>
      n.alpha.api('POST', `/inventory/proposals/${onAlpha.id}/decision`, body);
    const cases: Array<[unknown, string]> = [
      [{ status: 'maybe' }, 'status'],
      [{ status: 'modified' }, 'lines'],
      [{ status: 'modified', lines: [{ sku: 'NOPE', qty: '1' }] }, 'lines[0].sku'],
      [{ status: 'modified', lines: [{ sku: 'SW-48', qty: 4 }] }, 'lines[0].qty'],
      [{ status: 'modified', lines: [{ sku: 'SW-48', qty: '0' }] }, 'lines'],
      [{ status: 'accepted', lines: [{ sku: 'SW-48', qty: '1' }] }, 'lines'],
      [{ status: 'accepted', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await decide(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    expect((await n.alpha.api('GET', `/inventory/proposals/${onAlpha.id}`)).body.status).toBe(
      'open',
    );
    // The supplier's own copy is not decided by the supplier.
    const own = await n.supplier.api('POST', `/inventory/proposals/${sent.id}/decision`, {
      status: 'accepted',
    });
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('proposal_wrong_role');

    // Past validUntil it can no longer be accepted; a rejection is still taken.
    n.clock.advance(8 * DAY);
    try {
      const late = await decide({ status: 'accepted' });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('proposal_expired');
      const shown = await n.alpha.api('GET', `/inventory/proposals/${onAlpha.id}`);
      expect(shown.body).toMatchObject({ status: 'open', expired: true });
      const rejected = await decide({ status: 'rejected' });
      expect(rejected.status).toBe(200);
      const onSupplier = await proposalOn(
        n.supplier,
        sent.proposalId,
        'supplier',
        (p) => p.decision,
      );
      expect(onSupplier.decision).toMatchObject({ status: 'rejected', late: true });
    } finally {
      n.clock.advance(-8 * DAY);
    }
  });

  it('accepts automatically within the rule, and leaves a proposal over a cap open', async () => {
    const rule = await n.alpha.api('PUT', '/inventory/auto-accept', {
      supplier: n.ids.supplierOnAlpha,
      maxLines: 5,
      maxTotalQty: '500',
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(200);
    expect(rule.body).toMatchObject({ enabled: true, maxLines: 5, maxTotalQty: '500' });

    const sent = await sendProposal();
    const onAlpha = await proposalOn(n.alpha, sent.proposalId, 'partner');
    expect(onAlpha).toMatchObject({ status: 'accepted' });
    expect(onAlpha.decision).toMatchObject({ autoAccepted: true });
    await orderAtSupplier(n, onAlpha.decision.orderId);
    const decided = await proposalOn(n.supplier, sent.proposalId, 'supplier', (p) => p.decision);
    // The supplier's copy says the partner's node accepted it by rule, as the partner's does.
    expect(decided.decision).toMatchObject({
      status: 'accepted',
      orderId: onAlpha.decision.orderId,
      autoAccepted: true,
    });

    // 176 units in all, over a cap of 100: the proposal waits for a person, with the reason.
    await n.alpha.api('PUT', '/inventory/auto-accept', {
      supplier: n.ids.supplierOnAlpha,
      maxTotalQty: '100',
    });
    const big = await sendProposal();
    const waiting = await proposalOn(n.alpha, big.proposalId, 'partner');
    expect(waiting.status).toBe('open');
    expect(waiting.autoAcceptNote).toContain('176 units in all');

    const off = await n.alpha.api('PUT', '/inventory/auto-accept', {
      supplier: n.ids.supplierOnAlpha,
      enabled: false,
    });
    expect(off.body.enabled).toBe(false);
    const list = await n.alpha.api('GET', '/inventory/auto-accept');
    expect(list.body.rules).toHaveLength(1);
  });

  it('refuses bad reports with the field named, writing nothing', async () => {
    const base = {
      supplier: n.ids.supplierOnAlpha,
      location: 'Berlin',
      periodStart: '2027-01-11',
      periodEnd: '2027-01-17',
      lines: [{ sku: 'SW-48', onHand: '1', sold: '1', onOrder: '0' }],
    };
    const count = async () => (await n.alpha.api('GET', '/inventory/reports')).body.reports.length;
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ periodEnd: '2027-01-10' }, 'periodEnd'],
      [{ periodStart: '2027-02-30' }, 'periodStart'],
      [{ location: '' }, 'location'],
      [{ lines: [] }, 'lines'],
      [{ lines: [{ sku: 'SW-48', onHand: 1, sold: '1' }] }, 'lines[0].onHand'],
      [{ lines: [{ sku: 'SW-48', onHand: '-1', sold: '1' }] }, 'lines[0].onHand'],
      [
        {
          lines: [
            { sku: 'SW-48', onHand: '1', sold: '1' },
            { sku: 'SW-48', onHand: '2', sold: '1' },
          ],
        },
        'lines[1].sku',
      ],
      [{ lines: [{ sku: 'SW-48', onHand: '1', sold: '1', colour: 'red' }] }, 'lines[0].colour'],
      [{ supplier: 9999 }, 'supplier'],
      [{ supplier: undefined }, 'supplier'],
    ];
    for (const [override, field] of cases) {
      const res = await n.alpha.api('POST', '/inventory/reports', { ...base, ...override });
      expect(res.status, JSON.stringify(override)).toBe(400);
      expect(res.body.error.field, JSON.stringify(override)).toBe(field);
    }
    const tooMany = Array.from({ length: 2001 }, (_, i) => ({
      sku: `S-${i}`,
      onHand: '1',
      sold: '0',
    }));
    const big = await n.alpha.api('POST', '/inventory/reports', { ...base, lines: tooMany });
    expect(big.status).toBe(400);
    expect(big.body.error.field).toBe('lines');
    expect(await count()).toBe(before);

    // The same reportId twice from our side is a 409.
    const { supplier: _supplier, ...fields } = base;
    await report(n.alpha, n.ids.supplierOnAlpha, { ...fields, reportId: 'dup-1' });
    const dup = await n.alpha.api('POST', '/inventory/reports', { ...base, reportId: 'dup-1' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('report_exists');
  });

  it('refuses bad settings and proposals it cannot make', async () => {
    const put = (body: Record<string, unknown>) =>
      n.supplier.api('PUT', '/inventory/settings', {
        partner: n.ids.alphaOnSupplier,
        sku: 'X',
        ...body,
      });
    for (const [body, field] of [
      [{ policy: 'magic' }, 'policy'],
      [{ policy: 'min_max', min: '10' }, 'max'],
      [{ policy: 'min_max', min: '10', max: '5' }, 'max'],
      [{ policy: 'days_of_cover' }, 'days'],
      [{ policy: 'days_of_cover', days: 7, min: '1' }, 'min'],
      [{ policy: 'days_of_cover', days: 7, packSize: '0' }, 'packSize'],
      [{ policy: 'days_of_cover', days: 7, leadTimeDays: -1 }, 'leadTimeDays'],
    ] as Array<[Record<string, unknown>, string]>) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    const listed = await n.supplier.api(
      'GET',
      `/inventory/settings?partner=${n.ids.alphaOnSupplier}`,
    );
    expect(listed.body.settings.map((s: any) => s.sku)).toEqual(['AP-6', 'CAB-5', 'SW-48']);
    expect(listed.body.settings[0].location).toBe('Hamburg');

    const none = await n.supplier.api('POST', '/inventory/proposals', {
      partner: n.ids.betaOnSupplier,
      location: 'Berlin',
    });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('no_reports');
  });

  it('proposes by itself once a report has settled, when the partner is set to auto-propose', async () => {
    const set = await n.supplier.api('PUT', '/inventory/partners', {
      partner: n.ids.alphaOnSupplier,
      autoPropose: true,
      validDays: 3,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ autoPropose: true, validDays: 3 });
    const count = async () =>
      (
        await n.supplier.api(
          'GET',
          `/inventory/proposals?partner=${n.ids.alphaOnSupplier}&limit=500`,
        )
      ).body.proposals.length;
    const before = await count();
    await report(n.alpha, n.ids.supplierOnAlpha, {
      reportId: 'alpha-berlin-w3',
      location: 'Berlin',
      periodStart: '2027-01-18',
      periodEnd: '2027-01-24',
      lines: [{ sku: 'SW-48', onHand: '2', sold: '20', onOrder: '0' }],
    });
    await reportAtSupplier(n, 'alpha-berlin-w3');
    // Not settled yet: nothing.
    await n.supplier.deps.jobs.runAll();
    expect(await count()).toBe(before);
    n.clock.advance(3 * 60_000);
    await n.supplier.deps.jobs.runAll();
    expect(await count()).toBe(before + 1);
    const latest = (await n.supplier.api('GET', '/inventory/proposals?limit=1')).body.proposals[0];
    expect(latest.location).toBe('Berlin');
    expect(latest.basedOn[0]).toBe('alpha-berlin-w3');
    expect(Date.parse(latest.validUntil) - Date.parse(latest.createdAt)).toBe(3 * DAY);
    await proposalOn(n.alpha, latest.proposalId, 'partner');
    // Answered once: another run proposes nothing new.
    await n.supplier.deps.jobs.runAll();
    expect(await count()).toBe(before + 1);
    const listed = await n.supplier.api('GET', '/inventory/partners');
    expect(listed.body.partners).toHaveLength(1);
  });
});
