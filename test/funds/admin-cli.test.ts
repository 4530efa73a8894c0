/**
 * The funds admin API's input checks (a 400 naming the field, nothing written) and the funds and
 * expenses commands, run in-process against the data directories of two running nodes.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPair, outboundRows } from '../support/federation.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { call, settle } from './fund-nodes.ts';

let vendor: TestNode;
let p1: TestNode;
let p1OnVendor: number;
let vendorOnP1: number;

beforeAll(async () => {
  [vendor, p1] = await Promise.all([
    createTestNode({ name: 'vendor' }),
    createTestNode({ name: 'p1' }),
  ]);
  const pair = await connectPair(vendor, p1);
  p1OnVendor = pair.onHost.id;
  vendorOnP1 = pair.onJoiner.id;
});
afterAll(async () => {
  await Promise.all([vendor.stop(), p1.stop()]);
  await removeTestDirs();
});

const GOOD = {
  amount: '1000',
  currency: 'EUR',
  validTo: '2099-06-30',
  claimDeadline: '2099-07-31',
  activities: ['print'],
};

describe('funds › admin input', () => {
  it('answers bad input with a 400 naming the field and writes nothing', async () => {
    const cases: Array<[object, string]> = [
      [{ amount: 1000 }, 'amount'],
      [{ amount: '0' }, 'amount'],
      [{ amount: '-5' }, 'amount'],
      [{ currency: 'eur' }, 'currency'],
      [{ validTo: '2099-02-30' }, 'validTo'],
      [{ claimDeadline: '2099-06-29' }, 'claimDeadline'],
      [{ validFrom: '2099-07-01' }, 'validTo'],
      [{ activities: [] }, 'activities'],
      [{ activities: ['a', 'a'] }, 'activities'],
      [{ partner: 9999 }, 'partner'],
      [{ extra: 1 }, 'extra'],
    ];
    for (const [over, field] of cases) {
      const res = await vendor.api('POST', '/funds/allocations', {
        partner: p1OnVendor,
        ...GOOD,
        ...over,
      });
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body.error.field, JSON.stringify(over)).toBe(field);
    }
    expect((await call(vendor, 'GET', '/funds/allocations')).allocations).toEqual([]);
    expect(await outboundRows(vendor)).toEqual([]);

    const made = await call(vendor, 'POST', '/funds/allocations', {
      partner: p1OnVendor,
      ...GOOD,
    });
    await settle(vendor);
    const claim = {
      allocation: made.allocationId,
      invoiceNumber: 'I-1',
      invoiceDate: '2099-01-10',
      activity: 'print',
      lines: [{ description: 'Flyers', amount: '10' }],
      total: '10',
    };
    const claimCases: Array<[object, string]> = [
      [{ lines: [] }, 'lines'],
      [{ lines: [{ description: 'x', amount: 10 }] }, 'lines[0].amount'],
      [{ lines: [{ description: '', amount: '1' }] }, 'lines[0].description'],
      [{ proof: [{ sha256: 'abc', name: 'x.pdf' }] }, 'proof[0].sha256'],
      [{ invoiceDate: 'yesterday' }, 'invoiceDate'],
      [{ allocation: 'nope' }, 'allocation'],
      [{ total: '11' }, 'total'],
    ];
    const before = (await outboundRows(p1)).length;
    for (const [over, field] of claimCases) {
      const res = await p1.api('POST', '/funds/claims', { ...claim, ...over });
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body.error.field, JSON.stringify(over)).toBe(field);
    }
    expect((await call(p1, 'GET', '/funds/claims')).claims).toEqual([]);
    expect((await outboundRows(p1)).length).toBe(before);
    // The vendor does not file claims against its own allocation.
    const own = await vendor.api('POST', '/funds/claims', claim);
    expect(own).toMatchObject({ status: 409, body: { error: { code: 'not_recipient' } } });
  });
});

describe('funds › cli', () => {
  it('allocates, files with a hashed proof file, decides, and shows balances', async () => {
    const allocated = await runCliOn(vendor, [
      'funds',
      'allocate',
      '--partner',
      String(p1OnVendor),
      '--amount',
      '500.00',
      '--currency',
      'EUR',
      '--valid-to',
      '2099-12-31',
      '--deadline',
      '2099-12-31',
      '--activities',
      'events, online_ads',
    ]);
    expect(allocated.code, allocated.err).toBe(0);
    const [, allocationId] = /allocation \d+, ([^)]+)\)/.exec(allocated.out)!;
    await settle(vendor);

    const listed = await runCliOn(p1, ['funds', '--owner', 'partner', '--json']);
    const mine = (JSON.parse(listed.out) as any[]).find((a) => a.allocationId === allocationId);
    expect(mine).toMatchObject({ activities: ['events', 'online_ads'], amount: '500.00' });

    const file = join(p1.dataDir, 'invoice.pdf');
    const bytes = Buffer.from('%PDF-1.4 test invoice');
    await writeFile(file, bytes);
    const base = [
      'expenses',
      'file',
      '--allocation',
      allocationId!,
      '--invoice',
      'E-7',
      '--invoice-date',
      '2099-02-01',
      '--activity',
      'events',
      '--lines',
      'Stand=100.00; Catering=20.50',
      '--proof',
      'invoice.pdf',
    ];
    const wrong = await runCliOn(p1, [...base, '--total', '120.00']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--total');
    const filed = await runCliOn(p1, [...base, '--total', '120.50']);
    expect(filed.code, filed.err).toBe(0);
    const [, claimId] = /Filed expense claim \d+ \(([^)]+)\)/.exec(filed.out)!;
    await settle(p1);

    const shown = JSON.parse(
      (await runCliOn(vendor, ['expenses', 'show', claimId!, '--json'])).out,
    );
    expect(shown.proof).toEqual([
      {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        name: 'invoice.pdf',
        size: bytes.length,
      },
    ]);
    const partial = await runCliOn(vendor, [
      'expenses',
      'decide',
      claimId!,
      '--status',
      'partial',
      '--amount',
      '100.00',
      '--reason',
      'Catering is not eligible.',
    ]);
    expect(partial.code, partial.err).toBe(0);
    await settle(vendor);

    const balances = await runCliOn(p1, ['funds', 'balances', '--partner', String(vendorOnP1)]);
    expect(balances.code, balances.err).toBe(0);
    expect(balances.out).toMatch(/EUR\s+1500\.00\s+0\.00\s+100\.00\s+0\.00\s+1400\.00/);
    const shownAllocation = await runCliOn(vendor, ['funds', 'show', allocationId!]);
    expect(shownAllocation.code, shownAllocation.err).toBe(0);
    expect(shownAllocation.out).toMatch(/available\s+400\.00 EUR/);
    expect(shownAllocation.out).toContain('E-7');
    const claimText = await runCliOn(p1, ['expenses', 'show', claimId!]);
    expect(claimText.out).toContain('Catering is not eligible.');
    const table = await runCliOn(p1, ['expenses']);
    expect(table.out).toContain('partial');
  });
});
