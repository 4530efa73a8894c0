import { afterAll, describe, expect, it } from 'vitest';
import { connectToNode } from '../../node/connect/connect-to-node.ts';
import { createInvitation, parsePartnerProfile } from '../../node/partners/invitations.ts';
import { sendProfileUpdate } from '../../node/partners/profile-update.ts';
import { createTestNode, eventually, removeTestDirs } from '../support/test-node.ts';

describe('smoke', () => {
  afterAll(removeTestDirs);
  it('connects and exchanges an update', async () => {
    const a = await createTestNode({ name: 'vendor' });
    const b = await createTestNode({ name: 'reseller' });
    const profile = parsePartnerProfile(
      { name: 'Reseller', partnerType: 'reseller', relationship: 'strategic' },
      a.deps.handlers.kinds(),
    );
    const { token } = await createInvitation(
      { store: a.deps.store, now: new Date(), ttlMs: 3600_000 },
      profile,
    );
    const partner = await connectToNode(b.deps, { url: a.url, token });
    expect(partner.nodeId).toBe(a.url);
    await sendProfileUpdate(b.deps, { name: 'Reseller GmbH' }, 'all');
    const seen = await eventually(async () => {
      const p = await a.deps.store.read((tx) => tx.partners.getByNodeId(b.url));
      return p?.declaredProfile?.name === 'Reseller GmbH' ? p : null;
    });
    expect(seen.name).toBe('Reseller');
    await a.stop();
    await b.stop();
  });
});
