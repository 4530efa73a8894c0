/**
 * Group commit in the SQLite store: units of work that wait together share one transaction, each
 * in its own savepoint. To every caller this must look like the serial execution it replaces.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../node/store/store.ts';
import { saveTestPartner } from '../../support/partner-row.ts';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'group-commit-'));
  store = createSqliteStore(join(dir, 'db.sqlite'));
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const token = (i: number) => `hash-${i}`;
const isValid = (i: number) => store.read((tx) => tx.adminTokens.isValid(token(i)));

describe('sqlite-store › group commit', () => {
  it('commits units that wait together, each seeing the ones before it', async () => {
    const seen: boolean[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.transact(async (tx) => {
          if (i > 0) seen.push(await tx.adminTokens.isValid(token(i - 1)));
          await tx.adminTokens.create(token(i), `t${i}`, new Date());
        }),
      ),
    );
    expect(seen).toEqual(Array(19).fill(true));
    for (let i = 0; i < 20; i++) expect(await isValid(i)).toBe(true);
  });

  it('undoes only the unit that throws; the others commit', async () => {
    const results = await Promise.allSettled(
      [0, 1, 2].map((i) =>
        store.transact(async (tx) => {
          await tx.adminTokens.create(token(i), `t${i}`, new Date());
          if (i === 1) throw new Error('refused');
          return i;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect([await isValid(0), await isValid(1), await isValid(2)]).toEqual([true, false, true]);
  });

  it('resolves a unit only once its writes are committed', async () => {
    const order: string[] = [];
    const a = store
      .transact((tx) => tx.adminTokens.create(token(1), 't', new Date()))
      .then(() => order.push('a'));
    const b = store
      .read((tx) => tx.adminTokens.isValid(token(1)))
      .then((v) => order.push(`b:${v}`));
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b:true']);
  });

  // A unit's savepoint keeps the pages it changes, to undo them if it throws. Past 64 KiB SQLite
  // spills that record to a temporary file, unless temporary storage is memory: then a group
  // writes nothing before its COMMIT (Linux tells this process's bytes written in /proc).
  it.runIf(process.platform === 'linux')(
    'writes nothing to disk before a group commits, however much a unit changes',
    async () => {
      const written = () =>
        Number(/^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1]);
      const partner = await saveTestPartner(store, 'https://partner.example');
      const queued = await store.transact((tx) =>
        tx.outbox.enqueue(
          Array.from({ length: 200 }, (_, i) => ({
            messageId: `m-${i}`,
            partnerId: partner.id,
            toNodeId: partner.nodeId,
            kind: 'partner.update',
            body: { name: 'n'.repeat(800) },
          })),
          new Date(),
        ),
      );
      const during: number[] = [];
      // Two units that wait together: each runs in a savepoint and rewrites 100 stored rows
      // (some 250 KB of pages), as the outbox does when it records a batch's signatures.
      await Promise.all(
        [queued.slice(0, 100), queued.slice(100)].map((rows) =>
          store.transact(async (tx) => {
            const before = written();
            for (const row of rows) {
              await tx.outbox.recordSigned(row.seq, 'j'.repeat(1600), 'sha-256=x', new Date());
            }
            during.push(written() - before);
          }),
        ),
      );
      // (A few bytes may be the event loop waking itself: an 8-byte eventfd write.)
      for (const bytes of during) expect(bytes).toBeLessThan(4096);
      const last = await store.read((tx) => tx.outbox.get('m-199'));
      expect(last?.jws).toBe('j'.repeat(1600));
    },
  );

  it('refuses work after close', async () => {
    const other = createSqliteStore(join(dir, 'other.sqlite'));
    await other.close();
    await expect(other.read(async () => 1)).rejects.toThrow('store is closed');
  });
});
