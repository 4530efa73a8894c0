/**
 * The store's partner lookup from memory: it must answer as a read through the queue would,
 * after a write, after a rolled-back write, and after another connection's commit.
 */
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyAsJson } from '../../../node/store/sqlite/partner-cache.ts';
import { createSqliteStore } from '../../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../node/store/store.ts';
import { saveTestPartner } from '../../support/partner-row.ts';

const NODE_ID = 'https://partner.example';
let dir: string;
let file: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'partner-cache-'));
  file = join(dir, 'db.sqlite');
  store = createSqliteStore(file);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const addPartner = () => saveTestPartner(store, NODE_ID);

describe('sqlite-store › partnerByNodeId', () => {
  it('sees a partner connect and change status, and answers a lookup again from memory', async () => {
    expect(await store.partnerByNodeId(NODE_ID)).toBeNull();
    const { id } = await addPartner();
    expect((await store.partnerByNodeId(NODE_ID))?.status).toBe('active');
    await store.transact((tx) => tx.partners.setStatus(id, 'suspended', new Date()));
    const suspended = await store.partnerByNodeId(NODE_ID);
    expect(suspended?.status).toBe('suspended');
    expect(await store.partnerByNodeId(NODE_ID)).toBe(suspended);
    // Shared by every caller, so no caller may change it.
    expect(Object.isFrozen(suspended)).toBe(true);
  });

  it('does not keep a write that was rolled back, nor one read before it committed', async () => {
    const { id } = await addPartner();
    expect((await store.partnerByNodeId(NODE_ID))?.status).toBe('active');
    const lookups: Array<Promise<unknown>> = [];
    await expect(
      store.transact(async (tx) => {
        await tx.partners.setStatus(id, 'suspended', new Date());
        lookups.push(store.partnerByNodeId(NODE_ID));
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    await Promise.all(lookups);
    expect((await store.partnerByNodeId(NODE_ID))?.status).toBe('active');
  });

  it('notices a commit by another connection', async () => {
    const { id } = await addPartner();
    expect((await store.partnerByNodeId(NODE_ID))?.status).toBe('active');
    const other = new Database(file);
    other.prepare('UPDATE partners SET status = ? WHERE id = ?').run('suspended', id);
    other.close();
    expect((await store.partnerByNodeId(NODE_ID))?.status).toBe('suspended');
  });

  it('keeps the entry through a declared-profile write, with the new profile, and not a rolled-back one', async () => {
    const { id } = await addPartner();
    const before = await store.partnerByNodeId(NODE_ID);
    const asOf = new Date();
    await store.transact((tx) => tx.partners.updateDeclaredProfile(id, { name: 'Declared' }, asOf));
    const after = await store.partnerByNodeId(NODE_ID);
    expect(after).not.toBe(before);
    expect(after?.declaredProfile).toEqual({ name: 'Declared' });
    expect(after?.profileUpdatedAt?.getTime()).toBe(asOf.getTime());
    expect(Object.isFrozen(after?.declaredProfile)).toBe(true);
    expect(after).toEqual(await store.read((tx) => tx.partners.getByNodeId(NODE_ID)));

    await expect(
      store.transact(async (tx) => {
        await tx.partners.updateDeclaredProfile(id, { name: 'Undone' }, new Date());
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect((await store.partnerByNodeId(NODE_ID))?.declaredProfile).toEqual({ name: 'Declared' });
  });

  it('answers a read by id from memory as the row reads, through a declared-profile write, a rollback and another connection', async () => {
    const { id } = await addPartner();
    const cached = await store.partnerByNodeId(NODE_ID);
    const byId = () => store.read((tx) => tx.partners.getById(id));
    expect(await byId()).toBe(cached);

    const asOf = new Date();
    const inUnit = await store.transact(async (tx) => {
      await tx.partners.updateDeclaredProfile(id, { name: 'Declared' }, asOf);
      return tx.partners.getById(id);
    });
    expect(inUnit?.declaredProfile).toEqual({ name: 'Declared' });
    expect(await byId()).toBe(await store.partnerByNodeId(NODE_ID));

    await expect(
      store.transact(async (tx) => {
        await tx.partners.updateDeclaredProfile(id, { name: 'Undone' }, new Date());
        expect((await tx.partners.getById(id))?.declaredProfile).toEqual({ name: 'Undone' });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect((await byId())?.declaredProfile).toEqual({ name: 'Declared' });

    const other = new Database(file);
    other.prepare('UPDATE partners SET name = ? WHERE id = ?').run('Renamed elsewhere', id);
    other.close();
    expect((await byId())?.name).toBe('Renamed elsewhere');
    expect(await store.read((tx) => tx.partners.getById(id + 1000))).toBeNull();
  });

  it('sees, inside a write unit, what another connection committed before the unit began', async () => {
    const { id } = await addPartner();
    const cached = await store.partnerByNodeId(NODE_ID);
    expect(await store.transact((tx) => tx.partners.getById(id))).toBe(cached);

    const other = new Database(file);
    other.prepare('UPDATE partners SET name = ? WHERE id = ?').run('Renamed elsewhere', id);
    // The unit's read by id (answered from memory while nothing changed) reads the row as it is
    // once the unit holds the write lock.
    expect(await store.transact(async (tx) => (await tx.partners.getById(id))?.name)).toBe(
      'Renamed elsewhere',
    );
    expect((await store.partnerByNodeId(NODE_ID))?.name).toBe('Renamed elsewhere');

    // Once the unit has ended, another connection may commit again, and is noticed.
    other.prepare('UPDATE partners SET name = ? WHERE id = ?').run('Renamed again', id);
    other.close();
    expect((await store.partnerByNodeId(NODE_ID))?.name).toBe('Renamed again');
  });
});

describe('sqlite-store › partners.listByIds', () => {
  it('reads only the partners a page names, and leaves the cache as it was (it is a read)', async () => {
    const { id } = await addPartner();
    const other = await saveTestPartner(store, 'https://other.example');
    const cached = await store.partnerByNodeId(NODE_ID);
    const found = await store.read((tx) => tx.partners.listByIds([other.id, 999_999, other.id]));
    expect(found.map((p) => p.nodeId)).toEqual(['https://other.example']);
    expect(await store.read((tx) => tx.partners.listByIds([]))).toEqual([]);
    expect((await store.read((tx) => tx.partners.listByIds([id])))[0]?.nodeId).toBe(NODE_ID);
    expect(await store.partnerByNodeId(NODE_ID)).toBe(cached);
  });
});

describe('sqlite-store › partner-cache › copyAsJson', () => {
  it('copies a declared profile exactly as a JSON round trip reads it back, whatever it holds', () => {
    const cases: unknown[] = [
      { a: 1, b: 'x', c: null, d: [1, 'y', null, { e: true }], f: { g: { h: [] } } },
      { n: -0 },
      { n: Number.NaN, m: Number.POSITIVE_INFINITY },
      { u: undefined, v: 1 },
      { d: new Date(0) },
      [1, , 3],
      { t: { toJSON: () => 'z' } },
      { 10: 'a', 2: 'b', x: 'c' },
      Object.assign(Object.create(null) as object, { a: 1 }),
      { big: 1e300, small: 5e-324 },
      'text',
    ];
    for (const value of cases) {
      const copy = copyAsJson(value);
      expect(copy).toStrictEqual(JSON.parse(JSON.stringify(value)));
      expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
    }
    const nested = { contact: { name: 'A' } };
    const copy = copyAsJson(nested) as typeof nested;
    expect(copy.contact).not.toBe(nested.contact);
    // "__proto__" stays an own member, as JSON.parse makes it, and never becomes the prototype.
    const proto = copyAsJson(JSON.parse('{"__proto__": {"x": 1}}')) as Record<string, unknown>;
    expect(Object.hasOwn(proto, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
  });
});
