/**
 * Revocation kills sign-in links and sessions for good (security review, finding 12): restoring a
 * partner's portal access does not revive the links sent before the revocation, and a node
 * restored from a backup taken before a revocation accepts neither the links nor the sessions of
 * the backup.
 */
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { runCli } from '../../node/cli/main.ts';
import { removeTestDirs, type TestNode } from '../support/test-node.ts';
import { invitePortal, PortalClient, startVendor } from './portal-fixture.ts';

const dirs: string[] = [];
const nodes: TestNode[] = [];
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  await removeTestDirs();
});

const newLink = async (vendor: TestNode, userId: number): Promise<string> => {
  const res = await vendor.api('POST', `/portal/users/${userId}/links`);
  expect(res.status).toBe(201);
  return res.body.signInUrl;
};

describe('portal › revocation', () => {
  it('spends unused links on revocation, so restoring access does not revive them', async () => {
    const vendor = await startVendor();
    nodes.push(vendor);
    const gamma = await invitePortal(vendor, 'Gamma Trade');
    const spare = await newLink(vendor, gamma.userId);
    const browser = new PortalClient(vendor.url);
    expect((await browser.signIn(gamma.signInUrl)).status).toBe(303);
    const pending = await newLink(vendor, gamma.userId);

    expect((await vendor.api('POST', `/portal/partners/${gamma.partnerId}/revoke`)).status).toBe(
      200,
    );
    expect((await vendor.api('POST', `/portal/partners/${gamma.partnerId}/restore`)).status).toBe(
      200,
    );
    expect((await new PortalClient(vendor.url).signIn(pending)).status).toBe(410);
    expect((await browser.get('/portal/home')).status).toBe(303);
    expect((await new PortalClient(vendor.url).signIn(spare)).status).toBe(410);
    // A link made after the restore works.
    const after = await newLink(vendor, gamma.userId);
    expect((await new PortalClient(vendor.url).signIn(after)).status).toBe(303);
  });

  it('does not let a restored backup revive links or sessions revoked after it was taken', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ps-revocation-'));
    dirs.push(root);
    const vendor = await startVendor();
    nodes.push(vendor);
    const delta = await invitePortal(vendor, 'Delta Supply');
    const browser = new PortalClient(vendor.url);
    expect((await browser.signIn(delta.signInUrl)).status).toBe(303);
    const unused = await newLink(vendor, delta.userId);

    const file = join(root, 'before-revocation.db');
    const io = createCapturedIo({ env: {}, cwd: root });
    expect(await runCli(['backup', file, '--data', vendor.dataDir], io), io.err()).toBe(0);
    expect((await vendor.api('POST', `/portal/users/${delta.userId}/revoke`)).status).toBe(200);
    // The refused session's cookie is cleared; an attacker who copied it would keep it.
    const copied = new Map(browser.cookies);
    expect((await browser.get('/portal/home')).status).toBe(303);

    await vendor.stop();
    await rename(vendor.dataDir, `${vendor.dataDir}-before-restore`);
    dirs.push(`${vendor.dataDir}-before-restore`);
    const restoreIo = createCapturedIo({ env: {}, cwd: root });
    expect(
      await runCli(['restore', file, '--data', vendor.dataDir], restoreIo),
      restoreIo.err(),
    ).toBe(0);
    await vendor.start();

    for (const [name, value] of copied) browser.cookies.set(name, value);
    expect((await browser.get('/portal/home')).status).toBe(303);
    expect((await new PortalClient(vendor.url).signIn(unused)).status).toBe(410);
    // The restore's own start ended them once; the next start does not touch new ones.
    const fresh = await newLink(vendor, delta.userId);
    await vendor.stop();
    await vendor.start();
    expect((await new PortalClient(vendor.url).signIn(fresh)).status).toBe(303);
  });
});
