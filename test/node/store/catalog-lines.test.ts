/**
 * The SQLite catalog repo writes a version's lines many rows per statement
 * (node/store/sqlite/catalog-lines-repo.ts): every line is stored once, in key order, and a key
 * already in the version is reported whether it falls in a full statement or in the rows after.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredLine } from '../../../node/store/catalog-store.ts';
import { SELF_OWNER } from '../../../node/store/catalog-store.ts';
import { createSqliteStore } from '../../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../node/store/store.ts';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'catalog-lines-'));
  store = createSqliteStore(join(dir, 'db.sqlite'));
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const lineOf = (i: number): StoredLine => {
  const sku = `SKU-${String(i).padStart(4, '0')}`;
  return { sku, qtyKey: '0', line: JSON.stringify({ listPrice: `${i}.00`, sku }) };
};
const linesOf = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => lineOf(from + k));

async function newVersion(): Promise<number> {
  return store.transact(async (tx) => {
    const at = new Date();
    const list = await tx.catalog.insertList({
      kind: 'pricelist',
      listId: `l${Math.random()}`,
      ownerPartnerId: SELF_OWNER,
      name: 'L',
      currency: 'EUR',
      at,
    });
    const version = await tx.catalog.insertVersion({
      listRowId: list.id,
      header: {
        version: 1,
        name: 'L',
        currency: 'EUR',
        validFrom: null,
        validTo: null,
        validFromMs: null,
        validToMs: null,
        contentHash: '',
        mode: 'full',
        baseVersion: null,
        parts: 1,
      },
      status: 'applied',
      lineCount: 0,
      at,
    });
    return version.id;
  });
}

describe('sqlite catalog repo › insertLines', () => {
  it('stores every line of a version of several statements and a remainder, in key order', async () => {
    const id = await newVersion();
    const lines = linesOf(0, 1000);
    // Given out of order (an iterable, not an array): the store orders them by key.
    const shuffled = [...lines.slice(500), ...lines.slice(0, 500)];
    expect(await store.transact((tx) => tx.catalog.insertLines(id, shuffled.values()))).toBe(true);
    expect(await store.read((tx) => tx.catalog.readLines(id))).toEqual(lines);
    expect(await store.read((tx) => tx.catalog.countLines(id))).toBe(1000);
  });

  it('reports a key already in the version, in a full statement or in the remainder', async () => {
    const id = await newVersion();
    await store.transact((tx) => tx.catalog.insertLines(id, linesOf(0, 10)));
    // 200 new lines, then one repeat: the repeat is in the rows after the full statements.
    const inRemainder = [...linesOf(100, 300), lineOf(3)];
    expect(await store.transact((tx) => tx.catalog.insertLines(id, inRemainder))).toBe(false);
    // A repeat among the first rows: in a full statement.
    const inStatement = [lineOf(5), ...linesOf(400, 600)];
    expect(await store.transact((tx) => tx.catalog.insertLines(id, inStatement))).toBe(false);
    expect(await store.transact((tx) => tx.catalog.insertLines(id, linesOf(700, 900)))).toBe(true);
    // The repeated keys kept their first line; every other line was stored once.
    expect(await store.read((tx) => tx.catalog.countLines(id))).toBe(10 + 200 + 200 + 200);
    const three = await store.read((tx) => tx.catalog.linesForSku(id, 'SKU-0003'));
    expect(three).toEqual([lineOf(3)]);
  });
});
