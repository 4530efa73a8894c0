/**
 * Overload: past its inbox rate limit a node answers 429 with Retry-After and the sender waits
 * that long (nothing lost, nothing doubled); a flood of requests with bad signatures against a
 * node in its own process neither makes it refetch keys more than once per interval nor keeps
 * a partner's legitimate messages waiting.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startChild, type Child } from '../../bench/lib/ipc.ts';
import { buildMessage, newMessageId, signMessage } from '../../protocol/index.ts';
import { connectPair, postToInbox } from '../support/federation.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import {
  createTestNode,
  eventually,
  freePort,
  ManualClock,
  removeTestDirs,
} from '../support/test-node.ts';
import {
  cleanUpChildNodes,
  connectToChild,
  createChildNode,
  inboundCount,
} from './support/child-node.ts';
import { enqueueUpdates, inboundIdsFrom, outboxRow } from './support/partners.ts';

afterAll(async () => {
  await cleanUpChildNodes();
  await removeTestDirs();
});

/** Requests in the bad-signature flood: the figure (FAULTS_FLOOD_REQUESTS changes it). */
const FLOOD_REQUESTS = Number(process.env.FAULTS_FLOOD_REQUESTS ?? 10_000);
/**
 * A liveness bound for legitimate messages during the flood: the node keeps answering them. How
 * fast, against the 100 ms p99 goal at 10,000 requests, is measured by `npm run bench` (its
 * `flood` section, beside the idle p99 of the same run), not by this test.
 */
