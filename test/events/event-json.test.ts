/**
 * An event's data: secrets, bytes and bigints are handled whether the record takes the fast path
 * (plain JSON.stringify) or the replacer, and the event ids are time-ordered (the unique index on
 * them grows at its edge) yet unguessable.
 */
import { describe, expect, it } from 'vitest';
import { newEventId, toEventJson } from '../../node/events/emit-event.ts';

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
