import { describe, expect, it } from 'vitest';
import { checkProtectedHeader, decodeCompactJws } from '../../protocol/index.ts';

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64url');
const HEADER = b64('{"alg":"EdDSA","kid":"k1","typ":"partner-sync+jws"}');
const PAYLOAD = b64('{"hello":"world"}');
const SIG = b64(new Uint8Array(64).fill(7));

describe('compact-jws', () => {
  describe('decodeCompactJws', () => {
    it('decodes the three segments: header object, payload bytes, signature bytes', () => {
      const r = decodeCompactJws(`${HEADER}.${PAYLOAD}.${SIG}`);
      expect(r).toEqual({
        ok: true,
        header: { alg: 'EdDSA', kid: 'k1', typ: 'partner-sync+jws' },
        payload: new Uint8Array(Buffer.from('{"hello":"world"}')),
        signature: new Uint8Array(64).fill(7),
      });
      // An empty signature segment (alg none) decodes to no bytes; the caller refuses it.
      expect(decodeCompactJws(`${HEADER}.${PAYLOAD}.`)).toMatchObject({
        ok: true,
        signature: new Uint8Array(0),
      });
    });

    it('fails on what is not a string of three segments', () => {
      for (const bad of [null, undefined, 42, {}, [HEADER, PAYLOAD, SIG]]) {
        expect(decodeCompactJws(bad)).toEqual({ ok: false, detail: 'not a string' });
      }
      for (const bad of [
        '',
        HEADER,
        `${HEADER}.${PAYLOAD}`,
        `${HEADER}.${PAYLOAD}.${SIG}.${SIG}`,
      ]) {
        expect(decodeCompactJws(bad), bad).toEqual({
          ok: false,
          detail: 'not a compact JWS (three segments)',
        });
      }
    });

    it('fails on an empty header or an empty payload segment', () => {
      for (const bad of [`.${PAYLOAD}.${SIG}`, `${HEADER}..${SIG}`, `..`]) {
        expect(decodeCompactJws(bad), bad).toEqual({
          ok: false,
          detail: 'empty header or payload segment',
        });
      }
    });

    it('fails when any one segment is not canonical base64url', () => {
      // Padding, a standard-alphabet character, stray low bits, an impossible length.
      // Inside a segment too: Node's decoder would read '+', '/' and '=' there.
      const spoil = [
        `${PAYLOAD}=`,
        PAYLOAD.replace(/.$/, '+'),
        'AB',
        'A',
        `+${PAYLOAD.slice(1)}`,
        `/${PAYLOAD.slice(1)}`,
        `AA==${PAYLOAD}`,
        `${PAYLOAD.slice(0, 4)} ${PAYLOAD.slice(5)}`,
      ];
      for (const bad of spoil) {
        for (const jws of [
          `${bad}.${PAYLOAD}.${SIG}`,
          `${HEADER}.${bad}.${SIG}`,
          `${HEADER}.${PAYLOAD}.${bad}`,
        ]) {
          expect(decodeCompactJws(jws), jws).toEqual({
            ok: false,
            detail: 'segment is not canonical base64url',
          });
        }
      }
    });

    it('takes exactly one spelling of each value: stray bits in the last character fail', () => {
      // A segment of 4n+2 characters ends with 4 unused bits, one of 4n+3 with 2: of the 64
      // possible last characters, 4 (resp. 16) spell a byte string and the others are the same
      // bytes spelled again, which would let one signed message travel under several strings.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      for (const stem of ['A', 'AA', 'AAAAA', 'AAAAAA']) {
        let canonical = 0;
        for (const last of alphabet) {
          const segment = stem + last;
          const roundTrip = Buffer.from(segment, 'base64url').toString('base64url') === segment;
          const r = decodeCompactJws(`${HEADER}.${PAYLOAD}.${segment}`);
          expect(r.ok, segment).toBe(roundTrip);
          if (roundTrip) canonical++;
        }
        expect(canonical, stem).toBe(stem.length % 4 === 1 ? 4 : 16);
      }
    });

    it('fails when the header is not UTF-8, not I-JSON or not an object', () => {
      expect(decodeCompactJws(`${b64(Uint8Array.of(0x7b, 0xff, 0x7d))}.${PAYLOAD}.${SIG}`)).toEqual(
        {
          ok: false,
          detail: 'header is not UTF-8',
        },
      );
      const dup = decodeCompactJws(`${b64('{"alg":"EdDSA","alg":"none"}')}.${PAYLOAD}.${SIG}`);
      expect(dup).toMatchObject({ ok: false });
      expect(dup.ok ? '' : dup.detail).toMatch(/^header: .*duplicate/);
      for (const header of ['[]', 'null', '"EdDSA"', '1', 'true']) {
        expect(decodeCompactJws(`${b64(header)}.${PAYLOAD}.${SIG}`), header).toEqual({
          ok: false,
          detail: 'header is not a JSON object',
        });
      }
    });
  });

  describe('checkProtectedHeader', () => {
    const TYP = 'partner-sync+jws';
    const good = { alg: 'EdDSA', kid: 'k1', typ: TYP };

    it('returns alg and kid of a header of the expected typ', () => {
      expect(checkProtectedHeader(good, TYP)).toEqual({ ok: true, alg: 'EdDSA', kid: 'k1' });
      // alg is the caller's to judge: any string passes here.
      expect(checkProtectedHeader({ ...good, alg: 'none' }, TYP)).toMatchObject({ ok: true });
      expect(checkProtectedHeader({ ...good, kid: 'k'.repeat(200) }, TYP)).toMatchObject({
        ok: true,
      });
    });

    it('refuses each departure with its own reason, typ first', () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ...good, typ: 'JWT' }, `typ is not ${TYP}`],
        [{ alg: 'EdDSA', kid: 'k1' }, `typ is not ${TYP}`],
        [{ ...good, typ: undefined, crit: ['b64'] }, `typ is not ${TYP}`],
        [{ ...good, crit: [] }, 'crit is not supported'],
        [{ ...good, crit: ['b64'], b64: false }, 'crit is not supported'],
        [{ ...good, b64: true }, 'b64 is not supported'],
        [{ ...good, alg: undefined }, 'alg is missing'],
        [{ ...good, alg: 7 }, 'alg is missing'],
        [{ ...good, kid: undefined }, 'kid is missing or invalid'],
        [{ ...good, kid: '' }, 'kid is missing or invalid'],
        [{ ...good, kid: 'k'.repeat(201) }, 'kid is missing or invalid'],
        [{ ...good, kid: ['k1'] }, 'kid is missing or invalid'],
      ];
      for (const [header, detail] of cases) {
        expect(checkProtectedHeader(header, TYP), JSON.stringify(header)).toEqual({
          ok: false,
          detail,
        });
      }
    });
  });
});
