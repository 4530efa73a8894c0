import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTH_FAILURES_PER_MINUTE } from '../../../node/admin/admin-auth.ts';
import { ManualClock } from '../../../node/clock.ts';
import { createAdminFixture, type AdminFixture } from './admin-fixture.ts';

describe('admin api › auth', () => {
  let fx: AdminFixture;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock();
    fx = await createAdminFixture({ clock });
  });
  afterEach(() => fx.close());

  it('answers 401 with WWW-Authenticate without a token', async () => {
    const res = await fx.api('/node', { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('answers 401 for a wrong token and for another scheme', async () => {
    expect((await fx.api('/node', { token: 'psa_wrong' })).status).toBe(401);
    const basic = await fx.api('/node', {
      token: null,
      headers: { authorization: `Basic ${fx.token}` },
    });
    expect(basic.status).toBe(401);
  });

  it('accepts the admin token from init', async () => {
    const res = await fx.api('/node');
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Acme Parts');
  });

  it('guards unknown paths too, so they reveal nothing without a token', async () => {
    expect((await fx.api('/nope', { token: null })).status).toBe(401);
    expect((await fx.api('/nope')).status).toBe(404);
  });

  it('serves the OpenAPI document without a token', async () => {
    const res = await fx.api('/openapi.json', { token: null });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
  });

  it('locks an address out after repeated failures, but never refuses the right token', async () => {
    for (let i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) {
      expect((await fx.api('/node', { token: `psa_guess_${i}` })).status).toBe(401);
    }
    const locked = await fx.api('/node', { token: 'psa_guess_more' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Others' failures (behind one proxy or NAT, one address) must not lock the operator out.
    expect((await fx.api('/node')).status).toBe(200);

    clock.advance(60_000);
    expect((await fx.api('/node', { token: 'psa_guess_again' })).status).toBe(401);
  });

  it('does not count requests without a token as guesses', async () => {
    for (let i = 0; i < AUTH_FAILURES_PER_MINUTE * 2; i++) {
      await fx.api('/node', { token: null });
    }
    expect((await fx.api('/node')).status).toBe(200);
  });
});
