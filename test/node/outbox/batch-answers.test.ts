/**
 * A batch answered message by message, against a scripted partner over real HTTP: each message is
 * settled by its own answer (delivered, refused for good, retried when its receipt does not
 * verify), a refusal `unknown_key` of a message signed with a key we rotated to less than ten
 * minutes ago is retried without letting the messages behind it overtake, and from the tenth
 * minute on it is final; a refused batch is sent again one message at a time, at once.
 */
import { describe, expect, it } from 'vitest';
import { NEW_KEY_GRACE_MS } from '../../../node/outbox/new-key-refusal.ts';
import type { OutboundMessage } from '../../../node/store/types.ts';
import type { Received } from '../../support/scripted-partner.ts';
import { useScriptedSender } from '../../support/scripted-sender.ts';
import { createTestNode, eventually, ManualClock } from '../../support/test-node.ts';
import { enqueueUpdates, outboxRow } from '../../faults/support/partners.ts';

/** The first retry of a test node (random 0): half the 1 s base delay. */
const FIRST_RETRY_MS = 500;

describe('outbox › a batch answered message by message', () => {
  const s = useScriptedSender();

  const rejected = (r: Received, code: string, message = 'no') => ({
    id: r.message.id,
    status: 'rejected',
    code,
    message,
  });

  async function refusals(messageIds: string[]) {
    const all = await s.sender.deps.store.read((tx) => tx.refusals.list({}, 1_000));
    return all.filter((r) => messageIds.includes(r.messageId));
  }

  it('settles each message by its own answer: delivered, refused, retried on a bad receipt', async () => {
    s.peer.answer = async (received) => {
      const [ok, refused, spoilt, odd] = received as [Received, Received, Received, Received];
      return {
        status: 200,
        body: {
          results: [
            { id: ok.message.id, status: 'accepted', receipt: await s.peer.receiptFor(ok) },
            rejected(refused, 'conflict', 'already registered'),
            { id: spoilt.message.id, status: 'duplicate', receipt: 'not a receipt' },
            rejected(odd, 'no_such_code'),
          ],
        },
      };
    };
    const before = Date.now();
    const rows = await enqueueUpdates(s.sender, s.partner, ['ok', 'refused', 'spoilt', 'odd']);
    const [ok, refused, spoilt, odd] = await Promise.all(rows.map((r) => s.settled(r.messageId)));
    const after = Date.now();
    expect(ok).toMatchObject({ status: 'delivered', resultStatus: 'accepted' });
    expect(refused).toMatchObject({
      status: 'dead',
      resultStatus: 'rejected',
      lastErrorCode: 'conflict',
      lastError: 'already registered',
    });
    // A code the protocol does not define is kept as `unknown`, never as the partner's text.
    expect(odd).toMatchObject({
      status: 'dead',
      resultStatus: 'rejected',
      lastErrorCode: 'unknown',
    });
    expect(spoilt).toMatchObject({ status: 'pending', attempts: 1, lastErrorCode: 'bad_receipt' });
    expect(spoilt!.lastError).toContain('receipt malformed');
    expect(spoilt!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + FIRST_RETRY_MS);
    expect(spoilt!.nextAttemptAt.getTime()).toBeLessThanOrEqual(after + FIRST_RETRY_MS);
    expect((await refusals(rows.map((r) => r.messageId))).map((r) => r.code).sort()).toEqual([
      'conflict',
      'unknown',
    ]);
    // Signed once, when it first left: a retry keeps the time and the bytes.
    expect(spoilt!.sentAt).not.toBeNull();
    s.peer.answer = (received) => s.peer.acceptAll(received);
    const done = await s.settled(spoilt!.messageId, 99);
    expect(done).toMatchObject({ status: 'delivered', resultStatus: 'accepted' });
    expect(done.sentAt).toEqual(spoilt!.sentAt);
    expect(done.jws).toBe(spoilt!.jws);
  });

  it('retries each message whose receipt does not verify, each counted, without refetching keys', async () => {
    await s.sender.deps.store.transact((tx) =>
      tx.partners.recordKeyFetch(s.partner.id, null, new Date(0)),
    );
    s.peer.answer = (received) => ({
      status: 200,
      body: {
        results: received.map((r) => ({ id: r.message.id, status: 'accepted', receipt: 'x.y.z' })),
      },
    });
    const rows = await enqueueUpdates(s.sender, s.partner, ['one', 'two']);
    // Right after the one request that carried both: each counted, not only the first.
    await s.settled(rows[0]!.messageId);
    const failed = await Promise.all(rows.map((r) => outboxRow(s.sender, r.messageId)));
    for (const row of failed) {
      expect(row).toMatchObject({ status: 'pending', attempts: 1, lastErrorCode: 'bad_receipt' });
    }
    // A receipt that cannot be read is no reason to fetch the partner's keys again.
    const stored = await s.sender.deps.store.read((tx) => tx.partners.getById(s.partner.id));
    expect(stored!.keysFetchedAt.getTime()).toBe(0);
  });

  it('waits half a second after the first failure, then twice as long after each next one', async () => {
    const clock = new ManualClock();
    const node = await createTestNode({ name: 'backoff', clock });
    try {
      const pinned = await s.peer.pinOn(node);
      s.peer.answer = () => ({ status: 503 });
      const [row] = await enqueueUpdates(node, pinned, ['backing off']);
      for (const [attempts, waitMs] of [
        [1, FIRST_RETRY_MS],
        [2, 2 * FIRST_RETRY_MS],
        [3, 4 * FIRST_RETRY_MS],
      ] as const) {
        const at = clock.now().getTime();
        const failed = await eventually(async () => {
          const r = await outboxRow(node, row!.messageId);
          return r.attempts >= attempts ? r : null;
        });
        expect(failed.nextAttemptAt.getTime(), String(attempts)).toBe(at + waitMs);
        // Not tried again a millisecond early; tried on time.
        clock.advance(waitMs - 1);
        node.deps.notifyOutbox();
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect((await outboxRow(node, row!.messageId)).attempts).toBe(attempts);
        clock.advance(1);
        node.deps.notifyOutbox();
      }
    } finally {
      await node.stop();
    }
  });

  it('sends a refused batch again one message at a time, each counted, not after its Retry-After', async () => {
    const clock = new ManualClock();
    const node = await createTestNode({ name: 'culprit', clock });
    try {
      const pinned = await s.peer.pinOn(node);
      s.peer.answer = () => ({ status: 422, headers: { 'retry-after': '3600' } });
      const rows = await enqueueUpdates(node, pinned, ['one', 'two']);
      const failed = await Promise.all(
        rows.map((r) =>
          eventually(async () => {
            const row = await outboxRow(node, r.messageId);
            return row.attempts >= 1 ? row : null;
          }),
        ),
      );
      // The clock stands still: both wait their own first backoff, the partner's hour ignored.
      for (const row of failed) {
        expect(row).toMatchObject({
          status: 'pending',
          attempts: 1,
          lastErrorCode: 'http_422',
          lastError: 'the partner answered HTTP 422',
        });
        expect(row.nextAttemptAt.getTime()).toBe(clock.now().getTime() + FIRST_RETRY_MS);
      }
      s.peer.answer = (received) => s.peer.acceptAll(received);
      clock.advance(FIRST_RETRY_MS);
      node.deps.notifyOutbox();
      for (const r of rows) {
        await eventually(async () => (await outboxRow(node, r.messageId)).status === 'delivered');
      }
      expect(s.peer.requests.slice(1)).toEqual(rows.map((r) => [r.messageId]));
    } finally {
      await node.stop();
    }
  });

  it('refetches for a receipt under a new key in a batch that also has a refusal', async () => {
    await s.sender.deps.store.transact((tx) =>
      tx.partners.recordKeyFetch(s.partner.id, null, new Date(0)),
    );
    const rotated = await s.peer.rotate();
    s.peer.jwks = [s.peer.jwks[0]!, rotated];
    s.peer.answer = async (received) => {
      const [refused, ok] = received as [Received, Received];
      return {
        status: 200,
        body: {
          results: [
            rejected(refused, 'conflict'),
            { id: ok.message.id, status: 'accepted', receipt: await s.peer.receiptFor(ok) },
          ],
        },
      };
    };
    const rows = await enqueueUpdates(s.sender, s.partner, ['refused', 'under the new key']);
    const [refused, ok] = await Promise.all(rows.map((r) => s.settled(r.messageId)));
    expect(refused).toMatchObject({ status: 'dead', lastErrorCode: 'conflict' });
    expect(ok).toMatchObject({ status: 'delivered' });
  });

  it('retries what a partner refuses unknown_key just after our rotation, keeping the order', async () => {
    await s.sender.deps.keys.rotate(s.sender.deps.clock.now());
    s.partner = await s.peer.pinOn(s.sender, { maxBatch: 2 });
    let refuseNewKey = true;
    s.peer.answer = (received) =>
      refuseNewKey
        ? {
            status: 200,
            body: { results: received.map((r) => rejected(r, 'unknown_key', 'kid not found')) },
          }
        : s.peer.acceptAll(received);
    const rows = await enqueueUpdates(s.sender, s.partner, ['a', 'b', 'c', 'd']);
    const [a, b] = await Promise.all(rows.slice(0, 2).map((r) => s.settled(r.messageId)));
    for (const row of [a!, b!]) {
      // Each was refused on its own: each counts an attempt.
      expect(row).toMatchObject({ status: 'pending', attempts: 1, lastErrorCode: 'unknown_key' });
      expect(row.lastError).toBe('the partner does not know our new key yet: kid not found');
    }
    expect(await refusals(rows.map((r) => r.messageId))).toEqual([]);
    refuseNewKey = false;
    const done = await Promise.all(rows.map((r) => s.settled(r.messageId, 99)));
    expect(done.map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    // The messages behind waited: nothing after a and b left before them.
    const ids = rows.map((r) => r.messageId);
    expect(s.peer.requests[0]).toEqual(ids.slice(0, 2));
    expect(s.peer.requests.flat().indexOf(ids[2]!)).toBeGreaterThan(
      s.peer.requests.flat().lastIndexOf(ids[1]!),
    );
  });

  it('takes unknown_key as final from the tenth minute after the key became our signing key', async () => {
    const clock = new ManualClock();
    const node = await createTestNode({ name: 'rotated', clock });
    try {
      const pinned = await s.peer.pinOn(node);
      const since = node.deps.keys.signingSince(node.deps.keys.signing().kid)!;
      s.peer.answer = (received) => ({
        status: 200,
        body: { results: received.map((r) => rejected(r, 'unknown_key')) },
      });
      const settledOn = (messageId: string) =>
        eventually(async () => {
          const row = await outboxRow(node, messageId);
          return row.lastErrorCode ? row : null;
        });

      clock.set(new Date(since.getTime() + NEW_KEY_GRACE_MS - 1));
      const [young] = await enqueueUpdates(node, pinned, ['young']);
      const retried: OutboundMessage = await settledOn(young!.messageId);
      expect(retried).toMatchObject({ status: 'pending', lastErrorCode: 'unknown_key' });
      await node.deps.store.transact((tx) =>
        tx.outbox.markDead(retried.seq, {
          code: 'test',
          detail: 'out of the way',
          at: clock.now(),
          rejected: false,
        }),
      );

      clock.set(new Date(since.getTime() + NEW_KEY_GRACE_MS));
      const [late] = await enqueueUpdates(node, pinned, ['late']);
      expect(await settledOn(late!.messageId)).toMatchObject({
        status: 'dead',
        resultStatus: 'rejected',
        lastErrorCode: 'unknown_key',
      });
      const kept = await node.deps.store.read((tx) => tx.refusals.list({}, 10));
      expect(kept.map((r) => [r.messageId, r.code])).toEqual([[late!.messageId, 'unknown_key']]);
    } finally {
      await node.stop();
    }
  });
});
