import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../node/clock.ts';
import { DATABASE_FILE } from '../../../node/init-node.ts';
import { hashToken } from '../../../node/partners/invitations.ts';
import { createAdminFixture, type AdminFixture } from './admin-fixture.ts';

const VALID = { name: 'Nordic Resale AB', partnerType: 'reseller', relationship: 'market_facing' };

describe('admin api › invitations', () => {
  let fx: AdminFixture;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(new Date('2031-03-01T10:00:00.000Z'));
    fx = await createAdminFixture({ clock });
  });
  afterEach(() => fx.close());

  const list = async () => (await fx.api('/invitations')).body.invitations as Array<{ id: string }>;

  it('creates an invitation and shows its token once', async () => {
    const res = await fx.api('/invitations', { body: { ...VALID, ttlHours: 24 } });
    expect(res.status).toBe(201);
    const { invitation, token, nodeUrl, connectCommand } = res.body;
    expect(invitation).toMatchObject({
      name: 'Nordic Resale AB',
      partnerType: 'reseller',
      relationship: 'market_facing',
      state: 'open',
      expiresAt: '2031-03-02T10:00:00.000Z',
    });
    expect(invitation.kinds).toContain('deal.register');
    expect(nodeUrl).toBe(fx.deps.nodeId);
    expect(connectCommand).toBe(`partner-sync connect ${fx.deps.nodeId} --token ${token}`);

    const listed = await fx.api('/invitations');
    expect(listed.body.invitations).toEqual([invitation]);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(JSON.stringify(listed.body)).not.toContain(hashToken(token));
  });

  it('stores only the hash of the token', async () => {
    const { token, invitation } = (await fx.api('/invitations', { body: VALID })).body;
    const found = await fx.deps.store.read((tx) =>
      tx.invitations.findByTokenHash(hashToken(token)),
    );
    expect(found?.id).toBe(invitation.id);
    // The database and its journal files: the token is in none of them.
    const files = (await readdir(fx.dir)).filter((f) => f.startsWith(DATABASE_FILE));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect((await readFile(join(fx.dir, file))).includes(Buffer.from(token))).toBe(false);
    }
  });

  it('defaults the lifetime to the node setting and takes explicit kinds', async () => {
    const res = await fx.api('/invitations', {
      body: { ...VALID, kinds: ['partner.update', 'partner.disconnect'] },
    });
    expect(res.body.invitation.kinds).toEqual(['partner.disconnect', 'partner.update']);
    const hours = fx.deps.config.invitationTtlHours;
    expect(Date.parse(res.body.invitation.expiresAt)).toBe(
      clock.now().getTime() + hours * 3600_000,
    );
  });

  it.each([
    [{ ...VALID, name: '' }, 'name'],
    [{ ...VALID, name: 42 }, 'name'],
    [{ partnerType: 'reseller', relationship: 'strategic' }, 'name'],
    [{ ...VALID, partnerType: 'friend' }, 'partnerType'],
    [{ ...VALID, relationship: undefined }, 'relationship'],
    [{ ...VALID, kinds: 'partner.update' }, 'kinds'],
    [{ ...VALID, kinds: ['no.such.kind'] }, 'kinds'],
    [{ ...VALID, ttlHours: 0 }, 'ttlHours'],
    [{ ...VALID, ttlHours: 8761 }, 'ttlHours'],
    [{ ...VALID, ttlHours: 1.5 }, 'ttlHours'],
    [{ ...VALID, ttlHours: '24' }, 'ttlHours'],
    [{ ...VALID, token: 'mine' }, 'token'],
  ])('refuses bad input %# naming the field, storing nothing', async (body, field) => {
    const res = await fx.api('/invitations', { body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field });
    expect(await list()).toEqual([]);
  });

  it('shows the state of each invitation', async () => {
    const open = (await fx.api('/invitations', { body: { ...VALID, ttlHours: 48 } })).body;
    const short = (await fx.api('/invitations', { body: { ...VALID, ttlHours: 1 } })).body;
    clock.advance(2 * 3600_000);
    const states = Object.fromEntries(
      (await fx.api('/invitations')).body.invitations.map((i: { id: string; state: string }) => [
        i.id,
        i.state,
      ]),
    );
    expect(states).toEqual({ [open.invitation.id]: 'open', [short.invitation.id]: 'expired' });
    const expired = await fx.api('/invitations?state=expired');
    expect(expired.body.invitations.map((i: { id: string }) => i.id)).toEqual([
      short.invitation.id,
    ]);
    const bad = await fx.api('/invitations?state=closed');
    expect(bad.body.error).toMatchObject({ code: 'invalid_field', field: 'state' });
  });

  it('revokes an invitation once, then answers 409', async () => {
    const { invitation } = (await fx.api('/invitations', { body: VALID })).body;
    const revoked = await fx.api(`/invitations/${invitation.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.invitation).toMatchObject({ id: invitation.id, state: 'revoked' });
    const again = await fx.api(`/invitations/${invitation.id}`, { method: 'DELETE' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invitation_closed');
  });

  it('answers 409 for a used invitation and 404 for an unknown one', async () => {
    const { invitation } = (await fx.api('/invitations', { body: VALID })).body;
    await fx.deps.store.transact((tx) =>
      tx.invitations.consume(invitation.id, 'https://partner.example', clock.now()),
    );
    const used = await fx.api(`/invitations/${invitation.id}`, { method: 'DELETE' });
    expect(used.status).toBe(409);
    expect(used.body.error.code).toBe('invitation_closed');
    const unknown = await fx.api('/invitations/00000000-0000-0000-0000-000000000000', {
      method: 'DELETE',
    });
    expect(unknown.status).toBe(404);
  });
});
