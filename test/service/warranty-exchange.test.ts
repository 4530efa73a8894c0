/**
 * Warranty claims between real nodes: filed by a partner (following a shared request), a request
 * for more information answered by a new claim version, a partial approval with its amount, and
 * the refusals: a decision from a node that is not the claim's vendor, a decision on a withdrawn
 * claim, an amount above the claim, a link to a request the two parties do not share.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToInbox, signedFrom } from '../support/federation.ts';
import { removeTestDirs } from '../support/test-node.ts';
import { call, claimOn, createTrio, settle, type Trio } from './service-fixture.ts';

let t: Trio;
beforeAll(async () => {
  t = await createTrio();
});
afterAll(async () => {
  await t.stop();
  await removeTestDirs();
});

const CLAIM = {
  product: 'RTR-4800',
  serial: 'SN-4800-0021987',
  purchaseDate: '2026-03-14',
  failureDate: '2026-11-20',
  failure: 'Reboots under load; the power supply fan does not spin.',
  claimedAmount: '420.00',
  currency: 'EUR',
};

async function fileClaim(extra: object = {}): Promise<any> {
  const claim = await call(t.p1, 'POST', '/warranty/claims', {
    vendor: t.idOf(t.p1, t.vendor),
    ...CLAIM,
    ...extra,
  });
  await settle(t.p1);
  return claim;
}

describe('warranty claims', () => {
  it('more information, an amended version, then a partial approval the partner sees', async () => {
    const { vendor, p1 } = t;
    const request = await call(p1, 'POST', '/service/requests', {
      partner: t.idOf(p1, vendor),
      category: 'warranty',
      subject: 'RTR-4800 keeps rebooting',
      description: 'See the claim.',
      serial: CLAIM.serial,
    });
    await settle(p1);
    const filed = await fileClaim({ requestId: request.requestId });
    expect(filed).toMatchObject({ owner: 'self', status: 'submitted', version: 1 });
    const path = `/warranty/claims/${filed.claimId}`;
    expect(await claimOn(vendor, filed.claimId)).toMatchObject({
      owner: 'partner',
      partner: { nodeId: p1.url },
      claimedAmount: '420.00',
      requestId: request.requestId,
      status: 'submitted',
    });

    // Only the vendor decides; the claimant cannot decide its own claim.
    const own = await p1.api('POST', `${path}/decision`, {
      status: 'approved',
      approvedAmount: '1',
    });
    expect(own).toMatchObject({ status: 409, body: { error: { code: 'not_vendor' } } });

    await call(vendor, 'POST', `${path}/decision`, {
      status: 'more_info',
      reason: 'Please add the labour invoice.',
    });
    await settle(vendor);
    expect(await claimOn(p1, filed.claimId)).toMatchObject({
      status: 'more_info',
      decisionReason: 'Please add the labour invoice.',
      decidedVersion: 1,
    });

    // The partner amends: a new claim version, submitted again.
    const amended = await call(p1, 'PATCH', path, {
      claimedAmount: '395.50',
      failure: `${CLAIM.failure} Labour invoice L-77 attached.`,
    });
    expect(amended).toMatchObject({ version: 2, status: 'submitted', claimedAmount: '395.50' });
    await settle(p1);
    expect(await claimOn(vendor, filed.claimId)).toMatchObject({
      version: 2,
      status: 'submitted',
      claimedAmount: '395.50',
    });

    // More than claimed is refused at the vendor's API…
    const tooMuch = await vendor.api('POST', `${path}/decision`, {
      status: 'partial',
      approvedAmount: '395.51',
    });
    expect(tooMuch).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_field', field: 'approvedAmount' } },
    });
    // …and at the partner's inbox, judged against the version decided.
    const crafted = await signedFrom(vendor, p1, 'warranty.decision', {
      claimId: filed.claimId,
      claimVersion: 2,
      status: 'partial',
      approvedAmount: '400',
      version: 7,
    });
    const [refused] = (await postToInbox(p1, [crafted.jws])).body.results;
    expect(refused).toMatchObject({ status: 'rejected', code: 'conflict' });

    await call(vendor, 'POST', `${path}/decision`, {
      status: 'partial',
      approvedAmount: '310.00',
      reason: 'Labour above the warranty rate.',
    });
    await settle(vendor);
    const onP1 = await claimOn(p1, filed.claimId);
    expect(onP1).toMatchObject({
      status: 'partial',
      approvedAmount: '310.00',
      decisionVersion: 2,
      decidedVersion: 2,
      decisionReason: 'Labour above the warranty rate.',
    });
    expect(onP1.history.map((e: any) => [e.type, e.side, e.version, e.status, e.amount])).toEqual([
      ['filed', 'self', 1, 'submitted', '420.00'],
      ['decision', 'partner', 1, 'more_info', null],
      ['filed', 'self', 2, 'submitted', '395.50'],
      ['decision', 'partner', 2, 'partial', '310.00'],
    ]);
    const onVendor = await claimOn(vendor, filed.claimId);
    expect(onVendor).toMatchObject({ status: 'partial', approvedAmount: '310.00' });

    // Final: no more decisions, no more amendments.
    const again = await vendor.api('POST', `${path}/decision`, { status: 'rejected', reason: 'x' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'claim_decided' } } });
    const amendLate = await p1.api('PATCH', path, { claimedAmount: '1.00' });
    expect(amendLate).toMatchObject({ status: 409, body: { error: { code: 'claim_decided' } } });
  });

  it('refuses a decision from anyone but the vendor, and one on a withdrawn claim', async () => {
    const { vendor, p1, p2 } = t;
    const filed = await fileClaim();
    // p2 is p1's partner (and may send decisions), but the claim was filed with the vendor.
    const fromP2 = await signedFrom(p2, p1, 'warranty.decision', {
      claimId: filed.claimId,
      claimVersion: 1,
      status: 'approved',
      approvedAmount: '420.00',
      version: 1,
    });
    const [r1] = (await postToInbox(p1, [fromP2.jws])).body.results;
    expect(r1).toMatchObject({ status: 'rejected', code: 'forbidden' });

    await call(p1, 'POST', `/warranty/claims/${filed.claimId}/withdraw`, {
      reason: 'Repaired locally.',
    });
    await settle(p1);
    expect(await claimOn(vendor, filed.claimId)).toMatchObject({
      withdrawn: true,
      withdrawnReason: 'Repaired locally.',
    });
    const decide = await vendor.api('POST', `/warranty/claims/${filed.claimId}/decision`, {
      status: 'rejected',
      reason: 'Out of warranty.',
    });
    expect(decide).toMatchObject({ status: 409, body: { error: { code: 'claim_withdrawn' } } });
    const late = await signedFrom(vendor, p1, 'warranty.decision', {
      claimId: filed.claimId,
      claimVersion: 1,
      status: 'rejected',
      reason: 'Out of warranty.',
      version: 1,
    });
    const [r2] = (await postToInbox(p1, [late.jws])).body.results;
    expect(r2).toMatchObject({ status: 'rejected', code: 'conflict' });
    expect(await claimOn(p1, filed.claimId)).toMatchObject({ status: 'submitted' });
  });

  it('refuses a claim linked to a request the two parties do not share', async () => {
    const { vendor, p1, p2 } = t;
    const request = await call(p1, 'POST', '/service/requests', {
      partner: t.idOf(p1, vendor),
      category: 'technical',
      subject: 'Only between p1 and the vendor',
      description: '…',
    });
    await settle(p1);
    const claim = await signedFrom(p2, vendor, 'warranty.claim', {
      claim: { id: 'claim-p2-1', ...CLAIM, requestId: request.requestId },
      version: 1,
    });
    const [result] = (await postToInbox(vendor, [claim.jws])).body.results;
    expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const listed = await call(vendor, 'GET', `/warranty/claims?partner=${t.idOf(vendor, p2)}`);
    expect(listed.claims).toEqual([]);
    // Filing through the API checks the link before anything is written.
    const bad = await p2.api('POST', '/warranty/claims', {
      vendor: t.idOf(p2, vendor),
      ...CLAIM,
      requestId: request.requestId,
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { field: 'requestId' } } });
  });
});
