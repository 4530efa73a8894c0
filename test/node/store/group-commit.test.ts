/**
 * Group commit in the SQLite store: units of work that wait together share one transaction, each
 * in its own savepoint. To every caller this must look like the serial execution it replaces.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../node/store/store.ts';

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

  it('refuses work after close', async () => {
    const other = createSqliteStore(join(dir, 'other.sqlite'));
    await other.close();
    await expect(other.read(async () => 1)).rejects.toThrow('store is closed');
  });
});
