import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Partner } from '../../../node/store/types.ts';
import { createAdminFixture, type AdminFixture } from './admin-fixture.ts';

describe('admin api › partners', () => {
  let fx: AdminFixture;
  let partner: Partner;
  beforeEach(async () => {
    fx = await createAdminFixture();
    partner = await fx.addPartner('https://partner.example', 'Partner Co');
  });
  afterEach(() => fx.close());

  const byNodeId = `/partners/${encodeURIComponent('https://partner.example')}`;

  it('lists partners with their view and outbox counts', async () => {
    const res = await fx.api('/partners');
    expect(res.status).toBe(200);
    expect(res.body.partners).toHaveLength(1);
    expect(res.body.partners[0]).toMatchObject({
      id: partner.id,
      nodeId: 'https://partner.example',
      name: 'Partner Co',
      partnerType: 'reseller',
      relationship: 'strategic',
      kinds: ['partner.update'],
      status: 'active',
      inboxUrl: 'https://partner.example/inbox',
      maxBatch: 100,
      kids: ['partner-key-1'],
      declaredProfile: null,
      outbox: { pending: 0, in_flight: 0, delivered: 0, dead: 0 },
    });
    expect(res.body.partners[0].connectedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.stringify(res.body)).not.toContain('"x"');
  });

  it('finds a partner by id and by URL-encoded node id', async () => {
    const byId = await fx.api(`/partners/${partner.id}`);
    expect(byId.status).toBe(200);
    expect((await fx.api(byNodeId)).body).toEqual(byId.body);
  });

  it('answers 404 for an unknown partner on every partner route', async () => {
    const unknown = `/partners/${encodeURIComponent('https://nobody.example')}`;
    const calls = [
      fx.api('/partners/999'),
      fx.api(unknown),
      fx.api(unknown, { method: 'PATCH', body: { name: 'X' } }),
      fx.api(`${unknown}/suspend`, { method: 'POST' }),
      fx.api(`${unknown}/resume`, { method: 'POST' }),
      fx.api(unknown, { method: 'DELETE' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('changes only the fields given', async () => {
    const res = await fx.api(byNodeId, {
      method: 'PATCH',
      body: { relationship: 'commodity_based', kinds: ['partner.update', 'deal.register'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Partner Co',
      partnerType: 'reseller',
      relationship: 'commodity_based',
      kinds: ['deal.register', 'partner.update'],
    });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ partnerType: 'friend' }, 'partnerType'],
    [{ relationship: 42 }, 'relationship'],
    [{ kinds: ['no.such.kind'] }, 'kinds'],
    // A kind the node does not support cannot be granted, whatever the type.
    [{ partnerType: 'commodity_supplier', kinds: ['pricelist.nonexistent'] }, 'kinds'],
    [{ name: 'Fine', status: 'active' }, 'status'],
  ])('refuses a bad change %# naming the field, changing nothing', async (body, field) => {
    const before = (await fx.api(`/partners/${partner.id}`)).body;
    const res = await fx.api(`/partners/${partner.id}`, { method: 'PATCH', body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field });
    expect((await fx.api(`/partners/${partner.id}`)).body).toEqual(before);
  });

  it('suspends and resumes', async () => {
    const suspended = await fx.api(`/partners/${partner.id}/suspend`, { method: 'POST' });
    expect(suspended.body.status).toBe('suspended');
    const resumed = await fx.api(`/partners/${partner.id}/resume`, { method: 'POST' });
    expect(resumed.body.status).toBe('active');
  });

  it('removes a partner with a farewell, then refuses to resume it', async () => {
    const res = await fx.api(`/partners/${partner.id}`, {
      method: 'DELETE',
      body: { reason: 'contract ended' },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('removed');
    expect(res.body.outbox.pending).toBe(1);
    const out = await fx.deps.store.read((tx) =>
      tx.outbox.listStored({ partnerId: partner.id }, { limit: 5 }),
    );
    expect(out.map((m) => [m.kind, m.body])).toEqual([
      ['partner.disconnect', { reason: 'contract ended' }],
    ]);
    const resume = await fx.api(`/partners/${partner.id}/resume`, { method: 'POST' });
    expect(resume.status).toBe(409);
  });

  it('removes with the default reason when no body is sent', async () => {
    const res = await fx.api(`/partners/${partner.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const [farewell] = await fx.deps.store.read((tx) =>
      tx.outbox.listStored({ partnerId: partner.id }, { limit: 5 }),
    );
    expect(farewell?.body).toEqual({ reason: 'removed by the operator' });
  });

  it('refuses a bad reason and keeps the partner', async () => {
    const res = await fx.api(`/partners/${partner.id}`, {
      method: 'DELETE',
      body: { reason: 'x'.repeat(501) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field: 'reason' });
    expect((await fx.api(`/partners/${partner.id}`)).body.status).toBe('active');
  });
});
