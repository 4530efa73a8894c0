/**
 * Hung and hostile peers: partners that accept TCP and never answer, trickle bytes, send a
 * 100 MB error page, redirect to a private address, or whose DNS answer changes between lookups.
 * Each is cut off by the request deadline or the response cap, its messages stay queued for a
 * retry, and a healthy partner's delivery goes on meanwhile.
 */
import type { LookupAddress } from 'node:dns';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildMessage,
  generateKeyPair,
  importSigningKey,
  newMessageId,
  signMessage,
} from '../../protocol/index.ts';
import type { ResolveAll } from '../../node/net/ssrf-guard.ts';
import { connectPair } from '../support/federation.ts';
import { createTestNode, eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { startHostilePeer, type HostileMode, type HostilePeer } from './support/hostile-peer.ts';
import {
  enqueueAll,
  enqueueUpdates,
  inboundIdsFrom,
  outboxRow,
  pinFakePartner,
} from './support/partners.ts';
import { postMessages, signedUpdate } from './support/messages.ts';

afterAll(removeTestDirs);

const DEADLINE_MS = 1000;
// Slack for a loaded machine: the deadline is an AbortSignal timer, the rest is bookkeeping.
const SLACK_MS = 1500;

/** Waits until the message's first failed attempt is recorded; returns it and when it came. */
async function firstFailure(node: TestNode, messageId: string, timeoutMs = 10_000) {
  return eventually(async () => {
    const row = await outboxRow(node, messageId);
    return row.lastErrorCode ? { row, at: Date.now() } : null;
  }, timeoutMs);
}

async function withSender<T>(
  fn: (sender: TestNode, healthy: TestNode) => Promise<T>,
  options: Parameters<typeof createTestNode>[0] = { name: 'sender' },
): Promise<T> {
  const sender = await createTestNode({
    ...options,
    settings: { outboundTimeoutMs: DEADLINE_MS, ...options.settings },
  });
  const healthy = await createTestNode({ name: 'healthy' });
  try {
    await connectPair(healthy, sender);
    return await fn(sender, healthy);
  } finally {
    await Promise.all([sender.stop(), healthy.stop()]);
  }
}

async function withPeers<T>(modes: HostileMode[], fn: (peers: HostilePeer[]) => Promise<T>) {
  const peers = await Promise.all(modes.map((m) => startHostilePeer(m)));
  try {
    return await fn(peers);
  } finally {
    await Promise.all(peers.map((p) => p.close()));
  }
}

describe('faults › hung and hostile peers', () => {
  it('cuts off a peer that never answers at the deadline, delivering to a healthy partner meanwhile', async () => {
    await withPeers([{ type: 'hang' }], ([hung]) =>
      withSender(async (sender, healthy) => {
        const fake = await pinFakePartner(sender, hung!.url);
        const toHealthy = await sender.deps.store.read((tx) =>
          tx.partners.getByNodeId(healthy.url),
        );
        // Both due in the same round of the worker.
        const started = Date.now();
        const [toHung, toGood] = await enqueueAll(sender, [
          { partner: fake, name: 'to the hung peer' },
          { partner: toHealthy!, name: 'to the healthy partner' },
        ]);

        await eventually(async () =>
          (await inboundIdsFrom(healthy, sender.url)).includes(toGood!.messageId),
        );
        const healthyMs = Date.now() - started;
        // The hung request is still open when the healthy partner already has its message.
        expect(hung!.open).toBe(1);
        expect(healthyMs).toBeLessThan(DEADLINE_MS);

        const { row, at } = await firstFailure(sender, toHung!.messageId);
        expect(row).toMatchObject({ status: 'pending', attempts: 1, lastErrorCode: 'timeout' });
        expect(at - started).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
        expect(at - started).toBeLessThan(DEADLINE_MS + SLACK_MS);
        // The sender closed the connection rather than leaving it to the peer.
        await eventually(async () => hung!.open === 0 && hung!.abandoned === 1);
      }),
    );
  });

  // Regression (node/outbox/outbox-worker.ts): the worker once waited for every batch of a round
  // before claiming again, so one partner that never answers held every other partner's new
  // messages back until its deadline — at every one of its retries. A message queued for a
  // healthy partner while the hung delivery is open must arrive before DEADLINE_MS.
  it('does not hold back a healthy partner’s new message until a hung peer’s deadline', async () => {
    await withPeers([{ type: 'hang' }], ([hung]) =>
      withSender(async (sender, healthy) => {
        const fake = await pinFakePartner(sender, hung!.url);
        const toHealthy = await sender.deps.store.read((tx) =>
          tx.partners.getByNodeId(healthy.url),
        );
        await enqueueUpdates(sender, fake, ['to the hung peer']);
        await eventually(async () => hung!.open === 1);
        // The worker is now waiting on the hung peer; a message for a healthy partner arrives.
        const queued = Date.now();
        const [toGood] = await enqueueUpdates(sender, toHealthy!, ['to the healthy partner']);
        await eventually(async () =>
          (await inboundIdsFrom(healthy, sender.url)).includes(toGood!.messageId),
        );
        expect(Date.now() - queued).toBeLessThan(DEADLINE_MS / 2);
      }),
    );
  });

  it('cuts off peers that trickle their headers or their body at the same deadline', async () => {
    await withPeers(
      [
        { type: 'trickle-headers', everyMs: 50 },
        { type: 'trickle-body', everyMs: 50 },
      ],
      (peers) =>
        withSender(async (sender) => {
          const partners = await Promise.all(peers.map((p) => pinFakePartner(sender, p.url)));
          const started = Date.now();
          const rows = await enqueueAll(
            sender,
            partners.map((partner) => ({ partner, name: 'slow' })),
          );
          for (const [i, row] of rows.entries()) {
            const { row: failed, at } = await firstFailure(sender, row.messageId);
            // Each byte arriving does not extend the deadline: it covers the whole exchange.
            expect(failed.lastErrorCode, `peer ${i}`).toBe('timeout');
            expect(failed.status).toBe('pending');
            expect(at - started).toBeLessThan(DEADLINE_MS + SLACK_MS);
            expect(peers[i]!.bytesWritten).toBeGreaterThan(10);
          }
        }),
    );
  });

  it('reads at most the response cap of a 100 MB error page, with or without a length', async () => {
    const HUNDRED_MB = 100 * 1024 * 1024;
    await withPeers(
      [
        { type: 'huge', status: 500, bytes: HUNDRED_MB, declareLength: true },
        { type: 'huge', status: 502, bytes: HUNDRED_MB, declareLength: false },
      ],
      (peers) =>
        withSender(async (sender) => {
          const partners = await Promise.all(peers.map((p) => pinFakePartner(sender, p.url)));
          const started = Date.now();
          const rows = await enqueueAll(
            sender,
            partners.map((partner) => ({ partner, name: 'large answer' })),
          );
          for (const row of rows) {
            const { row: failed, at } = await firstFailure(sender, row.messageId);
            expect(failed).toMatchObject({ status: 'pending', lastErrorCode: 'too_large' });
            expect(at - started).toBeLessThan(DEADLINE_MS + SLACK_MS);
          }
          // The sender hung up: the peers got rid of a few socket buffers' worth, not 100 MB.
          await eventually(async () => peers.every((p) => p.abandoned === 1));
          for (const peer of peers) expect(peer.bytesWritten).toBeLessThan(HUNDRED_MB / 4);
        }),
    );
  });

  it('never follows a delivery’s redirect, and refuses a key fetch redirected to a private address', async () => {
    const trap = await startHostilePeer({ type: 'hang' });
    await withPeers(
      [
        { type: 'redirect', status: 307, location: `${trap.url}/inbox` },
        { type: 'redirect', status: 302, location: 'http://10.0.0.1/.well-known/jwks.json' },
        { type: 'redirect', status: 301, location: 'http://169.254.169.254/latest/meta-data/' },
      ],
      ([toTrap, toPrivate, toMetadata]) =>
        withSender(async (sender) => {
          const partner = await pinFakePartner(sender, toTrap!.url);
          const [row] = await enqueueUpdates(sender, partner, ['redirected']);
          await firstFailure(sender, row!.messageId);
          // POST never follows a redirect, wherever it points.
          expect(toTrap!.requests).toEqual(['POST /inbox']);
          expect(trap.requests).toEqual([]);

          // GET (discovery, keys) follows redirects, each hop through the SSRF guard.
          for (const peer of [toPrivate!, toMetadata!]) {
            const started = Date.now();
            const result = await sender.deps.http.get(`${peer.url}/.well-known/jwks.json`);
            expect(result).toMatchObject({ ok: false, code: 'ssrf_blocked' });
            expect(Date.now() - started).toBeLessThan(DEADLINE_MS);
          }
          // The key refresher meets the same refusal and keeps the pinned keys.
          const fake = await pinFakePartner(sender, toMetadata!.url);
          const fresh = await sender.deps.partnerKeys.refresh({
            ...fake,
            keysFetchedAt: new Date(0),
          });
          expect(fresh).toBeNull();
          const after = await sender.deps.store.read((tx) => tx.partners.getById(fake.id));
          expect(after?.keys).toEqual(fake.keys);
        }),
    );
    await trap.close();
  });

  // Regression (node/outbox/http-transport.ts, retry-policy.ts): every status that was not 200, 408, 429 or ≥ 500
  // was treated as a final refusal, so a 3xx (a partner moving its node behind HTTPS, a proxy's
  // temporary redirect) dead-letters the message at once as http_307 — and a queue of them, one
  // by one — instead of retrying within the 7-day horizon. PROTOCOL.md §6 makes only "any other
  // 4xx" final.
  it('retries a delivery answered with a redirect instead of dead-lettering it', async () => {
    await withPeers([{ type: 'redirect', status: 307, location: '/elsewhere' }], ([peer]) =>
      withSender(async (sender) => {
        const partner = await pinFakePartner(sender, peer!.url);
        const [row] = await enqueueUpdates(sender, partner, ['redirected']);
        const { row: failed } = await firstFailure(sender, row!.messageId);
        expect(failed.status).toBe('pending');
      }),
    );
  });

  it('bounds a key refetch from a partner whose key endpoint hangs, and serves others meanwhile', async () => {
    await withPeers([{ type: 'hang' }], ([hung]) =>
      withSender(async (node, healthy) => {
        // A partner pinned at the hung server, its keys due for a refetch.
        const fake = await pinFakePartner(node, hung!.url);
        await node.deps.store.transact((tx) =>
          tx.partners.recordKeyFetch(fake.id, null, new Date(0)),
        );
        const rogue = await importSigningKey((await generateKeyPair()).privateJwk);
        const unknownKid = await signMessage(
          buildMessage({
            id: newMessageId(),
            kind: 'partner.update',
            from: hung!.url,
            to: node.url,
            sentAt: new Date(),
            body: { name: 'New key?' },
          }),
          rogue,
        );
        const started = Date.now();
        const stuck = postMessages(node.url, [unknownKid]);
        await eventually(async () => hung!.open === 1);
        // Another partner's message is answered while the refetch hangs.
        const legit = await postMessages(node.url, [await signedUpdate(healthy, node.url, 'Hi')]);
        expect(legit.body.results[0].status).toBe('accepted');
        expect(hung!.open).toBe(1);
        const answer = await stuck;
        expect(answer.body.results[0]).toMatchObject({ status: 'rejected', code: 'unknown_key' });
        expect(Date.now() - started).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
        expect(Date.now() - started).toBeLessThan(DEADLINE_MS + SLACK_MS);
        // The failed fetch counts as a fetch: the next unknown kid does not wait again.
        const again = await postMessages(node.url, [unknownKid]);
        expect(again.body.results[0]).toMatchObject({ code: 'unknown_key' });
        expect(again.ms).toBeLessThan(DEADLINE_MS / 2);
        expect(hung!.requests).toEqual(['GET /.well-known/jwks.json']);
      }),
    );
  });

  it('refuses a partner whose DNS answer changes to a private address after the first lookup', async () => {
    // The partner's name resolves to 127.0.0.1 once, then to a private address: what a check
    // that resolved the name before connecting would miss.
    const lookups: string[] = [];
    const resolveAll: ResolveAll = (hostname, _options, callback) => {
      if (hostname !== 'partner.rebind.test') {
        callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
        return;
      }
      const answer: LookupAddress[] =
        lookups.length === 0
          ? [{ address: '127.0.0.1', family: 4 }]
          : [{ address: '10.0.0.7', family: 4 }];
      lookups.push(answer[0]!.address);
      callback(null, answer);
    };
    await withPeers([{ type: 'status', status: 503 }], ([peer]) =>
      withSender(
        async (sender, healthy) => {
          const partner = await pinFakePartner(sender, `http://partner.rebind.test:${peer!.port}`);
          const [row] = await enqueueUpdates(sender, partner, ['rebound']);
          // First attempt: connected to 127.0.0.1, which answered 503 (retry).
          const first = await firstFailure(sender, row!.messageId);
          expect(first.row.lastErrorCode).toBe('http_503');
          expect(peer!.requests).toEqual(['POST /inbox']);
          // The retry resolves again and gets 10.0.0.7: refused before any byte is sent.
          const second = await eventually(async () => {
            const r = await outboxRow(sender, row!.messageId);
            return r.attempts >= 2 ? r : null;
          }, 10_000);
          expect(second).toMatchObject({ status: 'pending', lastErrorCode: 'ssrf_blocked' });
          expect(second.lastError).toContain('10.0.0.7');
          expect(lookups.slice(0, 2)).toEqual(['127.0.0.1', '10.0.0.7']);
          expect(peer!.requests).toEqual(['POST /inbox']);

          // Meanwhile a healthy partner is served as usual.
          const toHealthy = await sender.deps.store.read((tx) =>
            tx.partners.getByNodeId(healthy.url),
          );
          const [good] = await enqueueUpdates(sender, toHealthy!, ['healthy']);
          await eventually(async () =>
            (await inboundIdsFrom(healthy, sender.url)).includes(good!.messageId),
          );
        },
        { name: 'sender', httpHooks: { resolveAll } },
      ),
    );
  });
});
