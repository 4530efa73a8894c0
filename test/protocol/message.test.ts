import { describe, expect, it } from 'vitest';
import {
  buildMessage,
  checkEnvelope,
  isKindName,
  isNodeId,
  newMessageId,
  parseUtcTimestamp,
} from '../../protocol/index.ts';

const A = 'https://partners.acme.example';
const B = 'https://globex.example/partner-sync';

function payload(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    v: 1,
    id: '01890a5d-ac96-774b-bcce-b302099a8057',
    kind: 'partner.update',
    from: A,
    to: B,
    sentAt: '2027-01-15T12:00:00.000Z',
    body: { name: 'Acme' },
    ...over,
  };
}

describe('message', () => {
  describe('newMessageId', () => {
    it('returns distinct UUIDv7 ids in creation order', () => {
      const ids = Array.from({ length: 100 }, () => newMessageId());
      for (const id of ids) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
      expect(new Set(ids).size).toBe(100);
      expect([...ids].sort()).toEqual(ids);
    });
  });

  describe('buildMessage', () => {
    it('builds the payload in field order with sentAt in RFC 3339 UTC milliseconds', () => {
      const m = buildMessage({
        kind: 'partner.disconnect',
        from: A,
        to: B,
        body: { reason: 'done' },
        ref: 'r1',
        sentAt: new Date(Date.UTC(2027, 0, 15, 12, 0, 0, 5)),
      });
      expect(Object.keys(m)).toEqual(['v', 'id', 'kind', 'from', 'to', 'sentAt', 'ref', 'body']);
      expect(m).toMatchObject({ v: 1, sentAt: '2027-01-15T12:00:00.005Z', ref: 'r1' });
      expect(checkEnvelope(m)).toEqual({ ok: true, message: m });
    });

    it('omits ref when absent and keeps a given id', () => {
      const m = buildMessage({
        kind: 'a.b',
        from: A,
        to: B,
        body: null,
        id: 'x',
        sentAt: new Date(),
      });
      expect('ref' in m).toBe(false);
      expect(m.id).toBe('x');
    });

    it('throws on an envelope a recipient would reject', () => {
      expect(() =>
        buildMessage({ kind: 'Bad', from: A, to: B, body: {}, sentAt: new Date() }),
      ).toThrow(TypeError);
      expect(() =>
        buildMessage({ kind: 'a.b', from: `${A}/`, to: B, body: {}, sentAt: new Date() }),
      ).toThrow(TypeError);
    });
  });

  describe('checkEnvelope', () => {
    it('accepts a valid payload and returns a clean copy', () => {
      const p = payload({ ref: 'abc' });
      const r = checkEnvelope(p);
      expect(r).toEqual({ ok: true, message: p });
      expect(r.ok && r.message).not.toBe(p);
    });

    it('accepts any JSON body, including null, and fractional seconds of any precision', () => {
      expect(checkEnvelope(payload({ body: null })).ok).toBe(true);
      expect(checkEnvelope(payload({ sentAt: '2027-01-15T12:00:00Z' })).ok).toBe(true);
      expect(checkEnvelope(payload({ sentAt: '2027-01-15T12:00:00.123456789Z' })).ok).toBe(true);
    });

    it('is malformed when the payload is not an object', () => {
      for (const p of [null, [], 'x', 1, true]) {
        expect(checkEnvelope(p)).toMatchObject({ ok: false, code: 'malformed', id: null });
      }
    });

    it('is malformed when v is missing or not an integer', () => {
      const { v: _v, ...noV } = payload();
      expect(checkEnvelope(noV)).toMatchObject({ ok: false, code: 'malformed' });
      for (const v of ['1', 1.5, null, true]) {
        expect(checkEnvelope(payload({ v }))).toMatchObject({ ok: false, code: 'malformed' });
      }
    });

    it('is unsupported_version for an integer v other than 1, with the id', () => {
      expect(checkEnvelope(payload({ v: 2, extra: 1 }))).toEqual({
        ok: false,
        code: 'unsupported_version',
        detail: 'version 2 is not supported (expected 1)',
        id: '01890a5d-ac96-774b-bcce-b302099a8057',
      });
      expect(checkEnvelope(payload({ v: 0, id: 5 }))).toMatchObject({
        code: 'unsupported_version',
        id: null,
      });
    });

    it('is malformed on an unknown top-level field, including __proto__', () => {
      expect(checkEnvelope(payload({ extra: 1 }))).toMatchObject({ code: 'malformed' });
      const proto = JSON.parse(JSON.stringify(payload()).replace('{', '{"__proto__":{},'));
      expect(checkEnvelope(proto)).toMatchObject({ code: 'malformed' });
    });

    it('checks each field', () => {
      const bad: Record<string, unknown>[] = [
        { id: '' },
        { id: 'x'.repeat(201) },
        { id: 7 },
        { kind: 'partner' },
        { kind: 'Partner.update' },
        { kind: 'partner.update2' },
        { kind: `a.${'b'.repeat(99)}` },
        { from: `${A}/` },
        { from: 'ftp://acme.example' },
        { from: 'https://ACME.example' },
        { from: 'https://acme.example:443' },
        { from: 'https://user@acme.example' },
        { from: 'https://acme.example?x=1' },
        { from: 'https://acme.example#x' },
        { from: `https://a.example/${'p'.repeat(2048)}` },
        { to: 'acme.example' },
        { to: null },
        { sentAt: '2027-01-15T12:00:00+01:00' },
        { sentAt: '2027-01-15 12:00:00Z' },
        { sentAt: '2027-02-30T12:00:00Z' },
        { sentAt: '2027-01-15T24:00:00Z' },
        { sentAt: '2027-01-15T12:00:00.Z' },
        { sentAt: '2027-01-15t12:00:00z' },
        { sentAt: 1_800_000_000_000 },
        { ref: '' },
        { ref: null },
        { ref: 3 },
        { body: undefined },
      ];
      for (const over of bad) {
        const r = checkEnvelope(payload(over));
        expect(r, JSON.stringify(over)).toMatchObject({ ok: false, code: 'malformed' });
      }
      const { body: _b, ...noBody } = payload();
      expect(checkEnvelope(noBody)).toMatchObject({ code: 'malformed', detail: 'body is missing' });
    });

    it('reports the id when it is a string', () => {
      expect(checkEnvelope(payload({ kind: 'X' }))).toMatchObject({
        id: '01890a5d-ac96-774b-bcce-b302099a8057',
      });
      expect(checkEnvelope(payload({ id: 12 }))).toMatchObject({ id: null });
    });
  });

  describe('isNodeId', () => {
    it('accepts base URLs in normal form without trailing slash', () => {
      for (const id of [
        A,
        B,
        'http://localhost:8080',
        'https://a.example/x/y',
        'http://127.0.0.1',
      ]) {
        expect(isNodeId(id), id).toBe(true);
      }
      for (const id of [
        '',
        A + '/',
        'https://a.example/x/',
        'https://a.example/./x',
        'mailto:a@b',
      ]) {
        expect(isNodeId(id), id).toBe(false);
      }
    });
  });

  describe('parseUtcTimestamp', () => {
    it('parses UTC times to epoch milliseconds', () => {
      expect(parseUtcTimestamp('2027-01-15T12:00:00.123456Z')).toBe(
        Date.UTC(2027, 0, 15, 12, 0, 0, 123),
      );
      expect(parseUtcTimestamp('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
      expect(parseUtcTimestamp('2023-02-29T00:00:00Z')).toBeNull();
      expect(parseUtcTimestamp('0001-01-01T00:00:00Z')).toBe(Date.parse('0001-01-01T00:00:00Z'));
      expect(parseUtcTimestamp('2027-01-15T23:59:60Z')).toBeNull();
    });
  });
});

describe('message envelope bounds', () => {
  const base = () =>
    buildMessage({
      kind: 'partner.update',
      from: 'https://partners.acme.example',
      to: 'https://globex.example',
      sentAt: new Date('2027-01-15T12:00:00.000Z'),
      body: { name: 'Acme' },
    });

  it('takes an id and a ref of exactly 200 characters and refuses 201, naming the field', () => {
    const ok = 'i'.repeat(200);
    expect(checkEnvelope({ ...base(), id: ok, ref: ok }).ok).toBe(true);
    const id = checkEnvelope({ ...base(), id: `${ok}i` });
    expect(id).toMatchObject({ ok: false, detail: 'id must be a string of 1 to 200 characters' });
    const ref = checkEnvelope({ ...base(), ref: `${ok}r` });
    expect(ref).toMatchObject({ ok: false, detail: 'ref must be a string of 1 to 200 characters' });
    expect(checkEnvelope({ ...base(), ref: '' })).toMatchObject({ ok: false });
  });

  it('takes a kind of exactly 100 characters and refuses 101', () => {
    const kind100 = `a.${'b'.repeat(98)}`;
    expect(kind100).toHaveLength(100);
    expect(isKindName(kind100)).toBe(true);
    expect(isKindName(`${kind100}b`)).toBe(false);
    expect(isKindName(42)).toBe(false);
  });

  it('refuses a kind that is not a string even when it reads as one', () => {
    expect(isKindName(['partner.update'])).toBe(false);
    const r = checkEnvelope({ ...base(), kind: ['partner.update'] });
    expect(r).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('says which envelope field is wrong', () => {
    const { v: _v, ...noV } = base();
    const cases: [unknown, string][] = [
      ['x', 'payload is not a JSON object'],
      [noV, 'v is missing'],
      [{ ...base(), v: undefined }, 'v is not an integer'],
      [{ ...base(), v: 1.5 }, 'v is not an integer'],
      [{ ...base(), extra: 1 }, 'unknown field "extra"'],
      [{ ...base(), ['x'.repeat(100)]: 1 }, `unknown field "${'x'.repeat(64)}"`],
      [{ ...base(), id: '' }, 'id must be a string of 1 to 200 characters'],
      [{ ...base(), kind: 'Bad' }, 'kind must be a dotted lower-case name (e.g. lead.offer)'],
      [{ ...base(), from: 'x' }, 'from must be a node id (base URL, no trailing /)'],
      [{ ...base(), to: 'x' }, 'to must be a node id (base URL, no trailing /)'],
      [{ ...base(), sentAt: 'x' }, 'sentAt must be an RFC 3339 UTC time'],
      [{ ...base(), ref: 5 }, 'ref must be a string of 1 to 200 characters'],
      [{ ...base(), body: undefined }, 'body is missing'],
    ];
    for (const [p, detail] of cases) {
      expect(checkEnvelope(p), detail).toMatchObject({ ok: false, code: 'malformed', detail });
    }
    expect(() => buildMessage({ ...base(), kind: 'Bad', sentAt: new Date() })).toThrow(
      new TypeError('buildMessage: kind must be a dotted lower-case name (e.g. lead.offer)'),
    );
  });

  it('returns a copy without a ref member when the payload has none', () => {
    const r = checkEnvelope(base());
    expect(r.ok && Object.keys(r.message)).toEqual([
      'v',
      'id',
      'kind',
      'from',
      'to',
      'sentAt',
      'body',
    ]);
  });
});
