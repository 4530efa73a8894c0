import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdminFixture, type AdminFixture } from './admin-fixture.ts';

describe('admin api › node', () => {
  let fx: AdminFixture;
  beforeEach(async () => {
    fx = await createAdminFixture();
  });
  afterEach(() => fx.close());

  it('describes the node', async () => {
    const res = await fx.api('/node');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      nodeId: fx.deps.nodeId,
      name: 'Acme Parts',
      kinds: fx.deps.handlers.kinds(),
      signingKid: fx.deps.keys.signing().kid,
      publishedKids: [fx.deps.keys.signing().kid],
    });
  });

  it('reports status', async () => {
    await fx.addPartner();
    const res = await fx.api('/status');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nodeId: fx.deps.nodeId, partners: { active: 1 } });
  });

  it('rotates the signing key and publishes both keys', async () => {
    const before = fx.deps.keys.signing().kid;
    const res = await fx.api('/keys/rotate', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.body.kid).not.toBe(before);
    expect(res.body.publishedKids).toHaveLength(2);
    expect(res.body.publishedKids).toEqual(expect.arrayContaining([before, res.body.kid]));
    const node = (await fx.api('/node')).body;
    expect(node.signingKid).toBe(res.body.kid);
    expect(node.publishedKids).toHaveLength(2);
  });
});
