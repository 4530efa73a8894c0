/**
 * What settling a delivery leaves for the operator, against a scripted partner over real HTTP: a
 * partner's refusal is kept with the record the message was about (its reason bounded) until a
 * later message about that record is accepted; a message the node gave up on by itself (too
 * large for the partner) is dead without being anyone's refusal. Every end is counted in /metrics,
 * where operators alert on dead letters, and a dead letter is logged with its id and code.
 */
import { describe, expect, it } from 'vitest';
import { newMessageId, type MessageKind } from '../../../protocol/index.ts';
import { createLogger } from '../../../node/logger.ts';
import type { StoreTx } from '../../../node/store/store.ts';
import type { OutboundMessage } from '../../../node/store/types.ts';
import { sample, scrapeMetrics } from '../../support/metrics-sample.ts';
import { startScriptedPartner } from '../../support/scripted-partner.ts';
import { useScriptedSender } from '../../support/scripted-sender.ts';
import { eventually } from '../../support/test-node.ts';
import { outboxRow } from '../../faults/support/partners.ts';
import { jsonLineSink } from '../../support/json-line-sink.ts';

const logLines: Array<Record<string, unknown>> = [];

describe('outbox › settling a delivery', () => {
  const sink = jsonLineSink(logLines);
  const s = useScriptedSender({
    name: 'sender',
    settings: { metrics: 'public' },
    log: createLogger('info', sink),
  });

  /** Queues one message of `kind` about whatever record `body` names, and wakes the outbox. */
  async function enqueue(
    kind: MessageKind,
    body: unknown,
    to = s.partner,
    ref: string | null = null,
  ): Promise<OutboundMessage> {
    const [row] = await s.sender.deps.store.transact((tx) =>
      tx.outbox.enqueue(
        [{ messageId: newMessageId(), partnerId: to.id, toNodeId: to.nodeId, kind, body, ref }],
        s.sender.deps.clock.now(),
      ),
    );
    s.sender.deps.notifyOutbox();
    return row!;
  }

  /** Waits until the row is delivered or dead. */
  const settled = (messageId: string) => s.settled(messageId, Number.POSITIVE_INFINITY);

  /** The refusal kept for a message, as the operator's list reads it from the store. */
  async function refusalOf(messageId: string) {
    const all = await s.sender.deps.store.read((tx) => tx.refusals.list({ unseen: false }, 1_000));
    return all.find((r) => r.messageId === messageId);
  }

  async function outCount(kind: string, status: string): Promise<number> {
    const { text } = await scrapeMetrics(s.sender.url);
    return sample(text, `partner_sync_messages_out_total{kind="${kind}",status="${status}"}`) ?? 0;
  }

  it('keeps a partner’s refusal with its record, reason cut at 500 characters, until a later message about the record is accepted', async () => {
    s.peer.answer = (received) => ({
      status: 200,
      body: {
        results: received.map((r) => ({
          id: r.message.id,
          status: 'rejected',
          code: 'conflict',
          message: 'r'.repeat(600),
        })),
      },
    });
    const refusedBefore = await outCount('deal.register', 'rejected');
    const row = await enqueue('deal.register', { deal: { id: 'deal-41' } });
    expect(await settled(row.messageId)).toMatchObject({
      status: 'dead',
      lastErrorCode: 'conflict',
    });
    const refusal = await refusalOf(row.messageId);
    expect(refusal).toMatchObject({
      code: 'conflict',
      kind: 'deal.register',
      recordKind: 'deal',
      recordId: 'deal-41',
      partnerId: s.partner.id,
      clearedAt: null,
    });
    expect(refusal!.reason).toBe('r'.repeat(500));
    expect(await outCount('deal.register', 'rejected')).toBe(refusedBefore + 1);
    // The operator's log names the message and the partner's code.
    expect(logLines).toContainEqual(
      expect.objectContaining({
        level: 40,
        id: row.messageId,
        code: 'conflict',
        msg: 'message dead-lettered',
      }),
    );

    // A message about another record clears nothing; one about this record, accepted, clears it.
    s.peer.answer = (received) => s.peer.acceptAll(received);
    const other = await enqueue('deal.decision', { dealId: 'deal-42', decision: 'approved' });
    expect(await settled(other.messageId)).toMatchObject({ status: 'delivered' });
    expect((await refusalOf(row.messageId))!.clearedAt).toBeNull();
    const later = await enqueue('deal.decision', { dealId: 'deal-41', decision: 'approved' });
    expect(await settled(later.messageId)).toMatchObject({ status: 'delivered' });
    expect((await refusalOf(row.messageId))!.clearedAt).not.toBeNull();
  });

  it('keeps a 4xx on a single message as the partner’s refusal of it, counted as rejected', async () => {
    s.peer.answer = () => ({ status: 403, body: { error: { code: 'forbidden', message: 'no' } } });
    const before = await outCount('order.place', 'rejected');
    const row = await enqueue('order.place', { order: { id: 'order-7' } });
    expect(await settled(row.messageId)).toMatchObject({
      status: 'dead',
      lastErrorCode: 'http_403',
    });
    expect(await refusalOf(row.messageId)).toMatchObject({
      code: 'http_403',
      recordKind: 'order',
      recordId: 'order-7',
    });
    expect(await outCount('order.place', 'rejected')).toBe(before + 1);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        id: row.messageId,
        code: 'http_403',
        msg: 'message dead-lettered',
      }),
    );
  });

  it('dead-letters a message too large for the partner as its own decision: no refusal, counted as dead', async () => {
    await s.freshPeer({ maxBodyBytes: 1_000 });
    const before = await outCount('lead.offer', 'dead');
    const row = await enqueue('lead.offer', { lead: { id: 'lead-3', note: 'x'.repeat(900) } });
    expect(await settled(row.messageId)).toMatchObject({
      status: 'dead',
      lastErrorCode: 'payload_too_large',
    });
    expect(await refusalOf(row.messageId)).toBeUndefined();
    expect(await outCount('lead.offer', 'dead')).toBe(before + 1);
    expect(await outCount('lead.offer', 'rejected')).toBe(0);
  });

  it('dead-letters a message too large for the partner once, however slowly the store answers', async () => {
    await s.freshPeer({ maxBodyBytes: 1_000 });
    // Every unit of work answers 150 ms after it committed, and the worker is woken meanwhile:
    // the message must never be back in line between the attempt and its dead letter.
    const store = s.sender.deps.store;
    const transact = store.transact;
    store.transact = async <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
      const result = (await transact.call(store, fn)) as T;
      await new Promise((resolve) => setTimeout(resolve, 150));
      return result;
    };
    const waking = setInterval(() => s.sender.deps.notifyOutbox(), 10);
    try {
      const before = await outCount('lead.recall', 'dead');
      const row = await enqueue('lead.recall', { leadId: 'lead-8', note: 'x'.repeat(900) });
      expect(await settled(row.messageId)).toMatchObject({ lastErrorCode: 'payload_too_large' });
      // Time for a second round to claim it, had it been back in line.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await outCount('lead.recall', 'dead')).toBe(before + 1);
      const logged = logLines.filter(
        (l) => l.id === row.messageId && l.code === 'payload_too_large',
      );
      expect(logged).toHaveLength(1);
    } finally {
      clearInterval(waking);
      store.transact = transact;
    }
  });

  it('sends the same bytes, with the message’s ref, on every attempt', async () => {
    const sent: string[] = [];
    s.peer.answer = (received) => {
      sent.push(received[0]!.jws);
      return sent.length === 1 ? { status: 503 } : s.peer.acceptAll(received);
    };
    const row = await enqueue('lead.progress', { leadId: 'lead-5' }, s.partner, 'msg-the-offer');
    expect(await settled(row.messageId)).toMatchObject({ status: 'delivered' });
    expect(sent).toHaveLength(2);
    // Signed once: the retry is the same JWS, so a partner that stored the first answers duplicate.
    expect(sent[1]).toBe(sent[0]);
    const payload = JSON.parse(Buffer.from(sent[0]!.split('.')[1]!, 'base64url').toString());
    expect(payload).toMatchObject({
      id: row.messageId,
      kind: 'lead.progress',
      from: s.sender.url,
      to: s.partner.nodeId,
      ref: 'msg-the-offer',
      body: { leadId: 'lead-5' },
    });
  });

  it('retries a 200 that answers no message, and a partner that cannot be reached, logging each', async () => {
    s.peer.answer = () => ({ status: 200, body: { results: [] } });
    const row = await enqueue('lead.decline', { leadId: 'lead-6' });
    const failed = await eventually(async () => {
      const r = await outboxRow(s.sender, row.messageId);
      return r.lastErrorCode ? r : null;
    });
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastErrorCode: 'bad_answer' });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 1_000);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        msg: 'delivery failed; will retry',
        to: s.partner.nodeId,
        code: 'bad_answer',
        messages: 1,
      }),
    );

    await s.peer.close();
    const unreachable = await eventually(async () => {
      const r = await outboxRow(s.sender, row.messageId);
      return r.attempts >= 2 ? r : null;
    }, 10_000);
    expect(unreachable.status).toBe('pending');
    expect(unreachable.lastErrorCode).not.toBe('bad_answer');
    s.peer = await startScriptedPartner();
  });

  it('counts each failed attempt as retried, and a delivery once', async () => {
    let failures = 1;
    s.peer.answer = (received) => (failures-- > 0 ? { status: 503 } : s.peer.acceptAll(received));
    const before = await outCount('lead.accept', 'retried');
    const row = await enqueue('lead.accept', { leadId: 'lead-9' });
    await eventually(async () => (await outboxRow(s.sender, row.messageId)).attempts >= 1);
    expect(await outCount('lead.accept', 'retried')).toBe(before + 1);
    // The sender's own backoff after a 503 is about a second.
    expect(await settled(row.messageId)).toMatchObject({ status: 'delivered' });
    expect(await outCount('lead.accept', 'delivered')).toBe(1);
  });
});
