/**
 * A partner's next batch is prepared (claimed, signed, its signatures stored) while the batch
 * before it waits for the partner's answer, and leaves only after that answer: against a scripted
 * partner over real HTTP whose first answer the test holds back. Only behind a batch that left a
 * backlog: behind one that took the whole queue, the next is claimed at the answer, with every
 * message queued meanwhile. When that answer is not one
 * (here a 503), the prepared batch goes back in line as it was (no attempt counted, its signed
 * bytes kept) and reaches the partner after the messages before it, with the same bytes.
 */
import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../node/store/types.ts';
import type { Received, ScriptedAnswer } from '../../support/scripted-partner.ts';
import { useScriptedSender } from '../../support/scripted-sender.ts';
import { eventually } from '../../support/test-node.ts';
import { enqueueUpdates, outboxRow } from '../../faults/support/partners.ts';

const BATCH = 3;

describe('outbox › the next batch prepared while one is on its way', () => {
  const s = useScriptedSender();

  /** The rows once each is signed and leased (claimed and prepared, not yet settled). */
  function prepared(messageIds: string[]): Promise<OutboundMessage[]> {
    return eventually(async () => {
      const rows = await Promise.all(messageIds.map((id) => outboxRow(s.sender, id)));
      return rows.every((r) => r.jws !== null && r.status === 'in_flight') ? rows : null;
    }, 5_000);
  }

  /** Answers the first request only when `release` resolves, with `first`; the rest accepted. */
  function holdFirstAnswer(
    release: Promise<void>,
    first: (received: Received[]) => Promise<ScriptedAnswer> | ScriptedAnswer,
  ) {
    let answered = 0;
    s.peer.answer = async (received) => {
      if (answered++ > 0) return s.peer.acceptAll(received);
      await release;
      return first(received);
    };
  }

  /**
   * Returns once the sender's claim rounds woken so far have run: the store runs units in the
   * order they are queued, and by the next event-loop turn the woken worker has queued its claim.
   */
  async function claimRoundsDone(): Promise<void> {
    await s.sender.deps.store.read(async () => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    await s.sender.deps.store.read(async () => undefined);
  }

  /** Every message id the partner accepted, in the order its requests carried them. */
  const sentIds = (requests: string[][]) => requests.flat();

  it('prepares the next batch while the one before it is unanswered, and sends it after that answer', async () => {
    await s.freshPeer({ maxBatch: BATCH });
    let release!: () => void;
    holdFirstAnswer(new Promise<void>((r) => (release = r)), (received) =>
      s.peer.acceptAll(received),
    );
    const rows = await enqueueUpdates(s.sender, s.partner, ['a', 'b', 'c', 'd', 'e', 'f']);
    const ids = rows.map((r) => r.messageId);

    const second = await prepared(ids.slice(BATCH));
    // Signed and stored, but held back: the partner has had only the first request.
    await eventually(async () => (s.peer.requests.length > 0 ? true : null), 5_000);
    expect(s.peer.requests).toEqual([ids.slice(0, BATCH)]);
    expect(await prepared(ids.slice(BATCH))).toEqual(second);

    release();
    const settled = await Promise.all(ids.map((id) => s.settled(id)));
    expect(settled.map((r) => r.status)).toEqual(Array(6).fill('delivered'));
    expect(s.peer.requests).toEqual([ids.slice(0, BATCH), ids.slice(BATCH)]);
    // It left with the bytes signed while it waited.
    expect(settled.slice(BATCH).map((r) => r.jws)).toEqual(second.map((r) => r.jws));
  });

  it('without a backlog, claims the next batch at the answer: what was queued meanwhile leaves in one request', async () => {
    await s.freshPeer({ maxBatch: BATCH });
    let release!: () => void;
    holdFirstAnswer(new Promise<void>((r) => (release = r)), (received) =>
      s.peer.acceptAll(received),
    );
    const [a] = await enqueueUpdates(s.sender, s.partner, ['a']);
    await eventually(async () => (s.peer.requests.length > 0 ? true : null), 5_000);
    // Two messages queued one after the other while the first is unanswered, each after the
    // claim round its wake-up started has run.
    const [b] = await enqueueUpdates(s.sender, s.partner, ['b']);
    await claimRoundsDone();
    const [c] = await enqueueUpdates(s.sender, s.partner, ['c']);
    await claimRoundsDone();
    expect((await outboxRow(s.sender, b!.messageId)).status).toBe('pending');

    release();
    const ids = [a!, b!, c!].map((r) => r.messageId);
    const settled = await Promise.all(ids.map((id) => s.settled(id)));
    expect(settled.map((r) => r.status)).toEqual(Array(3).fill('delivered'));
    // Not [a], [b], [c]: b prepared alone behind a, and c a whole round trip behind b.
    expect(s.peer.requests).toEqual([[ids[0]], [ids[1], ids[2]]]);
  });

  it('puts the prepared batch back in line as it was when the one before it is not answered', async () => {
    await s.freshPeer({ maxBatch: BATCH });
    let release!: () => void;
    holdFirstAnswer(new Promise<void>((r) => (release = r)), () => ({
      status: 503,
      body: { error: 'busy' },
    }));
    const rows = await enqueueUpdates(s.sender, s.partner, ['a', 'b', 'c', 'd', 'e', 'f']);
    const ids = rows.map((r) => r.messageId);

    const second = await prepared(ids.slice(BATCH));
    release();
    // Back in line, untouched: no attempt counted, the signed bytes kept.
    const back = await eventually(async () => {
      const r = await Promise.all(ids.slice(BATCH).map((id) => outboxRow(s.sender, id)));
      return r.every((x) => x.status === 'pending') ? r : null;
    }, 5_000);
    expect(back.map((r) => [r.attempts, r.lastErrorCode])).toEqual(
      Array(BATCH).fill([0, 'deferred']),
    );
    expect(back.map((r) => r.jws)).toEqual(second.map((r) => r.jws));
    expect(s.peer.requests).toHaveLength(1);

    // Once the partner is back every message arrives, those before the prepared batch first.
    const settled = await Promise.all(ids.map((id) => s.settled(id, 10)));
    expect(settled.map((r) => r.status)).toEqual(Array(6).fill('delivered'));
    expect(settled.slice(BATCH).map((r) => r.jws)).toEqual(second.map((r) => r.jws));
    const after = sentIds(s.peer.requests.slice(1));
    expect(after).toEqual(ids);
  });
});
