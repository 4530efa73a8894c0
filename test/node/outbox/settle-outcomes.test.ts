/**
 * What settling a delivery leaves for the operator, against a scripted partner over real HTTP: a
 * partner's refusal is kept with the record the message was about (its reason bounded) until a
 * later message about that record is accepted; a message the node gave up on by itself (too
 * large for the partner) is dead without being anyone's refusal. Every end is counted in /metrics,
 * where operators alert on dead letters, and a dead letter is logged with its id and code.
 */
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newMessageId, type MessageKind } from '../../../protocol/index.ts';
import { createLogger } from '../../../node/logger.ts';
import type { OutboundMessage, Partner } from '../../../node/store/types.ts';
import { sample, scrapeMetrics } from '../../support/metrics-sample.ts';
import { startScriptedPartner, type ScriptedPartner } from '../../support/scripted-partner.ts';
import {
  createTestNode,
  eventually,
  removeTestDirs,
  type TestNode,
} from '../../support/test-node.ts';
import { outboxRow } from '../../faults/support/partners.ts';

let sender: TestNode;
let peer: ScriptedPartner;
let partner: Partner;
const logLines: Array<Record<string, unknown>> = [];

describe('outbox › settling a delivery', () => {
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n')) if (line) logLines.push(JSON.parse(line));
        done();
      },
    });
    sender = await createTestNode({
      name: 'sender',
      settings: { metrics: 'public' },
      log: createLogger('info', sink),
    });
  });

  afterAll(async () => {
    await sender.stop();
    await removeTestDirs();
  });

  beforeEach(async () => {
    peer = await startScriptedPartner();
    partner = await peer.pinOn(sender);
  });

  afterEach(async () => {
    await peer.close();
  });

  /** Queues one message of `kind` about whatever record `body` names, and wakes the outbox. */
  async function enqueue(
    kind: MessageKind,
    body: unknown,
    to = partner,
    ref: string | null = null,
  ): Promise<OutboundMessage> {
    const [row] = await sender.deps.store.transact((tx) =>
      tx.outbox.enqueue(
        [{ messageId: newMessageId(), partnerId: to.id, toNodeId: to.nodeId, kind, body, ref }],
        sender.deps.clock.now(),
      ),
    );
    sender.deps.notifyOutbox();
    return row!;
  }

  function settled(messageId: string): Promise<OutboundMessage> {
    return eventually(async () => {
      const row = await outboxRow(sender, messageId);
      return row.status === 'delivered' || row.status === 'dead' ? row : null;
    }, 8_000);
  }

  /** The refusal kept for a message, as the operator's list reads it from the store. */
  async function refusalOf(messageId: string) {
    const all = await sender.deps.store.read((tx) => tx.refusals.list({ unseen: false }, 1_000));
    return all.find((r) => r.messageId === messageId);
  }

  async function outCount(kind: string, status: string): Promise<number> {
    const { text } = await scrapeMetrics(sender.url);
    return sample(text, `partner_sync_messages_out_total{kind="${kind}",status="${status}"}`) ?? 0;
  }

  it('keeps a partner’s refusal with its record, reason cut at 500 characters, until a later message about the record is accepted', async () => {
    peer.answer = (received) => ({
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
      partnerId: partner.id,
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
    peer.answer = (received) => peer.acceptAll(received);
    const other = await enqueue('deal.decision', { dealId: 'deal-42', decision: 'approved' });
    expect(await settled(other.messageId)).toMatchObject({ status: 'delivered' });
    expect((await refusalOf(row.messageId))!.clearedAt).toBeNull();
    const later = await enqueue('deal.decision', { dealId: 'deal-41', decision: 'approved' });
    expect(await settled(later.messageId)).toMatchObject({ status: 'delivered' });
    expect((await refusalOf(row.messageId))!.clearedAt).not.toBeNull();
  });

  it('keeps a 4xx on a single message as the partner’s refusal of it, counted as rejected', async () => {
    peer.answer = () => ({ status: 403, body: { error: { code: 'forbidden', message: 'no' } } });
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
    await peer.close();
    peer = await startScriptedPartner();
    partner = await peer.pinOn(sender, { maxBodyBytes: 1_000 });
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

  it('sends the same bytes, with the message’s ref, on every attempt', async () => {
    const sent: string[] = [];
    peer.answer = (received) => {
      sent.push(received[0]!.jws);
      return sent.length === 1 ? { status: 503 } : peer.acceptAll(received);
    };
    const row = await enqueue('lead.progress', { leadId: 'lead-5' }, partner, 'msg-the-offer');
    expect(await settled(row.messageId)).toMatchObject({ status: 'delivered' });
    expect(sent).toHaveLength(2);
    // Signed once: the retry is the same JWS, so a partner that stored the first answers duplicate.
    expect(sent[1]).toBe(sent[0]);
    const payload = JSON.parse(Buffer.from(sent[0]!.split('.')[1]!, 'base64url').toString());
    expect(payload).toMatchObject({
      id: row.messageId,
      kind: 'lead.progress',
      from: sender.url,
      to: partner.nodeId,
      ref: 'msg-the-offer',
      body: { leadId: 'lead-5' },
    });
  });

  it('retries a 200 that answers no message, and a partner that cannot be reached, logging each', async () => {
    peer.answer = () => ({ status: 200, body: { results: [] } });
    const row = await enqueue('lead.decline', { leadId: 'lead-6' });
    const failed = await eventually(async () => {
      const r = await outboxRow(sender, row.messageId);
      return r.lastErrorCode ? r : null;
    });
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastErrorCode: 'bad_answer' });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 1_000);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        msg: 'delivery failed; will retry',
        to: partner.nodeId,
        code: 'bad_answer',
        messages: 1,
      }),
    );

    await peer.close();
    const unreachable = await eventually(async () => {
      const r = await outboxRow(sender, row.messageId);
      return r.attempts >= 2 ? r : null;
    }, 10_000);
    expect(unreachable.status).toBe('pending');
    expect(unreachable.lastErrorCode).not.toBe('bad_answer');
    peer = await startScriptedPartner();
  });

  it('counts each failed attempt as retried, and a delivery once', async () => {
    let failures = 1;
    peer.answer = (received) => (failures-- > 0 ? { status: 503 } : peer.acceptAll(received));
    const before = await outCount('lead.accept', 'retried');
    const row = await enqueue('lead.accept', { leadId: 'lead-9' });
    await eventually(async () => (await outboxRow(sender, row.messageId)).attempts >= 1);
    expect(await outCount('lead.accept', 'retried')).toBe(before + 1);
    // The sender's own backoff after a 503 is about a second.
    expect(await settled(row.messageId)).toMatchObject({ status: 'delivered' });
    expect(await outCount('lead.accept', 'delivered')).toBe(1);
  });
});
