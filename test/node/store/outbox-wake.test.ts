/**
 * Waking a partner's waiting deliveries when it shows it is up: only what waits after failing to
 * reach it moves; a wait the partner asked for (503, 429) stays. And the inbox wakes a partner at
 * most once per interval.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPartnerWakeups } from '../../../node/inbox/partner-wakeups.ts';
import type { Store } from '../../../node/store/store.ts';
import { saveTestPartner } from '../../support/partner-row.ts';
import { STORE_KINDS } from '../../support/store-factories.ts';
import { dropTestDatabases } from '../../support/test-database.ts';

let store: Store;
afterAll(dropTestDatabases);

async function addPartner(nodeId: string): Promise<number> {
  return (await saveTestPartner(store, nodeId, { name: nodeId })).id;
}

/** Messages to each partner, claimed, then each failed once with its code: waiting until `until`. */
async function failed(
  messages: Array<{ partnerId: number; nodeId: string; code: string }>,
  until: Date,
): Promise<string[]> {
  const rows = await store.transact((tx) =>
    tx.outbox.enqueue(
      messages.map((m, i) => ({
        messageId: `m-${i}`,
        partnerId: m.partnerId,
        toNodeId: m.nodeId,
        kind: 'partner.update',
        body: {},
      })),
      new Date(0),
    ),
  );
  await store.transact((tx) =>
    tx.outbox.claimDue({
      now: new Date(1),
      leaseUntil: until,
      maxPartners: 10,
      probeBatch: 1,
    }),
  );
  for (const [i, row] of rows.entries()) {
    await store.transact((tx) =>
      tx.outbox.reschedule([row.seq], {
        nextAttemptAt: until,
        code: messages[i]!.code,
        detail: 'failed',
        countAttempt: true,
      }),
    );
  }
  return rows.map((r) => r.messageId);
}

describe.each(STORE_KINDS)('outbox › wake a partner that is up ($name)', (kind) => {
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await kind.open());
  });
  afterEach(() => dispose());

  it.runIf(kind.available())(
    'makes due now only the messages that could not reach that partner',
    async () => {
      const now = new Date('2026-11-27T12:00:00Z');
      const later = new Date(now.getTime() + 3600_000);
      const a = await addPartner('https://a.example');
      const b = await addPartner('https://b.example');
      const [network, timeout, busy, other] = await failed(
        [
          { partnerId: a, nodeId: 'https://a.example', code: 'network' },
          { partnerId: a, nodeId: 'https://a.example', code: 'timeout' },
          { partnerId: a, nodeId: 'https://a.example', code: 'http_503' },
          { partnerId: b, nodeId: 'https://b.example', code: 'network' },
        ],
        later,
      );
      const due = async (id: string | undefined) =>
        (await store.read((tx) => tx.outbox.get(id!)))!.nextAttemptAt.getTime();
      // Each was claimed and failed: all wait.
      for (const id of [network, timeout, busy, other]) expect(await due(id)).toBe(later.getTime());

      expect(await store.transact((tx) => tx.outbox.wakeUnreachable([a], now))).toBe(2);
      expect(await due(network)).toBe(now.getTime());
      expect(await due(timeout)).toBe(now.getTime());
      expect(await due(busy)).toBe(later.getTime());
      expect(await due(other)).toBe(later.getTime());
      // Already due: nothing to change.
      expect(await store.transact((tx) => tx.outbox.wakeUnreachable([a], now))).toBe(0);
    },
  );
});

describe('outbox › partner wakeups', () => {
  it('wakes each partner at most once per interval', () => {
    const wakeups = createPartnerWakeups(10_000);
    expect(wakeups.due([1, 2, 1], 0)).toEqual([1, 2]);
    expect(wakeups.due([1, 2], 9_999)).toEqual([]);
    expect(wakeups.due([1, 3], 10_000)).toEqual([1, 3]);
    expect(wakeups.due([2], 12_000)).toEqual([2]);
    // A clock set back does not silence a partner for the time it went back.
    expect(wakeups.due([1], 5_000)).toEqual([1]);
  });
});
