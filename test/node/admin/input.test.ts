import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ADMIN_BODY_BYTES } from '../../../node/admin/json-body.ts';
import { createAdminFixture, type AdminFixture } from './admin-fixture.ts';

describe('admin api › input', () => {
  let fx: AdminFixture;
  beforeEach(async () => {
    fx = await createAdminFixture();
  });
  afterEach(() => fx.close());

  const listInvitations = async () => (await fx.api('/invitations')).body.invitations;

  it('answers 413 for a body over 64 KiB and stores nothing', async () => {
    const res = await fx.api('/invitations', {
      body: { name: 'x'.repeat(MAX_ADMIN_BODY_BYTES), partnerType: 'reseller' },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await listInvitations()).toEqual([]);
  });

  it('answers 413 for an oversized body without Content-Length', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(MAX_ADMIN_BODY_BYTES) });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const res = await fx.app.request('/api/invitations', {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.token}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers 415 for text/plain', async () => {
    const res = await fx.api('/invitations', {
      body: '{"name":"A"}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('answers 415 for a POST without Content-Type', async () => {
    const res = await fx.app.request('/api/invitations', {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.token}` },
    });
    expect(res.status).toBe(415);
  });

  it('answers 400 bad_json for broken JSON and for a non-object', async () => {
    const broken = await fx.api('/invitations', { body: '{"name": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('bad_json');
    const array = await fx.api('/invitations', { body: [] });
    expect(array.status).toBe(400);
    expect(array.body.error.code).toBe('bad_json');
  });

  it('accepts application/json with a charset', async () => {
    const res = await fx.api('/invitations', {
      body: { name: 'A', partnerType: 'reseller', relationship: 'strategic' },
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(res.status).toBe(201);
  });

  it('refuses unknown fields, naming them', async () => {
    const res = await fx.api('/invitations', {
      body: { name: 'A', partnerType: 'reseller', relationship: 'strategic', partner_type: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field: 'partner_type' });
    expect(await listInvitations()).toEqual([]);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['after=-1', 'after'],
    ['after=99999999999999999999', 'after'],
    ['limit=5&limit=6', 'limit'],
    ['status=lost', 'status'],
    ['sort=asc', 'sort'],
    ['partner=https%3A%2F%2Fnobody.example', 'partner'],
  ])('bounds query parameters: %s', async (query, field) => {
    const res = await fx.api(`/messages/out?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field });
  });

  it('refuses a kind filter that is not a kind name', async () => {
    const res = await fx.api('/messages/in?kind=Not%20A%20Kind');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field: 'kind' });
  });
});
