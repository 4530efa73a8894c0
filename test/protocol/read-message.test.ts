import { describe, expect, it } from 'vitest';
import { buildMessage, readUnverifiedMessage } from '../../protocol/index.ts';
import type { MessagePayload } from '../../protocol/index.ts';

const ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const b64 = (x: string | Uint8Array) => Buffer.from(x).toString('base64url');
const HEADER = { alg: 'EdDSA', kid: 'k1', typ: 'partner-sync+jws' };
// readUnverifiedMessage never looks at the signature: any 64 bytes stand in for one.
const SIGNATURE = new Uint8Array(64).map((_, i) => i);

function message(over: Record<string, unknown> = {}): MessagePayload {
  return {
    ...buildMessage({
      id: ID,
      kind: 'lead.offer',
      from: 'https://partners.acme.example',
      to: 'https://globex.example',
      sentAt: new Date('2027-01-15T12:00:00.000Z'),
      body: { title: 'Pumps' },
    }),
    ...over,
  } as MessagePayload;
}

function jws(payload: string | Uint8Array, header: Record<string, unknown> = HEADER): string {
  return `${b64(JSON.stringify(header))}.${b64(payload)}.${b64(SIGNATURE)}`;
}

// What a node may decide before any key is known (the connect flow picks where to fetch keys from
// by the claimed `from`): the reading must be as strict as verification's, and say which
// message it was whenever the payload could be read.
describe('read-message', () => {
  it('gives the claimed message, the header alg and kid, and the exact payload and signature bytes', () => {
    const text = JSON.stringify(message({ ref: 'prev-1' }));
    const r = readUnverifiedMessage(jws(text));
    expect(r).toEqual({
      ok: true,
      message: message({ ref: 'prev-1' }),
      header: { alg: 'EdDSA', kid: 'k1' },
      payload: new Uint8Array(Buffer.from(text)),
      signature: SIGNATURE,
    });
  });

  it('leaves the alg to the verifier: a header with alg none or HS256 reads', () => {
    for (const alg of ['none', 'HS256']) {
      const r = readUnverifiedMessage(jws(JSON.stringify(message()), { ...HEADER, alg }));
      expect(r, alg).toMatchObject({ ok: true, header: { alg, kid: 'k1' } });
    }
  });

  it('refuses a receipt (the other typ) and a header without kid, before reading the payload', () => {
    const payload = JSON.stringify(message());
    expect(
      readUnverifiedMessage(jws(payload, { ...HEADER, typ: 'partner-sync-receipt+jws' })),
    ).toEqual({
      ok: false,
      code: 'malformed',
      detail: 'typ is not partner-sync+jws',
      id: null,
    });
    const noKid = { alg: 'EdDSA', typ: 'partner-sync+jws' };
    expect(readUnverifiedMessage(jws(payload, noKid))).toEqual({
      ok: false,
      code: 'malformed',
      detail: 'kid is missing or invalid',
      id: null,
    });
  });

  it('names the step that failed, with no id, when the payload cannot be read', () => {
    const bad = Buffer.from(JSON.stringify(message()));
    bad[bad.indexOf('Pumps')] = 0xff;
    const cases: Array<[string, string]> = [
      ['a.b', 'not a compact JWS (three segments)'],
      [jws(bad), 'payload is not valid UTF-8'],
      [jws('{"v":1,"v":1}'), 'payload: duplicate key "v" at /'],
      [jws('[1, 2'), 'payload: unexpected end of JSON text'],
      [jws('"text"'), 'payload is not a JSON object'],
    ];
    for (const [input, detail] of cases) {
      const r = readUnverifiedMessage(input);
      expect(r, detail).toMatchObject({ ok: false, code: 'malformed', id: null });
      expect(r.ok ? '' : r.detail, detail).toContain(detail);
    }
  });

  it('keeps the id of a payload that parsed but fails the envelope, and of another version', () => {
    expect(readUnverifiedMessage(jws(JSON.stringify(message({ extra: 1 }))))).toEqual({
      ok: false,
      code: 'malformed',
      detail: 'unknown field "extra"',
      id: ID,
    });
    expect(readUnverifiedMessage(jws(JSON.stringify(message({ v: 2, future: true }))))).toEqual({
      ok: false,
      code: 'unsupported_version',
      detail: 'version 2 is not supported (expected 1)',
      id: ID,
    });
  });

  it('never throws, whatever the input', () => {
    for (const input of [
      undefined,
      null,
      1,
      {},
      [],
      '',
      '..',
      'é.é.é',
      `${b64('{}')}.${b64('{}')}.`,
    ]) {
      expect(readUnverifiedMessage(input), String(input)).toMatchObject({
        ok: false,
        code: 'malformed',
        id: null,
      });
    }
  });
});
