/**
 * A partner's refusal of our message shows on the record it was about, in every domain (not only
 * deals and orders): a lead offer, a service request, a warranty claim, a fund allocation and a
 * stock report each carry the refusal (code, reason, kind) in the admin API and the CLI's --json
 * and text, and a later accepted message about the record clears it. Real nodes over HTTP: the
 * recipient refuses because the sender may no longer send that kind (`forbidden`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newLead } from '../leads/lead-nodes.ts';
import { call, createTrio, settle, type Trio } from '../service/service-fixture.ts';
import { runCliOn } from '../support/run-cli.ts';
import { eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';

let t: Trio;
beforeAll(async () => {
  t = await createTrio();
}, 30_000);
afterAll(async () => {
  await t.stop();
  await removeTestDirs();
});

/** On `on`, the partner `of` may no longer send `kind`. */
async function forbid(on: TestNode, of: TestNode, kind: string): Promise<string[]> {
  const id = t.idOf(on, of);
  const partner = await call(on, 'GET', `/partners/${id}`);
  const kinds = partner.kinds.filter((k: string) => k !== kind);
  await call(on, 'PATCH', `/partners/${id}`, { kinds });
  return partner.kinds;
}

async function allow(on: TestNode, of: TestNode, kinds: string[]): Promise<void> {
  await call(on, 'PATCH', `/partners/${t.idOf(on, of)}`, { kinds });
}

/** Waits until `path` on `node` answers a record whose refusal `pick` finds. */
function refusedAt(node: TestNode, path: string, pick: (body: any) => any = (b) => b.refusal) {
  return eventually(async () => {
    const res = await node.api('GET', path);
    return res.status === 200 && pick(res.body) ? res.body : undefined;
  }, 10_000);
}

const REFUSED = (kind: string) => ({
  status: 'refused',
  code: 'forbidden',
  kind,
  reason: expect.any(String),
  messageId: expect.any(String),
  at: expect.any(String),
});

describe('records › a partner’s refusal shows on the record', () => {
  it('a lead offer the partner refused, and then its recall', async () => {
    const { vendor, p1 } = t;
    const kinds = await forbid(p1, vendor, 'lead.offer');
    const p1Id = t.idOf(vendor, p1);
    await call(vendor, 'POST', '/leads', newLead('LR-1'), 201);
    await call(vendor, 'POST', '/leads/LR-1/offers', { partners: [p1Id] });
    const offerOf = (lead: any) => lead.offers.find((o: any) => o.partnerId === p1Id);
    const lead = await refusedAt(vendor, '/leads/LR-1', (b) => offerOf(b)?.refusal);
    expect(offerOf(lead).refusal).toEqual(REFUSED('lead.offer'));

    const shown = await runCliOn(vendor, ['leads', 'show', 'LR-1', '--json']);
    expect(shown.code, shown.err).toBe(0);
    expect(offerOf(JSON.parse(shown.out)).refusal).toMatchObject({ code: 'forbidden' });
    const text = await runCliOn(vendor, ['leads', 'show', 'LR-1']);
    expect(text.out).toMatch(/refused\s+.*lead\.offer forbidden: /);

    // The partner never held the lead, so it refuses the recall too: the offer shows the latest.
    await allow(p1, vendor, kinds);
    await call(vendor, 'POST', '/leads/LR-1/recall', { partner: p1Id, reason: 'reassigned' });
    await settle(vendor);
    expect(offerOf(await call(vendor, 'GET', '/leads/LR-1')).refusal).toEqual({
      ...REFUSED('lead.recall'),
      reason: 'no such record is shared with the sender, or the sender may not change it',
    });
  });

  it('a service request and a warranty claim the provider refused', async () => {
    const { vendor, p1 } = t;
    const kinds = await forbid(vendor, p1, 'service.request');
    const request = await call(p1, 'POST', '/service/requests', {
      partner: t.idOf(p1, vendor),
      category: 'technical',
      subject: 'Router reboots nightly',
      description: 'Since the last firmware.',
    });
    const refused = await refusedAt(p1, `/service/requests/${request.requestId}`);
    expect(refused.refusal).toEqual(REFUSED('service.request'));
    const shown = await runCliOn(p1, ['service', 'show', String(request.id)]);
    expect(shown.out).toMatch(/refused\s+.*service\.request forbidden: /);
    await allow(vendor, p1, kinds);

    await forbid(vendor, p1, 'warranty.claim');
    const claim = await call(p1, 'POST', '/warranty/claims', {
      vendor: t.idOf(p1, vendor),
      product: 'RTR-4800',
      serial: 'SN-88213',
      purchaseDate: '2026-03-02',
      failureDate: '2026-11-20',
      failure: 'Reboots under load.',
      claimedAmount: '420.00',
      currency: 'EUR',
    });
    const refusedClaim = await refusedAt(p1, `/warranty/claims/${claim.claimId}`);
    expect(refusedClaim.refusal).toEqual(REFUSED('warranty.claim'));
    const claimShown = await runCliOn(p1, ['warranty', 'show', String(claim.id), '--json']);
    expect(JSON.parse(claimShown.out).refusal).toMatchObject({ code: 'forbidden' });
    await allow(vendor, p1, kinds);
  });

  it('a fund allocation the partner refused', async () => {
    const { vendor, p1 } = t;
    const kinds = await forbid(p1, vendor, 'fund.allocation');
    const made = await call(
      vendor,
      'POST',
      '/funds/allocations',
      {
        partner: t.idOf(vendor, p1),
        amount: '5000.00',
        currency: 'EUR',
        validFrom: '2027-01-01',
        validTo: '2027-06-30',
        claimDeadline: '2027-07-31',
        activities: ['trade_show'],
      },
      201,
    );
    const refused = await refusedAt(vendor, `/funds/allocations/${made.id}`);
    expect(refused.refusal).toEqual(REFUSED('fund.allocation'));
    const shown = await runCliOn(vendor, ['funds', 'show', String(made.id)]);
    expect(shown.out).toMatch(/refused\s+.*fund\.allocation forbidden: /);
    await allow(p1, vendor, kinds);
  });

  it('a stock report the supplier refused', async () => {
    const { vendor, p1 } = t;
    await forbid(vendor, p1, 'inventory.report');
    const report = await call(
      p1,
      'POST',
      '/inventory/reports',
      {
        supplier: t.idOf(p1, vendor),
        location: 'Berlin',
        periodStart: '2027-01-11',
        periodEnd: '2027-01-17',
        lines: [{ sku: 'SW-48', onHand: '1', sold: '1', onOrder: '0' }],
      },
      201,
    );
    const refused = await refusedAt(p1, `/inventory/reports/${report.id}`);
    expect(refused.refusal).toEqual(REFUSED('inventory.report'));
    const shown = await runCliOn(p1, ['inventory', 'reports', String(report.id)]);
    expect(shown.out).toMatch(/refused\s+.*inventory\.report forbidden: /);
  });
});
