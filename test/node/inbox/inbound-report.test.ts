/**
 * What the inbox tells the operator about the messages it refuses, over real HTTP between real
 * nodes: each rejection is logged with the message id and the code (never the message itself),
 * an accepted message is not logged as one, and /metrics counts a rejection under the message's
 * kind once its signature checked out (before that the kind is the sender's claim, and counted
 * as unknown).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../node/logger.ts';
import { connectPair, postToInbox, signedFrom } from '../../support/federation.ts';
import { sample, scrapeMetrics } from '../../support/metrics-sample.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../../support/test-node.ts';
import { jsonLineSink } from '../../support/json-line-sink.ts';

const lines: Array<Record<string, unknown>> = [];
let vendor: TestNode;
let reseller: TestNode;

describe('inbox › what it reports', () => {
  beforeAll(async () => {
    const sink = jsonLineSink(lines);
    [vendor, reseller] = await Promise.all([
      createTestNode({
        name: 'vendor',
        settings: { metrics: 'public' },
        log: createLogger('info', sink),
      }),
      createTestNode({ name: 'reseller' }),
    ]);
    await connectPair(vendor, reseller);
  });

  afterAll(async () => {
    await Promise.all([vendor.stop(), reseller.stop()]);
    await removeTestDirs();
  });

  const rejectionLines = () => lines.filter((l) => l.msg === 'inbound message rejected');

  it('logs each rejected message with its id and code, and no accepted one', async () => {
    // The reseller may not send price lists: refused after its signature checked out.
    const refused = await signedFrom(reseller, vendor, 'pricelist.push', {
      priceListId: 'PL-1',
      currency: 'EUR',
      lines: [],
    });
    const accepted = await signedFrom(reseller, vendor, 'partner.update', { name: 'Reseller' });
    const res = await postToInbox(vendor, [refused.jws, accepted.jws]);
    const [first, second] = res.body.results;
    expect(first).toMatchObject({ status: 'rejected' });
    expect(second).toMatchObject({ status: 'accepted' });

    const logged = rejectionLines();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 30, id: refused.message.id, code: first.code });
    // The message's bytes stay out of the log.
    expect(JSON.stringify(lines)).not.toContain(refused.jws);
    expect(JSON.stringify(lines)).not.toContain(accepted.message.id);

    const { text } = await scrapeMetrics(vendor.url);
    expect(
      sample(text, 'partner_sync_messages_in_total{kind="pricelist.push",status="rejected"}'),
    ).toBe(1);
    expect(
      sample(text, `partner_sync_inbox_rejections_total{code="${first.code}"}`),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts a rejection before the signature checked out under no kind', async () => {
    const { jws } = await signedFrom(reseller, vendor, 'lead.offer', { lead: {} });
    const [h, p] = jws.split('.');
    const forged = `${h}.${p}.${'A'.repeat(86)}`;
    const res = await postToInbox(vendor, [forged]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'bad_signature' });
    const { text } = await scrapeMetrics(vendor.url);
    expect(
      sample(text, 'partner_sync_messages_in_total{kind="lead.offer",status="rejected"}'),
    ).toBeUndefined();
    expect(sample(text, 'partner_sync_messages_in_total{kind="unknown",status="rejected"}')).toBe(
      1,
    );
  });
});
