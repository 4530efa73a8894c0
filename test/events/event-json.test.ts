/**
 * An event's data: secrets, bytes and bigints are handled whether the record takes the fast path
 * (plain JSON.stringify), the replacer, or is assembled from the kept text of its frozen parts
 * (the store's cached partners), always giving the same text; and the event ids are time-ordered
 * (the unique index on them grows at its edge) yet unguessable.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newEventId, subjectOf, toEventJson } from '../../node/events/emit-event.ts';
import { markFrozenRecord, markImmutable, rememberJson } from '../../node/events/event-json.ts';
import { createSqliteStore } from '../../node/store/sqlite/sqlite-store.ts';
import { saveTestPartner } from '../support/partner-row.ts';

/** What an event carries, written out the slow, obvious way. */
const SECRETS = new Set(['tokenHash', 'privateJwk', 'privateKey', 'jws', 'receipt', 'secret']);
const plain = (record: unknown): string =>
  JSON.stringify(record, (key, value) =>
    SECRETS.has(key) || value instanceof Uint8Array
      ? undefined
      : typeof value === 'bigint'
        ? value.toString()
        : value,
  );

describe('events › toEventJson', () => {
  it('drops secret fields at any depth, bytes, and writes bigints as strings', () => {
    const record = {
      id: 3,
      tokenHash: 'h',
      nested: { privateJwk: { d: 'x' }, keep: [{ secret: 's', jws: 'a.b.c', ok: 1 }] },
      proof: new Uint8Array([1, 2, 3]),
      amount: 10n,
      at: new Date(0),
    };
    expect(JSON.parse(toEventJson(record))).toEqual({
      id: 3,
      nested: { keep: [{ ok: 1 }] },
      amount: '10',
      at: '1970-01-01T00:00:00.000Z',
    });
  });

  it('keeps a record without secrets as it is, text that only mentions a secret included', () => {
    const record = { id: 'L-1', notes: 'the "secret": sauce', tags: ['a'], at: new Date(0) };
    expect(toEventJson(record)).toBe(JSON.stringify(record));
    expect(toEventJson('x')).toBe('{"value":"x"}');
    expect(toEventJson(null)).toBe('{"value":null}');
  });
});

describe('events › toEventJson of top-level dates', () => {
  it('writes them as JSON.stringify does: ISO text, null when invalid, its own toJSON kept', () => {
    const own = Object.assign(new Date(0), { toJSON: () => 'own' });
    const record = {
      id: 'L-2',
      createdAt: new Date(1_700_000_000_123),
      invalid: new Date(Number.NaN),
      own,
      nested: { at: new Date(0) },
      secret: new Date(0),
    };
    expect(toEventJson(record)).toBe(plain(record));
    expect(JSON.parse(toEventJson(record))).toEqual({
      id: 'L-2',
      createdAt: '2023-11-14T22:13:20.123Z',
      invalid: null,
      own: 'own',
      nested: { at: '1970-01-01T00:00:00.000Z' },
    });
    // The record itself is left as it was.
    expect(record.createdAt).toBeInstanceOf(Date);
  });
});

describe('events › toEventJson of the same instant again', () => {
  it('writes each record its own time: one set in place, an own toISOString, then invalid', () => {
    const at = new Date(1_700_000_000_000);
    const first = toEventJson({ seq: 1, at });
    const again = toEventJson({ seq: 2, at: new Date(at.getTime()) });
    at.setTime(1_700_000_000_001);
    const moved = toEventJson({ seq: 3, at });
    const ownIso = Object.assign(new Date(1_700_000_000_001), { toISOString: () => 'own' });
    const own = toEventJson({ seq: 4, at: ownIso });
    at.setTime(Number.NaN);
    const invalid = toEventJson({ seq: 5, at });
    expect([first, again, moved, own, invalid]).toEqual([
      '{"seq":1,"at":"2023-11-14T22:13:20.000Z"}',
      '{"seq":2,"at":"2023-11-14T22:13:20.000Z"}',
      '{"seq":3,"at":"2023-11-14T22:13:20.001Z"}',
      '{"seq":4,"at":"own"}',
      '{"seq":5,"at":null}',
    ]);
  });
});

describe('events › subjectOf', () => {
  it('is the first of its keys in order that holds a string or a number', () => {
    expect(subjectOf({ id: 7, seq: 9, nodeId: 'http://n', leadId: 'L-1' })).toBe('L-1');
    expect(subjectOf({ seq: 9, id: 7, nodeId: 'http://n' })).toBe('http://n');
    expect(subjectOf({ seq: 9, id: 7 })).toBe('7');
    expect(subjectOf({ leadId: null, dealId: { id: 1 }, orderId: undefined, seq: 0 })).toBe('0');
    expect(subjectOf({ messageId: 'm', id: 'x' })).toBe('m');
    expect(subjectOf({ name: 'n' })).toBeNull();
    expect(subjectOf('L-1')).toBeNull();
    expect(subjectOf(null)).toBeNull();
  });
});

