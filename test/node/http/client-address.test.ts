/**
 * Who a request counts against behind a reverse proxy: X-Forwarded-For is believed only from the
 * proxies the operator named, read from the right, so a client cannot pick its own bucket.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { forwardedClient, parseTrustedProxies } from '../../../node/http/client-address.ts';
import { validateConfig } from '../../../node/config/validate.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../../support/test-node.ts';

afterAll(removeTestDirs);

const inTen = (a: string) => a.startsWith('10.') || a === '127.0.0.1';

describe('http › client address behind a proxy', () => {
  it('takes the rightmost address that is not a trusted proxy', () => {
    expect(forwardedClient('203.0.113.5', inTen)).toBe('203.0.113.5');
    expect(forwardedClient('203.0.113.5, 10.0.0.2', inTen)).toBe('203.0.113.5');
    // The client wrote the first entry itself; the proxies appended the real one.
    expect(forwardedClient('198.51.100.99, 203.0.113.5, 10.0.0.2', inTen)).toBe('203.0.113.5');
    expect(forwardedClient('::ffff:203.0.113.5', inTen)).toBe('203.0.113.5');
    expect(forwardedClient('10.0.0.3, 10.0.0.2', inTen)).toBeNull();
    expect(forwardedClient('203.0.113.5, not-an-address', inTen)).toBeNull();
    expect(forwardedClient(undefined, inTen)).toBeNull();
  });

  it('parses addresses and CIDR ranges, and names what it cannot parse', () => {
    expect(parseTrustedProxies('127.0.0.1, ::1, 10.0.0.0/8').ranges).toHaveLength(3);
    expect(parseTrustedProxies('127.0.0.1, proxy.local, 10.0.0.0/33').invalid).toEqual([
      'proxy.local',
      '10.0.0.0/33',
    ]);
    const refused = validateConfig({ trustedProxies: '127.0.0.1, proxy.local' }, {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]?.message).toMatch(/not one: proxy\.local/);
    const accepted = validateConfig({ trustedProxies: ' 127.0.0.1,::1 ' }, {});
    expect(accepted.ok && accepted.config.trustedProxies).toBe('127.0.0.1,::1');
  });

  describe('the inbox rate limit', () => {
    let behindProxy: TestNode;
    let direct: TestNode;
    afterAll(async () => {
      await behindProxy?.stop();
      await direct?.stop();
    });

    const post = (node: TestNode, forwardedFor: string) =>
      fetch(`${node.url}/inbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: '{"messages":[]}',
      }).then(async (r) => (await r.arrayBuffer(), r.status));

    it('counts each forwarded client apart when the proxy is trusted, and the proxy alone otherwise', async () => {
      behindProxy = await createTestNode({
        name: 'behind-proxy',
        settings: { inboxRateLimit: 2, trustedProxies: '127.0.0.1, ::1' },
      });
      direct = await createTestNode({ name: 'direct', settings: { inboxRateLimit: 2 } });
      for (const node of [behindProxy, direct]) {
        expect(await post(node, '203.0.113.5')).toBe(400);
        expect(await post(node, '203.0.113.5')).toBe(400);
        expect(await post(node, '203.0.113.5')).toBe(429);
      }
      // Another partner behind the same proxy has its own bucket; without trust it shares one.
      expect(await post(behindProxy, '198.51.100.7')).toBe(400);
      expect(await post(direct, '198.51.100.7')).toBe(429);
    });
  });
});
