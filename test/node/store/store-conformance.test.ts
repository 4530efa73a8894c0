/**
 * The storage boundary's contract, one suite run against every implementation (SQLite and
 * PostgreSQL, see store-factories.ts): units commit whole or not at all, savepoints undo only
 * their own writes, partners round-trip, an invitation is used once, the inbox keeps one copy of
 * a message, and the outbox delivers each partner's queue in order, one batch at a time.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../node/store/store.ts';
import { saveTestPartner } from '../../support/partner-row.ts';
import { STORE_KINDS } from '../../support/store-factories.ts';
import { dropTestDatabases } from '../../support/test-database.ts';

afterAll(dropTestDatabases);

const T0 = new Date('2026-12-07T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(STORE_KINDS)('store › conformance ($name)', (kind) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    if (!kind.available()) return;
    ({ store, dispose } = await kind.open());
  });
  afterEach(async () => {
    if (kind.available()) await dispose();
  });
  const test = it.runIf(kind.available());

  test('commits a unit whole or not at all, and a savepoint undoes only its own writes', async () => {
    await expect(
      store.transact(async (tx) => {
        await tx.adminTokens.create('a'.repeat(64), 'lost', T0);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await store.read((tx) => tx.adminTokens.isValid('a'.repeat(64)))).toBe(false);

    await store.transact(async (tx) => {
      await tx.adminTokens.create('b'.repeat(64), 'kept', T0);
      await expect(
        tx.nested(async () => {
          await tx.adminTokens.create('c'.repeat(64), 'undone', T0);
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
    });
    expect(await store.read((tx) => tx.adminTokens.isValid('b'.repeat(64)))).toBe(true);
    expect(await store.read((tx) => tx.adminTokens.isValid('c'.repeat(64)))).toBe(false);
    expect(await store.ping()).toBe(true);
  });

  test('keeps partners as given and finds them by node id, from memory or not', async () => {
    const saved = await saveTestPartner(store, 'https://p.example', { name: 'P GmbH' });
    const read = await store.read((tx) => tx.partners.getByNodeId('https://p.example'));
    expect(read).toEqual(saved);
    expect(await store.partnerByNodeId('https://p.example')).toEqual(saved);
    expect(await store.partnerByNodeId('https://nobody.example')).toBeNull();
    await store.transact((tx) => tx.partners.setStatus(saved.id, 'suspended', at(1)));
    expect((await store.partnerByNodeId('https://p.example'))?.status).toBe('suspended');
    expect(
      await store.transact((tx) =>
        tx.partners.updateDeclaredProfile(saved.id, { name: 'New' }, at(5)),
      ),
    ).toBe(true);
    // An older self-description does not overwrite a newer one.
    expect(
      await store.transact((tx) =>
        tx.partners.updateDeclaredProfile(saved.id, { name: 'Old' }, at(4)),
      ),
    ).toBe(false);
    expect((await store.read((tx) => tx.partners.getById(saved.id)))?.declaredProfile).toEqual({
      name: 'New',
    });
  });

  test('a unit reads a partner as its own writes left it, and as it was after a savepoint undid them', async () => {
    const saved = await saveTestPartner(store, 'https://p.example', { name: 'P GmbH' });
    const kept = await store.transact(async (tx) => {
      expect((await tx.partners.getById(saved.id))?.declaredProfile).toBeNull();
      await tx.partners.updateDeclaredProfile(saved.id, { name: 'First' }, at(1));
      expect((await tx.partners.getById(saved.id))?.declaredProfile).toEqual({ name: 'First' });
      await tx.partners.setStatus(saved.id, 'suspended', at(2));
      expect((await tx.partners.getById(saved.id))?.status).toBe('suspended');
      await expect(
        tx.nested(async () => {
          await tx.partners.updateDeclaredProfile(saved.id, { name: 'Undone' }, at(3));
          await tx.partners.updateProfile(saved.id, { name: 'Undone GmbH' }, at(3));
          expect((await tx.partners.getById(saved.id))?.name).toBe('Undone GmbH');
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      const after = await tx.partners.getById(saved.id);
      expect(after?.declaredProfile).toEqual({ name: 'First' });
      expect(after?.name).toBe('P GmbH');
      await tx.partners.updateDeclaredProfile(saved.id, { name: 'Second' }, at(4));
      return tx.partners.getById(saved.id);
    });
    // What the unit read after its last write is what it committed.
    const stored = await store.read((tx) => tx.partners.getById(saved.id));
    expect(stored).toMatchObject({ status: 'suspended', declaredProfile: { name: 'Second' } });
    expect(kept).toEqual(stored);
  });

  test('uses an invitation once', async () => {
    await store.transact((tx) =>
      tx.invitations.create({
        id: 'inv-1',
        tokenHash: 'h'.repeat(64),
        profile: {
          name: 'R',
          partnerType: 'reseller',
          relationship: 'strategic',
          allowedKinds: [],
        },
        createdAt: T0,
        expiresAt: at(3600),
      }),
    );
    expect(await store.transact((tx) => tx.invitations.consume('inv-1', 'https://r', at(1)))).toBe(
      true,
    );
    expect(await store.transact((tx) => tx.invitations.consume('inv-1', 'https://s', at(2)))).toBe(
      false,
    );
    expect((await store.read((tx) => tx.invitations.getById('inv-1')))?.usedByNodeId).toBe(
      'https://r',
    );
  });

  test('keeps one copy of a received message', async () => {
    const partner = await saveTestPartner(store, 'https://p.example');
    const message = {
      fromNodeId: partner.nodeId,
      messageId: 'm-1',
      partnerId: partner.id,
      kind: 'partner.update',
      ref: null,
      jws: 'jws',
      digest: 'sha-256=x',
      sentAt: T0,
      receivedAt: at(1),
      receipt: 'receipt',
    };
    await store.transact((tx) => tx.inbox.insert(message));
    await expect(store.transact((tx) => tx.inbox.insert(message))).rejects.toThrow();
    const found = await store.read((tx) => tx.inbox.find(partner.nodeId, 'm-1'));
    expect(found).toMatchObject({ ...message, seq: expect.any(Number) });
    expect(await store.read((tx) => tx.inbox.storedBytes(partner.id))).toEqual({
      bytes: 3,
      lastSeq: found!.seq,
    });

    // A write that fails fails its unit with its own error, whatever the unit did after it
    // (PostgreSQL sends it without waiting: store/postgres/write-pipeline.ts), and nothing of
    // the unit is kept.
    const unique = /unique|duplicate key/i;
    await expect(
      store.transact(async (tx) => {
        await tx.adminTokens.create('d'.repeat(64), 'lost', T0);
        await tx.inbox.insert(message);
        await tx.outbox.markDelivered(1, { resultStatus: 'accepted', receipt: 'r', at: T0 });
      }),
    ).rejects.toThrow(unique);
    expect(await store.read((tx) => tx.adminTokens.isValid('d'.repeat(64)))).toBe(false);
    expect(await store.read((tx) => tx.inbox.find(partner.nodeId, 'm-1'))).toMatchObject({
      receipt: 'receipt',
    });
  });

  test('counts the bytes a partner stored after a seq (storage quota)', async () => {
    const p = await saveTestPartner(store, 'https://p.example');
    const q = await saveTestPartner(store, 'https://q.example');
    const receive = (partnerId: number, fromNodeId: string, messageId: string, jws: string) =>
      store.transact((tx) =>
        tx.inbox.insert({
          fromNodeId,
          messageId,
          partnerId,
          kind: 'partner.update',
          ref: null,
          jws,
          digest: 'sha-256=x',
          sentAt: T0,
          receivedAt: at(1),
          receipt: 'receipt',
        }),
      );
    const stored = (partnerId: number, after?: number) =>
      store.read((tx) => tx.inbox.storedBytes(partnerId, after));
    expect(await stored(p.id)).toEqual({ bytes: 0, lastSeq: 0 });
    await receive(p.id, p.nodeId, 'm-1', 'abc');
    // Bytes, not characters.
    await receive(p.id, p.nodeId, 'm-2', 'é');
    await receive(q.id, q.nodeId, 'm-3', 'other');
    const first = await stored(p.id);
    expect(first.bytes).toBe(5);
    expect(await stored(p.id, first.lastSeq)).toEqual({ bytes: 0, lastSeq: first.lastSeq });
    await receive(p.id, p.nodeId, 'm-4', 'wxyz');
    const since = await stored(p.id, first.lastSeq);
    expect(since.bytes).toBe(4);
    expect(since.lastSeq).toBeGreaterThan(first.lastSeq);
    expect((await stored(p.id)).bytes).toBe(9);
    // The same outside a unit.
    expect(await store.partnerStoredBytes(p.id, first.lastSeq)).toEqual(since);
    expect(await store.partnerStoredBytes(p.id, since.lastSeq)).toEqual({
      bytes: 0,
      lastSeq: since.lastSeq,
    });
    expect(await store.partnerStoredBytes(q.id, 0)).toMatchObject({ bytes: 5 });
  });

  test('says whether a claimed batch left more of its partner’s queue behind', async () => {
    const p = await saveTestPartner(store, 'https://p.example', { maxBatch: 2 });
    const enqueue = (ids: string[]) =>
      store.transact((tx) =>
        tx.outbox.enqueue(
          ids.map((messageId) => ({
            messageId,
            partnerId: p.id,
            toNodeId: p.nodeId,
            kind: 'partner.update' as const,
            body: { messageId },
          })),
          T0,
        ),
      );
    const claim = (seconds: number) =>
      store.transact((tx) =>
        tx.outbox.claimDue({
          now: at(seconds),
          leaseUntil: at(seconds + 60),
          maxPartners: 10,
          probeBatch: 1,
          settling: [p.id],
        }),
      );
    const settle = (batch: { messages: Array<{ seq: number }> }, seconds: number) =>
      store.transact(async (tx) => {
        for (const m of batch.messages) {
          await tx.outbox.markDelivered(m.seq, {
            resultStatus: 'accepted',
            receipt: 'r',
            at: at(seconds),
          });
        }
      });

    await enqueue(['m-0', 'm-1', 'm-2']);
    const [full] = await claim(1);
    expect(full!.messages.map((m) => m.messageId)).toEqual(['m-0', 'm-1']);
    expect(full!.more).toBe(true);
    const [rest] = await claim(2);
    expect(rest!.messages.map((m) => m.messageId)).toEqual(['m-2']);
    expect(rest!.more).toBe(false);
    await settle(full!, 3);
    await settle(rest!, 3);

    // Exactly a batch's worth queued: nothing is left behind it.
    await enqueue(['m-3', 'm-4']);
    const [exact] = await claim(4);
    expect(exact!.messages.map((m) => m.messageId)).toEqual(['m-3', 'm-4']);
    expect(exact!.more).toBe(false);
  });

  test('delivers each queue in order, one batch in flight per partner', async () => {
    const p = await saveTestPartner(store, 'https://p.example');
    const q = await saveTestPartner(store, 'https://q.example');
    const drafts = [p, q, p, p].map((partner, i) => ({
      messageId: `m-${i}`,
      partnerId: partner.id,
      toNodeId: partner.nodeId,
      kind: 'partner.update' as const,
      body: { i },
    }));
    const rows = await store.transact((tx) => tx.outbox.enqueue(drafts, T0));
    expect(rows.map((r) => r.messageId)).toEqual(['m-0', 'm-1', 'm-2', 'm-3']);
    expect(await store.read((tx) => tx.outbox.nextDueAt())).toEqual(T0);

    const claim = () =>
      store.transact((tx) =>
        tx.outbox.claimDue({ now: at(1), leaseUntil: at(60), maxPartners: 10, probeBatch: 1 }),
      );
    const first = await claim();
    const byPartner = new Map(first.map((b) => [b.partner.id, b.messages.map((m) => m.messageId)]));
    expect(byPartner.get(p.id)).toEqual(['m-0', 'm-2', 'm-3']);
    expect(byPartner.get(q.id)).toEqual(['m-1']);
    // Nothing more while those are in flight.
    expect(await claim()).toEqual([]);

    // m-0 delivered; the rest of p's batch fails and waits; q's is refused for good.
    await store.transact(async (tx) => {
      await tx.outbox.markDelivered(rows[0]!.seq, {
        resultStatus: 'accepted',
        receipt: 'r0',
        at: at(2),
      });
      await tx.outbox.reschedule([rows[2]!.seq, rows[3]!.seq], {
        nextAttemptAt: at(30),
        code: 'network',
        detail: 'down',
        countAttempt: true,
      });
      await tx.outbox.markDead(rows[1]!.seq, {
        code: 'rejected',
        detail: 'no',
        at: at(2),
        rejected: true,
      });
    });
    expect(await claim()).toEqual([]);
    expect(await store.read((tx) => tx.outbox.nextDueAt())).toEqual(at(30));
    const later = await store.transact((tx) =>
      tx.outbox.claimDue({ now: at(31), leaseUntil: at(90), maxPartners: 10, probeBatch: 1 }),
    );
    // A queue that failed is probed with one message, its head.
    expect(later.map((b) => b.messages.map((m) => m.messageId))).toEqual([['m-2']]);

    expect(await store.transact((tx) => tx.outbox.retryDead({ partnerId: q.id }, at(40)))).toBe(1);
    const counts = await store.read((tx) => tx.outbox.counts());
    const count = (partnerId: number, status: string) =>
      counts.find((c) => c.partnerId === partnerId && c.status === status)?.count ?? 0;
    expect([count(p.id, 'delivered'), count(p.id, 'in_flight'), count(p.id, 'pending')]).toEqual([
      1, 1, 1,
    ]);
    expect(count(q.id, 'pending')).toBe(1);
    expect((await store.read((tx) => tx.outbox.get('m-0')))?.receipt).toBe('r0');
  });
});
