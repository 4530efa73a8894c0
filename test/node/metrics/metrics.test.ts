/**
 * /metrics on real nodes: counts after an exchange of messages, a rejection and a duplicate, the
 * outbox gauges, and the protection (off, token, public).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sendProfileUpdate } from '../../../node/partners/profile-update.ts';
import { connectPair, postToInbox, signedFrom } from '../../support/federation.ts';
import { createTestNode, eventually, removeTestDirs } from '../../support/test-node.ts';
import { sample, scrapeMetrics as scrape } from '../../support/metrics-sample.ts';

afterAll(removeTestDirs);

const METRICS_TOKEN = 'm'.repeat(40);

describe('metrics', () => {
  it('counts messages in and out, rejections, latency and outbox gauges', async () => {
    const settings = { metrics: 'token' as const, metricsToken: METRICS_TOKEN };
    const vendor = await createTestNode({ name: 'vendor', settings });
    const reseller = await createTestNode({ name: 'reseller', settings });
    try {
      await connectPair(vendor, reseller);
      await sendProfileUpdate(vendor.deps, { name: 'Vendor AG' }, 'all');
      await sendProfileUpdate(vendor.deps, { name: 'Vendor AG 2' }, 'all');
      const outKey = 'partner_sync_messages_out_total{kind="partner.update",status="delivered"}';
      await eventually(
        async () => sample((await scrape(vendor.url, METRICS_TOKEN)).text, outKey) === 2,
      );

      // A message sent twice is a duplicate the second time; one for another node is rejected.
      const { jws } = await signedFrom(reseller, vendor, 'partner.update', { name: 'Bolt' });
      await postToInbox(vendor, [jws, jws]);
      const stray = await signedFrom(
        reseller,
        vendor,
        'partner.update',
        { name: 'x' },
        {
          to: 'https://elsewhere.example',
        },
      );
      await postToInbox(vendor, [stray.jws]);

      const onReseller = (await scrape(reseller.url, METRICS_TOKEN)).text;
      expect(
        sample(
          onReseller,
          'partner_sync_messages_in_total{kind="partner.update",status="accepted"}',
        ),
      ).toBe(2);
      expect(sample(onReseller, 'partner_sync_delivery_latency_seconds_count')).toBe(0);

      const onVendor = (await scrape(vendor.url, METRICS_TOKEN)).text;
      expect(sample(onVendor, outKey)).toBe(2);
      expect(sample(onVendor, 'partner_sync_delivery_latency_seconds_count')).toBe(2);
      expect(
        sample(onVendor, 'partner_sync_messages_in_total{kind="partner.update",status="accepted"}'),
      ).toBe(1);
      expect(
        sample(
          onVendor,
          'partner_sync_messages_in_total{kind="partner.update",status="duplicate"}',
        ),
      ).toBe(1);
      // Before the signature is checked, the kind is not trusted enough to be a label.
      expect(
        sample(onVendor, 'partner_sync_messages_in_total{kind="unknown",status="rejected"}'),
      ).toBe(1);
      expect(sample(onVendor, 'partner_sync_inbox_rejections_total{code="wrong_recipient"}')).toBe(
        1,
      );
      expect(sample(onVendor, `partner_sync_outbox_depth{partner="${reseller.url}"}`)).toBe(0);
      expect(sample(onVendor, `partner_sync_dead_letters{partner="${reseller.url}"}`)).toBe(0);
      expect(sample(onVendor, 'partner_sync_partners{status="active"}')).toBe(1);
      expect(onVendor).toContain('# TYPE partner_sync_delivery_latency_seconds histogram');
      expect(onVendor).toContain('process_resident_memory_bytes');
    } finally {
      await reseller.stop();
      await vendor.stop();
    }
  });

  it('shows a partner that cannot be reached as outbox depth', async () => {
    const settings = { metrics: 'public' as const };
    const vendor = await createTestNode({ name: 'vendor', settings });
    const reseller = await createTestNode({ name: 'reseller', settings });
    try {
      await connectPair(vendor, reseller);
      await reseller.stop();
      await sendProfileUpdate(vendor.deps, { name: 'Vendor AG' }, 'all');
      const text = await eventually(async () => {
        const t = (await scrape(vendor.url)).text;
        return (sample(
          t,
          'partner_sync_messages_out_total{kind="partner.update",status="retried"}',
        ) ?? 0) >= 1
          ? t
          : null;
      });
      expect(sample(text, `partner_sync_outbox_depth{partner="${reseller.url}"}`)).toBe(1);
    } finally {
      await vendor.stop();
    }
  });

  it('is off by default, and with token needs the metrics token or the admin token', async () => {
    const plain = await createTestNode({ name: 'plain' });
    const guarded = await createTestNode({
      name: 'guarded',
      settings: { metrics: 'token', metricsToken: METRICS_TOKEN },
    });
    try {
      expect((await scrape(plain.url)).status).toBe(404);
      expect((await scrape(plain.url, plain.adminToken)).status).toBe(404);

      expect((await scrape(guarded.url)).status).toBe(401);
      expect((await scrape(guarded.url, 'n'.repeat(40))).status).toBe(401);
      expect((await scrape(guarded.url, METRICS_TOKEN)).status).toBe(200);
      const withAdmin = await scrape(guarded.url, guarded.adminToken);
      expect(withAdmin.status).toBe(200);
      expect(withAdmin.text).toContain('partner_sync_messages_in_total');
      // The metrics token opens /metrics and nothing else.
      const api = await fetch(`${guarded.url}/api/status`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(api.status).toBe(401);
    } finally {
      await plain.stop();
      await guarded.stop();
    }
  });
});
