/**
 * The outbox worker's promises about its leases, against a scripted partner over real HTTP: a
 * batch in flight is sent once, however often the worker is woken while its answer is awaited;
 * the batches a previous process of the node left in flight go out at once when the node starts,
 * not when their leases run out; and a partner's queue longer than one batch drains without
 * waiting for a poll between batches.
 */
import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../node/store/types.ts';
import { nodeWrite } from '../../support/node-database.ts';
import { useScriptedSender } from '../../support/scripted-sender.ts';
import { eventually } from '../../support/test-node.ts';
import { enqueueUpdates, outboxRow } from '../../faults/support/partners.ts';

describe('outbox › worker', () => {
  const s = useScriptedSender();

  function delivered(messageId: string, timeoutMs = 8_000): Promise<OutboundMessage> {
    return eventually(async () => {
      const row = await outboxRow(s.sender, messageId);
      return row.status === 'delivered' ? row : null;
    }, timeoutMs);
  }

  it('sends a batch in flight once, however often the worker is woken while it waits', async () => {
    let answered = false;
    s.peer.answer = async (received) => {
      // A partner slow to answer: the worker runs rounds meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      answered = true;
      return s.peer.acceptAll(received);
    };
    const [row] = await enqueueUpdates(s.sender, s.partner, ['slow']);
    await eventually(async () => s.peer.requests.length === 1);
    while (!answered) {
      s.sender.deps.notifyOutbox();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await delivered(row!.messageId);
    expect(s.peer.requests).toEqual([[row!.messageId]]);
  });

  it('takes back at start what a previous process left in flight, without waiting for its lease', async () => {
    // Refused for an hour, then the node stops; in the store the row looks as a killed process
    // leaves it: in flight, leased for another hour, due.
    s.peer.answer = () => ({ status: 503, headers: { 'retry-after': '3600' } });
    const [row] = await enqueueUpdates(s.sender, s.partner, ['left in flight']);
    await eventually(async () => (await outboxRow(s.sender, row!.messageId)).attempts === 1);
    await s.sender.stop();
    await nodeWrite(
      s.sender,
      `UPDATE outbound_messages SET status = 'in_flight', lease_until = ?, next_attempt_at = 0
       WHERE message_id = ?`,
      [Date.now() + 3600_000, row!.messageId],
    );
    s.peer.answer = (received) => s.peer.acceptAll(received);
    await s.sender.start();
    await delivered(row!.messageId, 5_000);
    expect(s.peer.requests.flat().filter((id) => id === row!.messageId)).toHaveLength(2);
  });

  it('drains a queue longer than a batch one batch after the other', async () => {
    s.partner = await s.peer.pinOn(s.sender, { maxBatch: 2 });
    const rows = await enqueueUpdates(
      s.sender,
      s.partner,
      Array.from({ length: 10 }, (_, i) => `queued ${i}`),
    );
    await Promise.all(rows.map((r) => delivered(r.messageId)));
    // In order, two at a time.
    expect(s.peer.requests).toEqual(
      Array.from({ length: 5 }, (_, i) => [rows[2 * i]!.messageId, rows[2 * i + 1]!.messageId]),
    );
  });
});
