import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdminFixture, type AdminFixture } from './admin-fixture.ts';

const TOKEN = 'a-token-of-enough-length';

describe('admin api › connect', () => {
  let fx: AdminFixture;
  beforeEach(async () => {
    fx = await createAdminFixture();
  });
  afterEach(() => fx.close());

  it('refuses a URL that is not one, naming the field', async () => {
    const res = await fx.api('/connect', { body: { url: 'not a url', token: TOKEN } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bad_url', field: 'url' });
  });

  it('refuses a private address without fetching it', async () => {
    const res = await fx.api('/connect', { body: { url: 'http://10.1.2.3:8787', token: TOKEN } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'ssrf_blocked', field: 'url' });
  });

  it.each([
    [{ token: TOKEN }, 'url'],
    [{ url: 'https://vendor.example' }, 'token'],
    [{ url: 'https://vendor.example', token: 'short' }, 'token'],
    [{ url: 'https://vendor.example', token: TOKEN, partnerType: 'friend' }, 'partnerType'],
    [{ url: 'https://vendor.example', token: TOKEN, kinds: ['no.such.kind'] }, 'kinds'],
    [{ url: 'https://vendor.example', token: TOKEN, nodeId: 'x' }, 'nodeId'],
  ])('refuses bad input %# naming the field', async (body, field) => {
    const res = await fx.api('/connect', { body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field });
  });
});

describe('admin api › profile', () => {
  let fx: AdminFixture;
  beforeEach(async () => {
    fx = await createAdminFixture();
  });
  afterEach(() => fx.close());

  const queued = () =>
    fx.deps.store.read((tx) => tx.outbox.listStored({ status: 'pending' }, { limit: 50 }));

  it('tells every active partner when `to` is absent', async () => {
    await fx.addPartner('https://a.example');
    await fx.addPartner('https://b.example');
    const c = await fx.addPartner('https://c.example');
    await fx.api(`/partners/${c.id}/suspend`, { method: 'POST' });
    const res = await fx.api('/profile', {
      body: { name: 'Acme Parts GmbH', contact: { email: 'partners@acme.example' } },
    });
    expect(res.status).toBe(202);
    expect(res.body.messageIds).toHaveLength(2);
    const rows = await queued();
    expect(rows.map((m) => m.toNodeId).sort()).toEqual(['https://a.example', 'https://b.example']);
    expect(rows[0]?.body).toEqual({
      name: 'Acme Parts GmbH',
      contact: { email: 'partners@acme.example' },
    });
  });

  it('tells only the partners named, once each', async () => {
    const a = await fx.addPartner('https://a.example');
    await fx.addPartner('https://b.example');
    const res = await fx.api('/profile', {
      body: { relationship: 'strategic', to: [a.id, 'https://a.example'] },
    });
    expect(res.status).toBe(202);
    expect(res.body.messageIds).toHaveLength(1);
    expect((await queued()).map((m) => m.toNodeId)).toEqual(['https://a.example']);
  });

  it.each([
    [{}, undefined],
    [{ name: '' }, 'name'],
    [{ contact: { email: 'not-an-email' } }, 'contact.email'],
    [{ contact: { fax: '123' } }, 'contact.fax'],
    [{ partnerType: 'friend' }, 'partnerType'],
    [{ name: 'A', to: [] }, 'to'],
    [{ name: 'A', to: 'all' }, 'to'],
    [{ name: 'A', to: ['https://nobody.example'] }, 'to'],
    [{ name: 'A', colour: 'blue' }, 'colour'],
  ])('refuses bad input %# naming the field, queueing nothing', async (body, field) => {
    await fx.addPartner();
    const res = await fx.api('/profile', { body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_field');
    expect(res.body.error.field).toBe(field);
    expect(await queued()).toEqual([]);
  });

  it('refuses to name a suspended partner', async () => {
    const p = await fx.addPartner();
    await fx.api(`/partners/${p.id}/suspend`, { method: 'POST' });
    const res = await fx.api('/profile', { body: { name: 'A', to: [p.id] } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'partner_not_active', field: 'to' });
  });
});
