import { describe, expect, it } from 'vitest';

import { isLoopbackHost, parseNodeUrl } from '../../../node/config/node-url.ts';

describe('node-url', () => {
  it('canonicalises scheme, host, default port and one trailing slash', () => {
    expect(parseNodeUrl('HTTPS://Partners.Example.com:443/')).toMatchObject({
      ok: true,
      url: 'https://partners.example.com',
    });
    expect(parseNodeUrl('https://example.com/sync/')).toMatchObject({
      ok: true,
      url: 'https://example.com/sync',
    });
    expect(parseNodeUrl('http://127.0.0.1:8787')).toMatchObject({
      ok: true,
      url: 'http://127.0.0.1:8787',
    });
  });

  it.each([
    ['partners.example.com', 'must be an absolute URL'],
    ['ftp://example.com', 'must start with https://'],
    ['https://user:pw@example.com', 'user name or password'],
    ['https://example.com/?x=1', 'query'],
    ['https://example.com/?', 'query'],
    ['https://example.com/#top', 'fragment'],
    ['https://example.com//', 'must not end with a slash'],
  ])('refuses %s', (input, problem) => {
    const result = parseNodeUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain(problem);
  });

  it('recognises loopback hosts', () => {
    for (const host of [
      'localhost',
      'node-a.localhost',
      '127.0.0.1',
      '127.8.9.10',
      '[::1]',
      '[::ffff:7f00:1]',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      'example.com',
      '10.0.0.1',
      '192.168.1.2',
      '[::2]',
      'localhost.example.com',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
