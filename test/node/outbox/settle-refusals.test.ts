/**
 * What a partner's refusal leaves on a real SQLite store (settle-refusals.ts): the refusal with its
 * record and bounded reason, the staff member whose change queued the message when an audit row
 * names it within the window around the message's creation (a minute before, ten minutes after),
 * and no person for a change nobody on the staff made; an accepted message about the record
 * clears that partner's refusal of it and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMessageId, type MessageKind } from '../../../protocol/index.ts';
import { clearRefusals, recordRefusal } from '../../../node/outbox/settle-refusals.ts';
import { appendAudit } from '../../../node/staff/audit-chain.ts';
import type { Store } from '../../../node/store/store.ts';
import type { OutboundMessage, Partner } from '../../../node/store/types.ts';
import { saveTestPartner } from '../../support/partner-row.ts';
import { STORE_KINDS } from '../../support/store-factories.ts';

const MINUTE = 60_000;

describe('outbox › settle-refusals', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let partner: Partner;
  let other: Partner;

  beforeAll(async () => {
    ({ store, dispose } = await STORE_KINDS[0]!.open());
    partner = await saveTestPartner(store, 'https://partner.example');
    other = await saveTestPartner(store, 'https://other.example');
  });

  afterAll(() => dispose());

  async function queued(kind: MessageKind, body: unknown, to = partner): Promise<OutboundMessage> {
    const [row] = await store.transact((tx) =>
      tx.outbox.enqueue(
        [
          {
            messageId: newMessageId(),
            partnerId: to.id,
            toNodeId: to.nodeId,
            kind,
            body,
            ref: null,
          },
        ],
        new Date(),
      ),
    );
    return row!;
  }

  /** The audit row of a change that queued `messageIds`, written at `at`. */
  function audited(
    messageIds: string[],
    at: Date,
    who: { staffId: string | null; email: string | null },
  ) {
    return store.transact((tx) =>
      appendAudit(tx, {
        at,
        actorKind: who.staffId ? 'api-token' : 'admin-token',
        ...who,
        tokenId: null,
        address: '127.0.0.1',
        operation: 'POST /api/deals',
        record: null,
        outcome: 'ok',
        messageIds,
        detail: {},
      }),
    );
  }

  async function refuse(row: OutboundMessage, reason = 'no') {
    await store.transact((tx) =>
      recordRefusal(tx, row, { code: 'conflict', reason }, new Date(row.createdAt.getTime() + 1)),
    );
    const all = await store.read((tx) => tx.refusals.list({}, 1_000));
    return all.find((r) => r.messageId === row.messageId)!;
  }

  it('keeps the refusal with its record, partner, kind and code, the reason cut at 500 characters', async () => {
    const row = await queued('deal.register', { deal: { id: 'deal-1' } });
    expect(await refuse(row, 'é'.repeat(501))).toMatchObject({
      partnerId: partner.id,
      messageId: row.messageId,
      kind: 'deal.register',
      recordKind: 'deal',
      recordId: 'deal-1',
      code: 'conflict',
      reason: 'é'.repeat(500),
      at: new Date(row.createdAt.getTime() + 1),
      sentBy: null,
      sentByEmail: null,
      clearedAt: null,
    });
    const none = await queued('partner.update', { name: 'x' });
    expect(await refuse(none)).toMatchObject({ recordKind: null, recordId: null });
  });

  it('names the staff member whose change queued the message, within a minute before and ten after', async () => {
    const sam = { staffId: 'staff-sam', email: 'sam@example.com' };
    for (const [offsetMs, named] of [
      [-MINUTE, true],
      [-MINUTE - 1, false],
      [10 * MINUTE, true],
      [10 * MINUTE + 1, false],
      [0, true],
    ] as const) {
      const row = await queued('deal.register', { deal: { id: `deal-${offsetMs}` } });
      await audited([row.messageId], new Date(row.createdAt.getTime() + offsetMs), sam);
      const refusal = await refuse(row);
      expect([refusal.sentBy, refusal.sentByEmail], String(offsetMs)).toEqual(
        named ? [sam.staffId, sam.email] : [null, null],
      );
    }
    // A row about other messages names nobody.
    const row = await queued('deal.register', { deal: { id: 'deal-elsewhere' } });
    await audited([newMessageId()], row.createdAt, sam);
    expect(await refuse(row)).toMatchObject({ sentBy: null, sentByEmail: null });
  });

  it('names no person for a change nobody on the staff made, whatever e-mail its row has', async () => {
    const row = await queued('deal.register', { deal: { id: 'deal-ops' } });
    await audited([row.messageId], row.createdAt, { staffId: null, email: 'ops@example.com' });
    expect(await refuse(row)).toMatchObject({ sentBy: null, sentByEmail: null });
  });

  it('clears a partner’s refusal of a record when a later message about it is accepted, and only that', async () => {
    const refused = await queued('order.place', { order: { id: 'order-1' } });
    const otherRecord = await queued('order.place', { order: { id: 'order-2' } });
    const otherPartner = await queued('order.place', { order: { id: 'order-1' } }, other);
    for (const row of [refused, otherRecord, otherPartner]) await refuse(row);

    const at = new Date();
    const accepted = [
      await queued('order.status', { orderId: 'order-1', status: 'shipped' }),
      await queued('partner.update', { name: 'about no record' }),
    ];
    await store.transact((tx) => clearRefusals(tx, accepted, at));
    const cleared = async (row: OutboundMessage) =>
      (await store.read((tx) => tx.refusals.list({}, 1_000))).find(
        (r) => r.messageId === row.messageId,
      )!.clearedAt;
    expect(await cleared(refused)).toEqual(at);
    expect(await cleared(otherRecord)).toBeNull();
    expect(await cleared(otherPartner)).toBeNull();
  });
});
