/**
 * Whether an `unknown_key` refusal is retried: only for a message signed with a key of ours that
 * became the signing key within the grace period, including a key another process of the node
 * made in the shared keys.json (real key files in a temp directory).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildMessage,
  generateKeyPair,
  importSigningKey,
  newMessageId,
  signMessage,
} from '../../../protocol/index.ts';
import { createKeysFile, openNodeKeys, type NodeKeys } from '../../../node/identity/key-store.ts';
import { isRecentKeyRefusal, NEW_KEY_GRACE_MS } from '../../../node/outbox/new-key-refusal.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const GRACE = { retiredGraceMs: 8 * 24 * 3600_000 };

async function keysDir(now: Date): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'new-key-refusal-'));
  dirs.push(dir);
  await createKeysFile(dir, now);
  return dir;
}

async function signedBy(keys: NodeKeys, now: Date): Promise<string> {
  const payload = buildMessage({
    id: newMessageId(),
    kind: 'partner.update',
    from: 'https://vendor.example',
    to: 'https://reseller.example',
    sentAt: now,
    body: {},
  });
  return signMessage(payload, keys.signing());
}

describe('new-key refusal', () => {
  const t0 = new Date('2026-12-07T10:00:00Z');

  it('retries within the grace period after the key became the signing key, not after', async () => {
    const keys = await openNodeKeys(await keysDir(t0), GRACE);
    const first = await signedBy(keys, t0);
    const rotatedAt = new Date(t0.getTime() + 3600_000);
    const newKid = await keys.rotate(rotatedAt);
    expect(keys.signingSince(newKid)?.toISOString()).toBe(rotatedAt.toISOString());
    const second = await signedBy(keys, rotatedAt);
    const after = (ms: number) => new Date(rotatedAt.getTime() + ms);

    expect(await isRecentKeyRefusal(keys, second, after(1_000))).toBe(true);
    expect(await isRecentKeyRefusal(keys, second, after(NEW_KEY_GRACE_MS - 1))).toBe(true);
    expect(await isRecentKeyRefusal(keys, second, after(NEW_KEY_GRACE_MS))).toBe(false);
    // The old key became the signing key an hour before: its refusal is final.
    expect(await isRecentKeyRefusal(keys, first, after(1_000))).toBe(false);
  });

  it('a key another process made in the shared keys.json is read again when its kid is met', async () => {
    const dir = await keysDir(t0);
    const here = await openNodeKeys(dir, GRACE);
    const other = await openNodeKeys(dir, GRACE);
    // The mtime must differ for the reload to see the change.
    await new Promise((r) => setTimeout(r, 20));
    const newKid = await other.rotate(t0);
    expect(here.signingSince(newKid)).toBeNull();
    const jws = await signedBy(other, t0);
    expect(await isRecentKeyRefusal(here, jws, new Date(t0.getTime() + 1_000))).toBe(true);
    expect(here.signing().kid).toBe(newKid);
  });

  it('a kid that is not ours, or a header that cannot be read, is final', async () => {
    const keys = await openNodeKeys(await keysDir(t0), GRACE);
    const stranger = await generateKeyPair();
    const payload = buildMessage({
      id: newMessageId(),
      kind: 'partner.update',
      from: 'https://vendor.example',
      to: 'https://reseller.example',
      sentAt: t0,
      body: {},
    });
    const jws = await signMessage(payload, await importSigningKey(stranger.privateJwk));
    expect(await isRecentKeyRefusal(keys, jws, t0)).toBe(false);
    expect(await isRecentKeyRefusal(keys, 'not.a.jws', t0)).toBe(false);
  });
});
