/**
 * The inbound pipeline called in process, with none of the inbox route's options (no arrival
 * gate, no wake-ups, no bounded rejection log), as the portal does when it acts for a partner
 * (portal/act-as-partner.ts): it judges and stores the same way, and logs each rejection at info.
 * With a gate, a request none of whose messages goes to the store counts as refused there.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArrivalGate } from '../../../node/inbox/arrival-gate.ts';
import { processInbound } from '../../../node/inbox/process-inbound.ts';
import { createLogger } from '../../../node/logger.ts';
import { connectPair, inboundCount, signedFrom } from '../../support/federation.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../../support/test-node.ts';
import { jsonLineSink } from '../../support/json-line-sink.ts';

const lines: Array<Record<string, unknown>> = [];
let vendor: TestNode;
let reseller: TestNode;

describe('inbox › processInbound without options (an in-process caller)', () => {
  beforeAll(async () => {
    const sink = jsonLineSink(lines);
    [vendor, reseller] = await Promise.all([
      createTestNode({ name: 'vendor', log: createLogger('info', sink) }),
      createTestNode({ name: 'reseller' }),
    ]);
    await connectPair(vendor, reseller);
  });

  afterAll(async () => {
    await Promise.all([vendor.stop(), reseller.stop()]);
    await removeTestDirs();
  });

  it('stores an accepted message and logs each rejection at info', async () => {
    const before = await inboundCount(vendor);
    const accepted = await signedFrom(reseller, vendor, 'partner.update', { name: 'in process' });
    // The reseller may not send leads: refused after its signature checked out.
    const example = JSON.parse(readFileSync('examples/messages/lead.offer.json', 'utf8'));
    const refused = await signedFrom(reseller, vendor, 'lead.offer', example.body);
    const results = await processInbound(vendor.deps, [accepted.jws, refused.jws, 'not a jws']);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      [accepted.message.id, 'accepted'],
      [refused.message.id, 'rejected'],
      [null, 'rejected'],
    ]);
    expect(await inboundCount(vendor)).toBe(before + 1);
    const logged = lines.filter((l) => l.msg === 'inbound message rejected');
    expect(logged).toEqual([
      expect.objectContaining({ level: 30, id: refused.message.id, code: 'forbidden' }),
      expect.objectContaining({ level: 30, id: null, code: 'malformed' }),
    ]);
  });

  it('counts a request whose messages were all refused as not stored at the arrival gate', async () => {
    // A flood of forged requests: none goes to the store, so a legitimate request that arrives
    // while one of them is still being checked does not wait for it.
    const gate = createArrivalGate(15_000);
    for (let i = 0; i < 20; i++) {
      const [r] = await processInbound(vendor.deps, ['not a jws'], { gate });
      expect(r).toMatchObject({ status: 'rejected', code: 'malformed' });
    }
    const forged = gate.enter();
    const { jws } = await signedFrom(reseller, vendor, 'partner.update', { name: 'legitimate' });
    const started = Date.now();
    const [result] = await processInbound(vendor.deps, [jws], { gate });
    expect(result).toMatchObject({ status: 'accepted' });
    expect(Date.now() - started).toBeLessThan(10_000);
    forged.leave();
  });
});
