/**
 * The service and warranty commands, run in-process against the data directories of two running
 * nodes: what they print, how they name a bad flag, and that what they send arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPair } from '../support/federation.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { claimOn, requestOn, settle } from './service-fixture.ts';

let vendor: TestNode;
let p1: TestNode;
let vendorOnP1: number;

beforeAll(async () => {
  [vendor, p1] = await Promise.all([
    createTestNode({ name: 'vendor' }),
    createTestNode({ name: 'p1' }),
  ]);
  vendorOnP1 = (await connectPair(vendor, p1)).onJoiner.id;
});
afterAll(async () => {
  await Promise.all([vendor.stop(), p1.stop()]);
  await removeTestDirs();
});

describe('cli › service and warranty', () => {
  it('opens a request, updates it with an internal comment, and shows the timeline', async () => {
    const opened = await runCliOn(p1, [
      'service',
      'open',
      '--partner',
      String(vendorOnP1),
      '--category',
      'accounting',
      '--subject',
      'Credit note for invoice 2026-1142',
      '--description',
      'Billed at the Q3 prices.',
      '--due',
      '2030-01-31T17:00:00Z',
    ]);
    expect(opened.code, opened.err).toBe(0);
    const [, number, requestId] = /Opened request (\d+) \(([^)]+)\)/.exec(opened.out)!;

    const listed = await runCliOn(p1, ['service', '--owner', 'self', '--json']);
    expect(JSON.parse(listed.out)).toEqual([
      expect.objectContaining({ id: Number(number), requestId, category: 'accounting' }),
    ]);

    const noVisibility = await runCliOn(p1, ['service', 'update', number!, '--comment', 'hm']);
    expect(noVisibility.code).toBe(2);
    expect(noVisibility.err).toContain('--internal or --for-partner');

    const updated = await runCliOn(p1, [
      'service',
      'update',
      number!,
      '--status',
      'waiting',
      '--comment',
      'Chase them on Friday.',
      '--internal',
    ]);
    expect(updated.code, updated.err).toBe(0);
    expect(updated.out).toContain('is waiting');

    const shown = await runCliOn(p1, ['service', 'show', requestId!]);
    expect(shown.out).toContain('[internal] Chase them on Friday.');
    expect(shown.out).toContain('status waiting');

    await settle(p1);
    const onVendor = await requestOn(vendor, requestId!);
    expect(onVendor).toMatchObject({ status: 'waiting', category: 'accounting' });
    expect(JSON.stringify(onVendor)).not.toContain('Chase them');

    const edit = await runCliOn(p1, ['service', 'edit', number!, '--due', 'tomorrow']);
    expect(edit.code).toBe(2);
    expect(edit.err).toContain('--due');
    expect((await runCliOn(p1, ['service', 'edit', number!, '--due', 'none'])).code).toBe(0);
    await settle(p1);
    expect((await requestOn(vendor, requestId!)).dueAt).toBeNull();
  });

  it('files a claim, the vendor decides partially, the partner sees the amount', async () => {
    const bad = await runCliOn(p1, [
      'warranty',
      'file',
      '--vendor',
      String(vendorOnP1),
      '--product',
      'RTR-4800',
      '--serial',
      'SN-1',
      '--purchased',
      '2026-03-14',
      '--failed',
      '2026-11-20',
      '--failure',
      'Dead on arrival.',
      '--amount',
      '420,00',
      '--currency',
      'EUR',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--amount');

    const filed = await runCliOn(p1, [
      'warranty',
      'file',
      '--vendor',
      String(vendorOnP1),
      '--product',
      'RTR-4800',
      '--serial',
      'SN-1',
      '--purchased',
      '2026-03-14',
      '--failed',
      '2026-11-20',
      '--failure',
      'Dead on arrival.',
      '--amount',
      '420.00',
      '--currency',
      'EUR',
    ]);
    expect(filed.code, filed.err).toBe(0);
    const [, , claimId] = /Filed claim (\d+) \(([^)]+)\)/.exec(filed.out)!;
    await settle(p1);

    const tooMuch = await runCliOn(vendor, [
      'warranty',
      'decide',
      claimId!,
      '--status',
      'partial',
      '--amount',
      '500',
    ]);
    expect(tooMuch.code).toBe(2);
    expect(tooMuch.err).toContain('--amount');
    const decided = await runCliOn(vendor, [
      'warranty',
      'decide',
      claimId!,
      '--status',
      'partial',
      '--amount',
      '300',
      '--reason',
      'Labour not covered.',
    ]);
    expect(decided.code, decided.err).toBe(0);
    expect(decided.out).toContain('is partial');
    await settle(vendor);
    await eventually(async () => (await claimOn(p1, claimId!)).status === 'partial');

    const shown = await runCliOn(p1, ['warranty', 'show', claimId!]);
    expect(shown.out).toContain('300 EUR');
    const listed = JSON.parse((await runCliOn(p1, ['warranty', '--json'])).out);
    expect(listed).toEqual([expect.objectContaining({ claimId, approvedAmount: '300' })]);
  });

  it('reads an invoice from its flags with the admin API schema, naming the flag', async () => {
    const invoice = (...flags: string[]) =>
      runCliOn(vendor, ['service', 'invoice', '--partner', String(vendorOnP1), ...flags]);
    const badNumber = await invoice('--number', 'SVC 2027/1');
    expect(badNumber.code).toBe(2);
    expect(badNumber.err).toContain(
      '--number: invoiceNumber must be 1 to 64 letters, digits or . _ / -',
    );
    const badCharges = await invoice('--number', 'SVC-1', '--charges', '3,x');
    expect(badCharges.code).toBe(2);
    expect(badCharges.err).toContain('--charges: charges must list 1 to 1000 charge ids');
  });
});
