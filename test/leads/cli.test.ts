/** The `leads …` commands against the data directories of two running nodes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPair } from '../support/federation.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';

let vendor: TestNode;
let reseller: TestNode;

async function json(node: TestNode, argv: string[]): Promise<any> {
  const { code, out, err } = await runCliOn(node, [...argv, '--json']);
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out);
}

beforeAll(async () => {
  vendor = await createTestNode({ name: 'cli-vendor' });
  reseller = await createTestNode({ name: 'cli-reseller' });
  await connectPair(vendor, reseller);
});

afterAll(async () => {
  await Promise.all([vendor?.stop(), reseller?.stop()]);
  await removeTestDirs();
});

describe('leads › cli', () => {
  it('routes a lead, answers it on the partner and reports it on the vendor', async () => {
    const set = await runCliOn(vendor, [
      'leads',
      'partner-set',
      '1',
      '--tier',
      'gold',
      '--regions',
      'EMEA',
      '--products',
      'router',
    ]);
    expect(set).toMatchObject({ code: 0, out: expect.stringContaining('tier gold') });
    const rule = await json(vendor, [
      'leads',
      'rule-add',
      '--name',
      'EMEA',
      '--regions',
      'EMEA',
      '--tiers',
      'gold',
    ]);
    expect(rule).toMatchObject({ name: 'EMEA', regions: ['EMEA'], roundRobin: true });

    const created = await json(vendor, [
      'leads',
      'create',
      '--id',
      'C1',
      '--company',
      'Initech',
      '--contact-name',
      'Bill',
      '--region',
      'EMEA',
      '--interest',
      'router, switch',
      '--source',
      'fair',
      '--value',
      '1200.00',
      '--currency',
      'EUR',
      '--route',
    ]);
    expect(created).toMatchObject({ status: 'offered', routing: { candidates: [1] } });

    await eventually(async () => (await json(reseller, ['leads', 'received'])).length === 1);
    // People see partners by name, not by node URL.
    const received = await runCliOn(reseller, ['leads', 'received']);
    expect(received.out).toMatch(/C1\s+Initech\s+\S+\s+cli-vendor/);
    expect(received.out).not.toContain(vendor.url);
    const events = await runCliOn(vendor, ['leads', 'timeline', 'C1']);
    expect(events.out).toContain('cli-reseller');
    expect(events.out).toContain('cli-vendor (this node)');
    expect(events.out).not.toContain(vendor.url);
    const nodeStatus = await runCliOn(vendor, ['status']);
    expect(nodeStatus.out).toMatch(/\n\s*cli-reseller\s+\d/);
    expect(await json(reseller, ['leads', 'accept', 'C1'])).toMatchObject({ status: 'accepted' });
    const won = await json(reseller, [
      'leads',
      'progress',
      'C1',
      '--stage',
      'won',
      '--amount',
      '1100.00',
    ]);
    expect(won.progress).toMatchObject({ stage: 'won', amount: '1100.00', version: 1 });

    await eventually(async () => (await json(vendor, ['leads', 'show', 'C1'])).status === 'won');
    const [tracking] = await json(vendor, ['leads', 'tracking']);
    expect(tracking).toMatchObject({
      partnerId: 1,
      accepted: 1,
      won: 1,
      wonAmount: { EUR: '1100.00' },
    });
    const table = await runCliOn(vendor, ['leads', 'tracking']);
    expect(table.out).toContain('1100.00 EUR');
    const timeline = await json(vendor, ['leads', 'timeline', 'C1']);
    expect(timeline.map((e: any) => e.type)).toEqual([
      'created',
      'routed',
      'offered',
      'accepted',
      'progress',
    ]);
    expect((await json(vendor, ['leads', 'black-holes', '--days', '1'])).leads).toEqual([]);
  });

  it('names the flag of a refused field, and refuses what the state does not allow', async () => {
    const bad = await runCliOn(vendor, [
      'leads',
      'create',
      '--company',
      'Initech',
      '--contact-name',
      'Bill',
      '--contact-email',
      'not-an-address',
      '--region',
      'EMEA',
      '--interest',
      'router',
      '--source',
      'fair',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--contact-email');
    expect((await json(vendor, ['leads'])).map((l: any) => l.lead.id)).toEqual(['C1']);

    const decline = await runCliOn(reseller, ['leads', 'decline', 'C1', '--reason', 'spam']);
    expect(decline.code).toBe(1);
    expect(decline.err).toContain('progress "lost"');
    const reason = await runCliOn(reseller, ['leads', 'decline', 'C1', '--reason', 'bored']);
    expect(reason.err).toContain('--reason');
  });

  it('route with no eligible partner fails and says why', async () => {
    await json(vendor, [
      'leads',
      'create',
      '--id',
      'NOWHERE-1',
      '--company',
      'Far Away Ltd',
      '--contact-name',
      'Ann',
      '--region',
      'APAC',
      '--interest',
      'router',
      '--source',
      'web',
    ]);
    const routed = await runCliOn(vendor, ['leads', 'route', 'NOWHERE-1']);
    expect(routed.code).toBe(1);
    expect(routed.err).toContain('no eligible partner for lead NOWHERE-1');
    expect(routed.err).toContain('leads offer');
    expect((await json(vendor, ['leads', 'show', 'NOWHERE-1'])).offers).toEqual([]);
  });
});
