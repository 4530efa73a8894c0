/**
 * Deal registration between three real nodes (a vendor, two resellers): automatic conflicts,
 * approval with a protection window and its expiry, return and amendment, withdrawal, and the
 * registering partner's proof of what it registered and when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAL_CONFLICT_REASON } from '../../node/deals/find-conflicts.ts';
import {
  digestOf,
  readUnverifiedMessage,
  verifyMessage,
  verifyReceipt,
} from '../../protocol/index.ts';
import { outboundRows } from '../support/federation.ts';
import { eventually, removeTestDirs } from '../support/test-node.ts';
import {
  atVendor,
  getDeal,
  register,
  startDealNodes,
  statusBecomes,
  type DealNodes,
} from './deal-nodes.ts';

const DAY = 24 * 3600_000;
let n: DealNodes;

beforeAll(async () => {
  n = await startDealNodes();
});

afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

describe('deals › registration between three nodes', () => {
  it('answers a second partner for the same customer and product with conflict, at once', async () => {
    const first = await register(n.alpha, n.ids.vendorOnAlpha, {
      endCustomer: { name: 'Initech Ltd', country: 'GB', domain: 'initech.example' },
      products: ['SRV-1', 'SRV-SUPPORT'],
    });
    await atVendor(n, first.dealId);
    // Same customer by normalized name and country (no domain given), one product in common.
    const second = await register(n.beta, n.ids.vendorOnBeta, {
      endCustomer: { name: 'INITECH LIMITED', country: 'gb' },
      products: ['srv-1', 'LAPTOP-9'],
    });

    const answered = await statusBecomes(n.beta, second.id, 'conflict');
    expect(answered.decisionVersion).toBe(1);
    expect(answered.decidedVersion).toBe(1);
    // The reason is the fixed conflict text: no product, partner or deal (PROTOCOL.md 10.3).
    expect(answered.reason).toBe(DEAL_CONFLICT_REASON);

    // The first registration waits for the vendor's decision.
    expect((await getDeal(n.alpha, first.id)).status).toBe('submitted');
    const onVendor = await atVendor(n, second.dealId);
    expect(onVendor.status).toBe('conflict');
    const firstOnVendor = await atVendor(n, first.dealId);
    expect(firstOnVendor.status).toBe('submitted');
    // The vendor sees which record it clashed with.
    expect(onVendor.conflicts).toEqual([
      {
        type: 'deal',
        id: firstOnVendor.id,
        dealId: first.dealId,
        partner: { id: n.ids.alphaOnVendor, name: 'Alpha Systems', nodeId: n.alpha.url },
        products: ['srv-1'],
      },
    ]);

    // Filters: by status and by partner, on the vendor.
    const conflicts = await n.vendor.api('GET', `/deals?status=conflict&partner=${n.beta.url}`);
    expect(conflicts.body.deals.map((d: { dealId: string }) => d.dealId)).toContain(second.dealId);
    const ofAlpha = await n.vendor.api('GET', `/deals?role=vendor&partner=${n.ids.alphaOnVendor}`);
    expect(
      ofAlpha.body.deals.every(
        (d: { partner: { id: number } }) => d.partner.id === n.ids.alphaOnVendor,
      ),
    ).toBe(true);
  });

  it('tells the second registrant that its registration conflicts and nothing more', async () => {
    const first = await register(n.alpha, n.ids.vendorOnAlpha, {
      endCustomer: { name: 'Hooli Inc', country: 'US', domain: 'hooli.example' },
      products: ['PHONE-1', 'SECRET-PLAN-7'],
    });
    await atVendor(n, first.dealId);
    // A guessed customer with a guessed list of products: the answer must not say which matched.
    const second = await register(n.beta, n.ids.vendorOnBeta, {
      endCustomer: { name: 'Hooli', country: 'US', domain: 'hooli.example' },
      products: ['PHONE-1', 'TABLET-2', 'WATCH-3'],
    });
    await statusBecomes(n.beta, second.id, 'conflict');
    const received = await n.beta.deps.store.read((tx) =>
      tx.inbox.listStored({ kind: 'deal.decision' }, { limit: 1000 }),
    );
    const decisions = received
      .map((m) => readUnverifiedMessage(m.jws))
      .flatMap((r) => (r.ok ? [r.message] : []))
      .filter((m) => (m.body as { dealId: string }).dealId === second.dealId);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.body).toEqual({
      dealId: second.dealId,
      dealVersion: 1,
      status: 'conflict',
      reason: DEAL_CONFLICT_REASON,
      version: 1,
    });
    expect(JSON.stringify(decisions[0])).not.toMatch(
      /PHONE|TABLET|WATCH|SECRET|Alpha|lead|registration covering/i,
    );
  });

  it('does not see a conflict without a product in common', async () => {
    const first = await register(n.alpha, n.ids.vendorOnAlpha, {
      endCustomer: { name: 'Umbrella Corp', country: 'US', domain: 'umbrella.example' },
      products: ['LAB-1'],
    });
    await atVendor(n, first.dealId);
    const second = await register(n.beta, n.ids.vendorOnBeta, {
      endCustomer: { name: 'Umbrella Corporation', country: 'US', domain: 'www.umbrella.example' },
      products: ['LAB-2'],
    });
    const onVendor = await atVendor(n, second.dealId);
    expect(onVendor.status).toBe('submitted');
    expect(onVendor.conflicts).toBeNull();
    expect((await getDeal(n.beta, second.id)).status).toBe('submitted');
  });

  it('approves with a protection window that expires by job, on both sides', async () => {
    const deal = await register(n.alpha, n.ids.vendorOnAlpha, {
      endCustomer: { name: 'Globex', country: 'FR', domain: 'globex.example' },
      products: ['FW-100'],
    });
    const onVendor = await atVendor(n, deal.dealId);
    const decided = await n.vendor.api('POST', `/deals/${onVendor.id}/decision`, {
      status: 'approved',
      protectionDays: 30,
      reason: 'Welcome aboard.',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('approved');
    const until = new Date(n.clock.now().getTime() + 30 * DAY).toISOString();
    expect(decided.body.protectedUntil).toBe(until);

    const approved = await statusBecomes(n.alpha, deal.id, 'approved');
    expect(approved.protectedUntil).toBe(until);
    expect(approved.reason).toBe('Welcome aboard.');

    // While protected, another partner's registration for that customer and product conflicts.
    const late = await register(n.beta, n.ids.vendorOnBeta, {
      endCustomer: { name: 'Globex SA', country: 'FR' },
      products: ['FW-100'],
    });
    await statusBecomes(n.beta, late.id, 'conflict');

    // The window ends: both sides show expired at once, and the job marks both copies.
    n.clock.advance(30 * DAY);
    expect((await getDeal(n.alpha, deal.id)).status).toBe('expired');
    expect((await getDeal(n.vendor, onVendor.id)).status).toBe('expired');
    const expiredOnVendor = await n.vendor.api('GET', '/deals?status=expired&role=vendor');
    expect(expiredOnVendor.body.deals.map((d: { id: number }) => d.id)).toContain(onVendor.id);
    expect((await n.vendor.deps.jobs.runAll())['deals.expire-protection']).toBeGreaterThan(0);
    expect((await n.alpha.deps.jobs.runAll())['deals.expire-protection']).toBeGreaterThan(0);
    const stored = await n.vendor.deps.store.read((tx) => tx.deals.get(onVendor.id));
    expect(stored?.status).toBe('expired');
    const storedOnAlpha = await n.alpha.deps.store.read((tx) => tx.deals.get(deal.id));
    expect(storedOnAlpha?.status).toBe('expired');
    // Each expired registration is its own event, carrying the deal after the change.
    const expiredEvents = (await n.vendor.api('GET', '/events?types=deal.protection_expired')).body
      .events;
    expect(expiredEvents.map((e: any) => [e.data.id, e.data.status])).toContainEqual([
      onVendor.id,
      'expired',
    ]);
    expect(expiredEvents.every((e: any) => e.data.status === 'expired')).toBe(true);

    // An expired registration no longer blocks others.
    const after = await register(n.beta, n.ids.vendorOnBeta, {
      endCustomer: { name: 'Globex', country: 'FR' },
      products: ['FW-100'],
    });
    expect((await atVendor(n, after.dealId)).status).toBe('submitted');
  });

  it('approves with the default window from the settings', async () => {
    expect((await n.vendor.api('GET', '/deals/settings')).body).toEqual({ protectionDays: 90 });
    const changed = await n.vendor.api('PUT', '/deals/settings', { protectionDays: 45 });
    expect(changed.body).toEqual({ protectionDays: 45 });
    const bad = await n.vendor.api('PUT', '/deals/settings', { protectionDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('protectionDays');

    const deal = await register(n.alpha, n.ids.vendorOnAlpha, {
      endCustomer: { name: 'Hooli', country: 'US', domain: 'hooli.example' },
      products: ['AI-1'],
    });
    const onVendor = await atVendor(n, deal.dealId);
    const decided = await n.vendor.api('POST', `/deals/${onVendor.id}/decision`, {
      status: 'approved',
    });
    expect(decided.body.protectedUntil).toBe(
      new Date(n.clock.now().getTime() + 45 * DAY).toISOString(),
    );
    await n.vendor.api('PUT', '/deals/settings', { protectionDays: 90 });
  });

  it('returns a registration, takes the amendment as a new version and approves that', async () => {
    const deal = await register(n.alpha, n.ids.vendorOnAlpha, {
      endCustomer: { name: 'Stark Industries', country: 'US', domain: 'stark.example' },
      products: ['ARC-1'],
    });
    const onVendor = await atVendor(n, deal.dealId);
    const returned = await n.vendor.api('POST', `/deals/${onVendor.id}/decision`, {
      status: 'returned',
      reason: 'Please add the budget owner and a realistic close date.',
    });
    expect(returned.body.status).toBe('returned');
    const onAlpha = await statusBecomes(n.alpha, deal.id, 'returned');
    expect(onAlpha.reason).toMatch(/budget owner/);

    const amended = await n.alpha.api('PATCH', `/deals/${deal.id}`, {
      expectedCloseDate: '2027-05-15',
      notes: 'Budget owner: CFO. Close moved to May.',
    });
    expect(amended.status).toBe(200);
    expect(amended.body.version).toBe(2);
    expect(amended.body.status).toBe('submitted');

    const resubmitted = await atVendor(n, deal.dealId, 2);
    expect(resubmitted.status).toBe('submitted');
    const approved = await n.vendor.api('POST', `/deals/${onVendor.id}/decision`, {
      status: 'approved',
      protectedUntil: '2027-06-30',
    });
    expect(approved.status).toBe(200);
    const final = await statusBecomes(n.alpha, deal.id, 'approved');
    expect(final.decisionVersion).toBe(2);
    expect(final.decidedVersion).toBe(2);
    // A date means through that day.
    expect(final.protectedUntil).toBe('2027-07-01T00:00:00.000Z');

    // Decided: no more amendments, no second decision.
    const late = await n.alpha.api('PATCH', `/deals/${deal.id}`, { estimatedValue: '1' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('deal_closed');
    const again = await n.vendor.api('POST', `/deals/${onVendor.id}/decision`, {
      status: 'rejected',
    });
    expect(again.body.error.code).toBe('deal_closed');
  });

  it('withdraws a registration, which frees the customer for others', async () => {
    const deal = await register(n.alpha, n.ids.vendorOnAlpha, {
      endCustomer: { name: 'Wayne Enterprises', country: 'US', domain: 'wayne.example' },
      products: ['CAVE-1'],
    });
    const onVendor = await atVendor(n, deal.dealId);
    const withdrawn = await n.alpha.api('POST', `/deals/${deal.id}/withdraw`, {
      reason: 'The customer chose a competitor.',
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    const gone = await statusBecomes(n.vendor, onVendor.id, 'withdrawn');
    expect(gone.withdrawnAt).not.toBeNull();
    const again = await n.alpha.api('POST', `/deals/${deal.id}/withdraw`);
    expect(again.body.error.code).toBe('deal_closed');
    // The vendor cannot decide it any more.
    const decide = await n.vendor.api('POST', `/deals/${onVendor.id}/decision`, {
      status: 'approved',
    });
    expect(decide.body.error.code).toBe('deal_closed');

    const other = await register(n.beta, n.ids.vendorOnBeta, {
      endCustomer: { name: 'Wayne Enterprises Inc', country: 'US' },
      products: ['CAVE-1'],
    });
    expect((await atVendor(n, other.dealId)).status).toBe('submitted');
  });

  it("keeps the partner's proof: the vendor's receipt and its signed decision verify", async () => {
    const deal = await register(n.alpha, n.ids.vendorOnAlpha, {
      endCustomer: { name: 'Cyberdyne Systems', country: 'US', domain: 'cyberdyne.example' },
      products: ['T-800'],
    });
    const onVendor = await atVendor(n, deal.dealId);
    await n.vendor.api('POST', `/deals/${onVendor.id}/decision`, {
      status: 'approved',
      protectionDays: 60,
    });
    await statusBecomes(n.alpha, deal.id, 'approved');
    // The register message's receipt lands on the outbox row once delivered.
    await eventually(async () =>
      (await outboundRows(n.alpha)).some((r) => r.kind === 'deal.register' && r.receipt),
    );

    const res = await n.alpha.api('GET', `/deals/${deal.id}/proof`);
    expect(res.status).toBe(200);
    const proof = res.body;
    expect(proof.counterpart.nodeId).toBe(n.vendor.url);
    expect(proof.sent).toHaveLength(1);
    expect(proof.received).toHaveLength(1);
    const [sent] = proof.sent;
    const [decision] = proof.received;
    expect(sent.kind).toBe('deal.register');
    expect(sent.receiptVerified).toBe(true);
    expect(decision.kind).toBe('deal.decision');
    expect(decision.signatureVerified).toBe(true);

    // Anyone can check both with the vendor's published keys.
    const keys = n.vendor.deps.keys.published(n.clock.now());
    const receipt = await verifyReceipt(sent.receipt, {
      keys,
      expect: {
        receiptFor: sent.messageId,
        from: n.vendor.url,
        to: n.alpha.url,
        digest: digestOf(sent.jws),
      },
    });
    expect(receipt.ok).toBe(true);
    if (receipt.ok) expect(receipt.receipt.receivedAt).toBe(sent.receivedAt);
    const message = await verifyMessage(decision.jws, {
      self: n.alpha.url,
      now: new Date(decision.receivedAt),
      keysFor: async (from) => (from === n.vendor.url ? keys : null),
    });
    expect(message.ok).toBe(true);
    if (message.ok) {
      expect(message.message.kind).toBe('deal.decision');
      expect(message.message.body).toMatchObject({ dealId: deal.dealId, status: 'approved' });
    }
    // The vendor stored exactly the JWS the partner signed.
    const stored = await n.vendor.deps.store.read((tx) => tx.deals.messages(onVendor.id));
    expect(stored.find((m) => m.direction === 'in')?.jws).toBe(sent.jws);
  });
});
