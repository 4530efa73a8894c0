/**
 * Behind a trusted reverse proxy, strangers' failures must not lock others out (security review,
 * finding 4): the portal's sign-in limit and the admin API's failed-token bucket count each
 * forwarded client apart, and a valid admin token is never refused for anyone's failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_FAILURES_PER_MINUTE } from '../../../node/admin/admin-auth.ts';
import { SIGN_IN_PER_MINUTE } from '../../../node/portal/web/sign-in-limit.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../../support/test-node.ts';

describe('http › proxy lockout', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await createTestNode({
      name: 'proxied',
      settings: { trustedProxies: '127.0.0.1, ::1' },
    });
  });
  afterAll(async () => {
    await node?.stop();
    await removeTestDirs();
  });

  const admin = (forwardedFor: string, token: string) =>
    fetch(`${node.url}/api/node`, {
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': forwardedFor },
    }).then(async (r) => (await r.arrayBuffer(), r.status));

  const signIn = (forwardedFor: string) =>
    fetch(`${node.url}/portal/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': forwardedFor,
      },
      body: 'email=someone%40example.com',
    }).then(async (r) => (await r.arrayBuffer(), r.status));

  it('locks out the guessing client only; a valid token passes even from there', async () => {
    const guesser = '203.0.113.66';
    for (let i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) {
      expect(await admin(guesser, `psa_guess_${i}`)).toBe(401);
    }
    expect(await admin(guesser, 'psa_guess_more')).toBe(429);
    // The operator behind the same proxy, from another address and from the guesser's own.
    expect(await admin('198.51.100.10', node.adminToken)).toBe(200);
    expect(await admin(guesser, node.adminToken)).toBe(200);
    // Another client's first wrong guess is its own, not the guesser's.
    expect(await admin('198.51.100.11', 'psa_typo')).toBe(401);
  });

  it('limits portal sign-in per forwarded client, not per proxy', async () => {
    const flooder = '203.0.113.77';
    for (let i = 0; i < SIGN_IN_PER_MINUTE; i++) expect(await signIn(flooder)).not.toBe(429);
    expect(await signIn(flooder)).toBe(429);
    // A portal user behind the same proxy still reaches the form (403: no form token here).
    expect(await signIn('198.51.100.20')).toBe(403);
  });
});