describe('events › toEventJson of a frozen record', () => {
  it('assembles the text a plain serialisation gives, secrets, bytes and bigints included', () => {
    const kinds = Object.freeze(['lead.offer', 'order.place']);
    const profileText = JSON.stringify({ name: 'N', contact: { secret: 's', phone: '1' } });
    const profile = Object.freeze(JSON.parse(profileText) as object);
    const keys = Object.freeze([Object.freeze({ kid: 'k', x: 'abc' })]);
    markImmutable(kinds);
    markImmutable(keys);
    rememberJson(profile, profileText);
    const record = Object.freeze({
      id: 7,
      name: 'quote " and \u2028',
      allowedKinds: kinds,
      keys,
      declaredProfile: profile,
      tokenHash: 'h',
      bytes: new Uint8Array([1]),
      amount: 12n,
      missing: undefined,
      fn: () => 1,
      nan: Number.NaN,
      at: new Date(0),
      none: null,
    });
    markFrozenRecord(record);
    expect(toEventJson(record)).toBe(plain(record));
    expect(JSON.parse(toEventJson(record)).declaredProfile.contact).toEqual({ phone: '1' });
    // Once more, from the kept parts.
    expect(toEventJson(record)).toBe(plain(record));
  });

  it('notices a date that was set since its text was kept', () => {
    const at = new Date(0);
    const record = Object.freeze({ id: 1, at });
    markFrozenRecord(record);
    expect(toEventJson(record)).toBe('{"id":1,"at":"1970-01-01T00:00:00.000Z"}');
    at.setTime(86_400_000);
    expect(toEventJson(record)).toBe('{"id":1,"at":"1970-01-02T00:00:00.000Z"}');
  });

  it('writes its dates as JSON.stringify does: invalid as null, their own methods kept', () => {
    const ownIso = Object.assign(new Date(0), { toISOString: () => 'own iso' });
    const ownJson = Object.assign(new Date(0), { toJSON: () => 'own json' });
    const record = Object.freeze({
      a: new Date(0),
      b: ownIso,
      c: ownJson,
      d: new Date(Number.NaN),
    });
    markFrozenRecord(record);
    expect(toEventJson(record)).toBe(
      '{"a":"1970-01-01T00:00:00.000Z","b":"own iso","c":"own json","d":null}',
    );
  });

  it("reuses a field's text from the record before only for the same value", () => {
    const kinds = Object.freeze(['lead.offer']);
    markImmutable(kinds);
    const mutable = { note: 'first' };
    const first = Object.freeze({ name: 'A', kinds, extra: mutable, at: new Date(0), n: 1 });
    markFrozenRecord(first);
    expect(toEventJson(first)).toBe(plain(first));
    // The next record shares the kinds and holds another Date of the same time; its name and
    // number changed, and the plain object it shares was changed in place.
    mutable.note = 'second';
    const second = Object.freeze({ ...first, name: 'B', at: new Date(0), n: 2 });
    markFrozenRecord(second);
    expect(toEventJson(second)).toBe(plain(second));
    expect(JSON.parse(toEventJson(second))).toMatchObject({ name: 'B', n: 2, extra: mutable });
    const third = Object.freeze({ ...second, at: new Date(86_400_000), kinds: ['order.place'] });
    markFrozenRecord(third);
    expect(toEventJson(third)).toBe(plain(third));
  });

  it("carries a cached partner's declared profile as a fresh read of the row serialises", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'event-json-'));
    const file = join(dir, 'db.sqlite');
    try {
      const store = createSqliteStore(file);
      const { id, nodeId } = await saveTestPartner(store, 'https://partner.example');
      await store.partnerByNodeId(nodeId); // now served, frozen, from the store's cache
      for (const [i, body] of [
        { name: 'One', contact: { email: 'a@b.example', secret: 'hidden' } },
        { 2: 'digit key first', name: 'Two', note: 'a "secret": in text', tags: ['x'] },
      ].entries()) {
        await store.transact(async (tx) => {
          const stored = await tx.partners.getById(id);
          expect(Object.isFrozen(stored)).toBe(true);
          const merged = { ...(stored?.declaredProfile ?? {}), ...body };
          await tx.partners.updateDeclaredProfile(id, merged, new Date(1_700_000_000_000 + i));
        });
      }
      const events = await store.read((tx) => tx.events.list({ after: 0, limit: 100 }));
      const declared = events.filter((e) => e.type === 'partner.profile_declared');
      expect(declared).toHaveLength(2);
      await store.close();

      // The same row read by a store that never cached it: the plain serialisation.
      const fresh = createSqliteStore(file, { domainEvents: false });
      const row = await fresh.read((tx) => tx.partners.getById(id));
      await fresh.close();
      expect(Object.isFrozen(row)).toBe(false);
      expect(declared.at(-1)!.data).toEqual(JSON.parse(plain(row)));
      expect(JSON.stringify(declared.at(-1)!.data)).toBe(plain(row));
      expect((declared[0]!.data.declaredProfile as any).contact).toEqual({ email: 'a@b.example' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('events › newEventId', () => {
  it('is evt_ and 32 hex digits, ordered by time, and unique', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => newEventId(1_700_000_000_000 + i));
    for (const id of ids) expect(id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const same = Array.from({ length: 2000 }, () => newEventId(1_700_000_000_000));
    expect(new Set(same).size).toBe(same.length);
  });
});
