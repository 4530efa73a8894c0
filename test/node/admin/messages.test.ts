import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Partner } from '../../../node/store/types.ts';
import { createAdminFixture, type AdminFixture } from './admin-fixture.ts';

describe('admin api › messages', () => {
  let fx: AdminFixture;
  let partner: Partner;
  beforeEach(async () => {
    fx = await createAdminFixture();
    partner = await fx.addPartner();
  });
  afterEach(() => fx.close());

  /** Stores received messages; those with the same `at` came in one batch. */
  async function receive(messages: Array<{ id: string; at: number; kind?: string }>) {
    await fx.deps.store.transact(async (tx) => {
      for (const m of messages) {
        await tx.inbox.insert({
          fromNodeId: partner.nodeId,
          messageId: m.id,
          partnerId: partner.id,
          kind: m.kind ?? 'partner.update',
          ref: null,
          jws: `jws-of-${m.id}`,
          digest: `sha-256=${m.id}`,
          sentAt: new Date(m.at),
          receivedAt: new Date(m.at),
          receipt: `receipt-of-${m.id}`,
        });
      }
    });
  }

  async function readAllIn(limit: number, query = '') {
    const ids: string[] = [];
    let after: number | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const cursor: string = after === null ? '' : `&after=${after}`;
      const res = await fx.api(`/messages/in?limit=${limit}${query}${cursor}`);
      expect(res.status).toBe(200);
      ids.push(...res.body.messages.map((m: { messageId: string }) => m.messageId));
      after = res.body.nextCursor;
      if (after === null) return ids;
    }
    throw new Error('paging did not end');
  }

  it('lists received messages newest first, without their JWS or receipt', async () => {
    await receive([
      { id: 'm1', at: 1_000 },
      { id: 'm2', at: 2_000, kind: 'partner.disconnect' },
    ]);
    const res = await fx.api('/messages/in');
    expect(res.body.messages.map((m: { messageId: string }) => m.messageId)).toEqual(['m2', 'm1']);
    expect(res.body.messages[0]).toEqual({
      seq: 2,
      messageId: 'm2',
      fromNodeId: partner.nodeId,
      partnerId: partner.id,
      kind: 'partner.disconnect',
      ref: null,
      digest: 'sha-256=m2',
      sentAt: new Date(2_000).toISOString(),
      receivedAt: new Date(2_000).toISOString(),
    });
    expect(res.body.nextCursor).toBeNull();
    const kind = await fx.api(`/messages/in?kind=partner.update&partner=${partner.id}`);
    expect(kind.body.messages.map((m: { messageId: string }) => m.messageId)).toEqual(['m1']);
  });

  it('pages through received messages without losing a batch split by the page end', async () => {
    // Batches of 1, 3 and 5 messages, each batch sharing one receivedAt.
    const batches = [1, 3, 5].flatMap((size, b) =>
      Array.from({ length: size }, (_, i) => ({ id: `b${b}-${i}`, at: (b + 1) * 1_000 })),
    );
    await receive(batches);
    for (const limit of [1, 2, 3, 4, 10]) {
      const ids = await readAllIn(limit);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(batches.map((m) => m.id).sort());
    }
  });

  it('lists outbound messages in queue order with a seq cursor, and shows one in full', async () => {
    for (const id of ['d1', 'd2', 'd3']) await fx.addDeadLetter(partner, id);
    const first = await fx.api('/messages/out?limit=2');
    expect(first.body.messages.map((m: { messageId: string }) => m.messageId)).toEqual([
      'd1',
      'd2',
    ]);
    expect(first.body.messages[0]).not.toHaveProperty('jws');
    expect(first.body.messages[0]).not.toHaveProperty('body');
    const second = await fx.api(`/messages/out?limit=2&after=${first.body.nextCursor}`);
    expect(second.body.messages.map((m: { messageId: string }) => m.messageId)).toEqual(['d3']);
    expect(second.body.nextCursor).toBeNull();

    const detail = await fx.api('/messages/out/d1');
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      messageId: 'd1',
      status: 'dead',
      lastErrorCode: 'timeout',
      body: { name: 'Acme' },
      jws: null,
      receipt: null,
    });
    expect((await fx.api('/messages/out/nope')).status).toBe(404);
  });

  it('lists dead letters', async () => {
    await fx.addDeadLetter(partner, 'dead-1');
    await fx.api('/profile', { body: { name: 'Acme' } }); // a pending one
    const res = await fx.api(`/dead-letters?partner=${encodeURIComponent(partner.nodeId)}`);
    expect(res.status).toBe(200);
    expect(res.body.messages.map((m: { messageId: string }) => m.messageId)).toEqual(['dead-1']);
    expect((await fx.api('/dead-letters?status=pending')).status).toBe(400);
  });

  it('retries dead letters by id and by partner', async () => {
    await fx.addDeadLetter(partner, 'dead-1');
    await fx.addDeadLetter(partner, 'dead-2');
    const byId = await fx.api('/dead-letters/retry', { body: { ids: ['dead-1', 'unknown'] } });
    expect(byId.body).toEqual({ retried: 1 });
    const byPartner = await fx.api('/dead-letters/retry', { body: { partner: partner.id } });
    expect(byPartner.body).toEqual({ retried: 1 });
    expect((await fx.api('/dead-letters')).body.messages).toEqual([]);
    const retried = (await fx.api('/messages/out/dead-1')).body;
    expect(retried).toMatchObject({ status: 'pending', attempts: 0, deadAt: null });
  });

  it.each([
    [{}, 'ids'],
    [{ ids: [] }, 'ids'],
    [{ ids: 'dead-1' }, 'ids'],
    [{ ids: [1] }, 'ids'],
    [{ partner: 'https://nobody.example' }, 'partner'],
    [{ partner: -1 }, 'partner'],
    [{ ids: ['dead-1'], all: true }, 'all'],
  ])('refuses a bad retry %# naming the field, retrying nothing', async (body, field) => {
    await fx.addDeadLetter(partner, 'dead-1');
    const res = await fx.api('/dead-letters/retry', { body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field });
    expect((await fx.api('/dead-letters')).body.messages).toHaveLength(1);
  });

  it('keeps dead letters to a removed partner dead', async () => {
    await fx.addDeadLetter(partner, 'dead-1');
    await fx.api(`/partners/${partner.id}`, { method: 'DELETE' });
    for (const body of [{ ids: ['dead-1'] }, { partner: partner.id }]) {
      const res = await fx.api('/dead-letters/retry', { body });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('partner_removed');
    }
    expect((await fx.api('/messages/out/dead-1')).body.status).toBe('dead');
  });
});
