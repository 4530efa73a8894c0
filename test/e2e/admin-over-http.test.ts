/** The admin API over real HTTP, where bodies and their absence look as a client sends them. */
import { afterAll, describe, expect, it } from 'vitest';
import { createTestNode, eventually, removeTestDirs } from '../support/test-node.ts';

afterAll(removeTestDirs);

describe('admin api › over http', () => {
  it('invites, connects and removes a partner with a bodiless DELETE', async () => {
    const vendor = await createTestNode({ name: 'vendor' });
    const reseller = await createTestNode({ name: 'reseller' });
    try {
      const invited = await vendor.api('POST', '/invitations', {
        name: 'Reseller',
        partnerType: 'reseller',
        relationship: 'strategic',
      });
      expect(invited.status).toBe(201);
      const connected = await reseller.api('POST', '/connect', {
        url: vendor.url,
        token: invited.body.token,
      });
      expect(connected.status).toBe(201);
      const removed = await vendor.api('DELETE', `/partners/${encodeURIComponent(reseller.url)}`);
      expect(removed.status).toBeLessThan(300);
      await eventually(async () => {
        const p = await reseller.api('GET', `/partners/${encodeURIComponent(vendor.url)}`);
        return p.body.status === 'removed';
      });
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  });
});