const P99_BOUND_MS = Number(process.env.FAULTS_P99_BOUND_MS ?? 1_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

describe('faults › overload', () => {
  it('answers 429 with Retry-After past the rate limit; the sender waits that long and loses nothing', async () => {
    // One clock for both: the limiter refills by it, the sender schedules by it.
    const clock = new ManualClock();
    const proxy = await startFaultProxy(await freePort());
    // Three requests a minute, one message per request: a token comes back every 20 s.
    const vendor = await createTestNode({
      name: 'vendor',
      clock,
      publicPort: proxy.port,
      settings: { inboxRateLimit: 3, maxBatch: 1 },
    });
    proxy.setTarget(vendor.port);
    const reseller = await createTestNode({ name: 'reseller', clock });
    try {
      const { onJoiner: toVendor } = await connectPair(vendor, reseller);
      const names = Array.from({ length: 8 }, (_, i) => `Name ${i + 1}`);
      const rows = await enqueueUpdates(reseller, toVendor, names);
      const ids = rows.map((r) => r.messageId);
      const delivered = async () =>
        (await Promise.all(ids.map((id) => outboxRow(reseller, id)))).filter(
          (r) => r.status === 'delivered',
        ).length;

      for (let cycle = 0; (await delivered()) < ids.length; cycle++) {
        expect(cycle).toBeLessThan(20);
        // Wait for the worker to run into the limit (or to finish).
        const head = await eventually(async () => {
          const pending = (await Promise.all(ids.map((id) => outboxRow(reseller, id)))).find(
            (r) => r.status !== 'delivered',
          );
          if (!pending) return { done: true } as const;
          return pending.status === 'pending' && pending.lastErrorCode === 'http_429'
            ? ({ done: false, row: pending } as const)
            : null;
        });
        if (head.done) break;
        const waitMs = head.row.nextAttemptAt.getTime() - clock.now().getTime();
        // Retry-After is 20 s; without it the first retry would come after 0.5 s.
        expect(waitMs).toBeGreaterThanOrEqual(19_000);
        // Nothing is sent before the time the partner asked for.
        const before = proxy.inboxRequests;
        clock.advance(waitMs - 1_000);
        reseller.deps.notifyOutbox();
        await new Promise((r) => setTimeout(r, 150));
        expect(proxy.inboxRequests).toBe(before);
        clock.advance(1_000);
        reseller.deps.notifyOutbox();
        await eventually(async () => proxy.inboxRequests > before);
      }

      // Every message arrived once, in order; the limiter refused only whole requests.
      expect((await inboundIdsFrom(vendor, reseller.url)).filter((id) => ids.includes(id))).toEqual(
        ids,
      );
      const statuses = proxy.inboxStatuses;
      expect(statuses.filter((s) => s === 200)).toHaveLength(ids.length);
      // One 429 for each token the sender waited for, never a burst of them.
      expect(statuses.filter((s) => s === 429).length).toBeLessThanOrEqual(ids.length - 3 + 1);
      for (let i = 1; i < statuses.length; i++) {
        expect(statuses[i - 1] === 429 && statuses[i] === 429, `requests ${i - 1},${i}`).toBe(
          false,
        );
      }

      // The answer itself, as any client sees it, and nothing of the refused request is stored.
      const storedBefore = (await inboundIdsFrom(vendor, reseller.url)).length;
      let answer: Awaited<ReturnType<typeof postToInbox>> | undefined;
      for (let i = 0; i < 5 && answer?.status !== 429; i++) {
        answer = await postToInbox(vendor, ['not even a JWS']);
      }
      expect(answer?.status).toBe(429);
      expect(Number(answer?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(answer?.body).toMatchObject({ error: { code: 'rate_limited' } });
      expect((await inboundIdsFrom(vendor, reseller.url)).length).toBe(storedBefore);
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
      await proxy.close();
    }
  });

  it('keeps serving a partner through a flood of bad signatures, refetching keys at most once per interval', async () => {
    // The partner serves its keys through a proxy that counts the target's refetches.
    const proxy = await startFaultProxy(await freePort());
    const partner = await createTestNode({ name: 'partner', publicPort: proxy.port });
    proxy.setTarget(partner.port);
    // The worst case: an attacker with many addresses, so no rate limit saves the node. A
    // 1-second refetch interval lets the flood show the limit at work many times over.
    const target = await createChildNode({
      name: 'target',
      settings: {
        inboxRateLimit: 1_000_000,
        partnerMessageRateLimit: 1_000_000,
        keyRefetchIntervalSeconds: 1,
      },
    });
    let flooder: Child | undefined;
    try {
      await target.start();
      await connectToChild(target, partner);
      const kid = partner.deps.keys.signing().kid;
      flooder = await startChild('flood-client.ts');
      const client = flooder;
      const jwksFetches = () => proxy.requests.filter((r) => r.includes('jwks')).length;

      const legit = async (n: number) =>
        signMessage(
          buildMessage({
            id: newMessageId(),
            kind: 'partner.update',
            from: partner.url,
            to: target.url,
            sentAt: new Date(),
            body: { name: `Legit ${n}` },
          }),
          partner.deps.keys.signing(),
        );

      /**
       * Forged requests from a process of its own (the benchmark's flood client), 16 at a time;
       * started beforehand, so that the samples taken "during" the flood are.
       */
      const flood = (total: number, withKid: string | null) =>
        client.call<{ codes: Record<string, number>; ms: number }>('flood', {
          url: target.url,
          from: partner.url,
          to: target.url,
          kid: withKid,
          total,
          concurrency: 16,
        });

      /** Sends legitimate messages one after another while `during` runs; their latencies. */
      async function sample(during: Promise<unknown>) {
        let done = false;
        void during.finally(() => (done = true));
        const latencies: number[] = [];
        while (!done || latencies.length < 20) {
          const jws = await legit(latencies.length);
          const started = performance.now();
          const answer = await fetch(`${target.url}/inbox`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ messages: [jws] }),
          });
          const body = (await answer.json()) as { results: Array<{ status: string }> };
          latencies.push(performance.now() - started);
          expect(body.results[0]?.status).toBe('accepted');
          if (!done) await new Promise((r) => setTimeout(r, 10));
        }
        return latencies.sort((a, b) => a - b);
      }

      const baseline = await sample(new Promise((r) => setTimeout(r, 500)));
      const storedBefore = inboundCount(target);

      // Bad signatures naming the partner's real key: no refetch at all, the kid is known.
      const fetchesBefore = jwksFetches();
      const known = flood(FLOOD_REQUESTS, kid);
      const during = await sample(known);
      const knownResult = await known;
      expect(knownResult.codes).toEqual({ bad_signature: FLOOD_REQUESTS });
      expect(jwksFetches()).toBe(fetchesBefore);

      // Unknown kids: a refetch at most once per interval (1 s here), whatever the flood rate.
      const unknownStart = jwksFetches();
      const unknownTotal = Math.ceil(FLOOD_REQUESTS / 4);
      const unknown = await flood(unknownTotal, null);
      const refetches = jwksFetches() - unknownStart;
      expect(unknown.codes).toEqual({ unknown_key: unknownTotal });
      expect(refetches).toBeGreaterThanOrEqual(1);
      expect(refetches).toBeLessThanOrEqual(Math.floor(unknown.ms / 1000) + 1);

      // Only the legitimate messages were stored, and the node still answers.
      expect(inboundCount(target) - storedBefore).toBe(during.length);
      expect((await fetch(`${target.url}/readyz`)).status).toBe(200);

      const p99 = percentile(during, 99);
      console.info(
        `flood: ${FLOOD_REQUESTS} bad-signature requests in ${knownResult.ms.toFixed(0)} ms ` +
          `(${((FLOOD_REQUESTS / knownResult.ms) * 1000).toFixed(0)}/s); legitimate messages ` +
          `p50 ${percentile(during, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ` +
          `max ${during.at(-1)!.toFixed(1)} ms over ${during.length} (idle p99 ` +
          `${percentile(baseline, 99).toFixed(1)} ms); ${unknownTotal} unknown-kid requests in ` +
          `${unknown.ms.toFixed(0)} ms caused ${refetches} key refetches`,
      );
      expect(p99).toBeLessThan(P99_BOUND_MS);
    } finally {
      await flooder?.stop();
      await target.stop();
      await partner.stop();
      await proxy.close();
    }
  }, 120_000);
});
