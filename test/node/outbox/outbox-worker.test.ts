/**
 * The outbox worker's promises about its leases, against a scripted partner over real HTTP: a
 * batch in flight is sent once, however often the worker is woken while its answer is awaited;
 * the batches a previous process of the node left in flight go out at once when the node starts,
 * not when their leases run out; and a partner's queue longer than one batch drains without
 * waiting for a poll between batches.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMessage, Partner } from '../../../node/store/types.ts';
import { nodeWrite } from '../../support/node-database.ts';
import { startScriptedPartner, type ScriptedPartner } from '../../support/scripted-partner.ts';
import {
  createTestNode,
  eventually,
  removeTestDirs,
  type TestNode,
} from '../../support/test-node.ts';
import { enqueueUpdates, outboxRow } from '../../faults/support/partners.ts';

let sender: TestNode;
let peer: ScriptedPartner;
let partner: Partner;

describe('outbox › worker', () => {
  beforeAll(async () => {
    sender = await createTestNode({ name: 'sender' });
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

  function delivered(messageId: string, timeoutMs = 8_000): Promise<OutboundMessage> {
    return eventually(async () => {
      const row = await outboxRow(sender, messageId);
      return row.status === 'delivered' ? row : null;
    }, timeoutMs);
  }

  it('sends a batch in flight once, however often the worker is woken while it waits', async () => {
    let answered = false;
    peer.answer = async (received) => {
      // A partner slow to answer: the worker runs rounds meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      answered = true;
      return peer.acceptAll(received);
    };
    const [row] = await enqueueUpdates(sender, partner, ['slow']);
    await eventually(async () => peer.requests.length === 1);
    while (!answered) {
      sender.deps.notifyOutbox();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await delivered(row!.messageId);
    expect(peer.requests).toEqual([[row!.messageId]]);
  });

  it('takes back at start what a previous process left in flight, without waiting for its lease', async () => {
    // Refused for an hour, then the node stops; in the store the row looks as a killed process
    // leaves it: in flight, leased for another hour, due.
    peer.answer = () => ({ status: 503, headers: { 'retry-after': '3600' } });
    const [row] = await enqueueUpdates(sender, partner, ['left in flight']);
    await eventually(async () => (await outboxRow(sender, row!.messageId)).attempts === 1);
    await sender.stop();
    await nodeWrite(
      sender,
      `UPDATE outbound_messages SET status = 'in_flight', lease_until = ?, next_attempt_at = 0
       WHERE message_id = ?`,
      [Date.now() + 3600_000, row!.messageId],
    );
    peer.answer = (received) => peer.acceptAll(received);
    await sender.start();
    await delivered(row!.messageId, 5_000);
    expect(peer.requests.flat().filter((id) => id === row!.messageId)).toHaveLength(2);
  });

  it('drains a queue longer than a batch one batch after the other', async () => {
    partner = await peer.pinOn(sender, { maxBatch: 2 });
    const rows = await enqueueUpdates(
      sender,
      partner,
      Array.from({ length: 10 }, (_, i) => `queued ${i}`),
    );
    await Promise.all(rows.map((r) => delivered(r.messageId)));
    // In order, two at a time.
    expect(peer.requests).toEqual(
      Array.from({ length: 5 }, (_, i) => [rows[2 * i]!.messageId, rows[2 * i + 1]!.messageId]),
    );
  });
});
