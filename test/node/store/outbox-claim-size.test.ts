/**
 * A claim takes only the messages that fit one request (issue 21, the 100,000-line price list):
 * a version's 46 parts of a quarter MiB each used to be claimed, read and parsed whole, then all
 * but four put back, claim after claim.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../node/store/sqlite/sqlite-store.ts';
import { fitRequest } from '../../../node/store/outbox-request-size.ts';
import type { Store } from '../../../node/store/store.ts';
import { saveTestPartner } from '../../support/partner-row.ts';

const MIB = 1 << 20;
let dir: string | undefined;
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('store › outbox claim by size', () => {
  it('claims the queue head up to one request of the partner’s maxBodyBytes; the rest wait', async () => {
    dir = await mkdtemp(join(tmpdir(), 'claim-size-'));
    store = createSqliteStore(join(dir, 'db.sqlite'));
    const partner = await saveTestPartner(store, 'https://partner.example');
    const part = 'x'.repeat(200 * 1024);
    await store.transact((tx) =>
      tx.outbox.enqueue(
        Array.from({ length: 10 }, (_, i) => ({
          messageId: `part-${i}`,
          partnerId: partner.id,
          toNodeId: partner.nodeId,
          kind: 'partner.update',
          body: { name: part },
        })),
        new Date(0),
      ),
    );
    const claim = () =>
      store!.transact((tx) =>
        tx.outbox.claimDue({
          now: new Date(1000),
          leaseUntil: new Date(60_000),
          maxPartners: 10,
          probeBatch: 1,
        }),
      );
    const [batch] = await claim();
    // 200 KiB bodies are some 270 KiB signed: three fit a MiB, a fourth would not.
    expect(batch!.messages.map((m) => m.messageId)).toEqual(['part-0', 'part-1', 'part-2']);
    // Cut by size, not by count: the queue holds more behind it.
    expect(batch!.more).toBe(true);
    const pending = await store.read((tx) => tx.outbox.list({ status: 'pending' }, { limit: 20 }));
    expect(pending.map((m) => m.messageId)).toEqual(
      Array.from({ length: 7 }, (_, i) => `part-${i + 3}`),
    );
  });

  it('counts signed messages by their JWS and always takes the head', () => {
    expect(
      fitRequest(
        [
          { seq: 1, bodyBytes: 10, jwsBytes: MIB - 100 },
          { seq: 2, bodyBytes: 10, jwsBytes: 200 },
        ],
        MIB,
      ),
    ).toEqual([1]);
    expect(fitRequest([{ seq: 7, bodyBytes: 2 * MIB, jwsBytes: null }], MIB)).toEqual([7]);
    expect(
      fitRequest(
        Array.from({ length: 100 }, (_, i) => ({ seq: i, bodyBytes: 800, jwsBytes: null })),
        MIB,
      ),
    ).toHaveLength(100);
  });
});
