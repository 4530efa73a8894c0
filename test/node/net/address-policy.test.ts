import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { RESERVED_RANGES, checkAddress } from '../../../node/net/address-policy.ts';
import type { AddressPolicy } from '../../../node/net/address-policy.ts';

const NONE: AddressPolicy = { allowLoopback: false, allowPrivate: false };
const LOOPBACK: AddressPolicy = { allowLoopback: true, allowPrivate: false };
const PRIVATE: AddressPolicy = { allowLoopback: false, allowPrivate: true };
const BOTH: AddressPolicy = { allowLoopback: true, allowPrivate: true };

type Expect = 'public' | 'loopback' | 'private' | 'always';

// Allowed under [NONE, LOOPBACK, PRIVATE, BOTH] for each kind of address.
const ALLOWED: Record<Expect, [boolean, boolean, boolean, boolean]> = {
  public: [true, true, true, true],
  loopback: [false, true, false, true],
  private: [false, false, true, true],
  always: [false, false, false, false],
};

const CASES: [string, Expect][] = [
  // IPv4
  ['8.8.8.8', 'public'],
  ['1.1.1.1', 'public'],
  ['172.32.0.1', 'public'],
  ['100.128.0.1', 'public'],
  ['10.0.0.1', 'private'],
  ['172.16.5.4', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'private'],
  ['127.0.0.1', 'loopback'],
  ['127.255.0.2', 'loopback'],
  ['0.0.0.0', 'always'],
  ['169.254.169.254', 'always'],
  ['192.0.0.8', 'always'],
  ['192.0.2.1', 'always'],
  ['198.18.0.1', 'always'],
  ['198.51.100.7', 'always'],
  ['203.0.113.9', 'always'],
  ['224.0.0.1', 'always'],
  ['240.0.0.1', 'always'],
  ['255.255.255.255', 'always'],
  // IPv6
  ['2606:4700::1', 'public'],
  ['2a00:1450:4001::200e', 'public'],
  ['::1', 'loopback'],
  ['::', 'always'],
  ['fc00::1', 'private'],
  ['fd12:3456::1', 'private'],
  ['fe80::1', 'always'],
  ['fe80::1%eth0', 'always'],
  ['ff02::1', 'always'],
  ['2001:db8::1', 'always'],
  ['2001:0:4136:e378::1', 'always'], // Teredo
  // Never reachable, whatever public IPv4 address their last 32 bits spell.
  ['fe80::808:808', 'always'],
  ['ff02::808:808', 'always'],
  ['2001:db8::808:808', 'always'],
  ['100::808:808', 'always'],
  // Embedded IPv4 follows the IPv4 rules.
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:169.254.169.254', 'always'],
  ['::ffff:8.8.8.8', 'public'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['64:ff9b::7f00:1', 'loopback'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['2002:7f00:1::1', 'loopback'],
  ['2002:a9fe:a9fe::', 'always'],
  ['2002:808:808::1', 'public'],
  // IPv4-compatible (::/96, deprecated) and IPv4-translated (::ffff:0:0:0/96) forms (issue 14.13).
  ['::127.0.0.1', 'loopback'],
  ['::7f00:1', 'loopback'],
  ['::10.0.0.1', 'private'],
  ['::169.254.169.254', 'always'],
  ['::8.8.8.8', 'public'],
  ['::ffff:0:127.0.0.1', 'loopback'],
  ['::ffff:0:a00:1', 'private'],
  ['::ffff:0:169.254.169.254', 'always'],
  ['::ffff:0:8.8.8.8', 'public'],
];

describe('address-policy', () => {
  describe('checkAddress', () => {
    const policies: [string, AddressPolicy][] = [
      ['none', NONE],
      ['loopback', LOOPBACK],
      ['private', PRIVATE],
      ['both', BOTH],
    ];
    for (const [ip, kind] of CASES) {
      it(`${ip} is ${kind}`, () => {
        policies.forEach(([name, policy], i) => {
          const result = checkAddress(ip, policy);
          expect({ policy: name, ok: result.ok }).toEqual({ policy: name, ok: ALLOWED[kind][i] });
          if (!result.ok) {
            expect(result.range).not.toBe('');
            expect(result.detail).toContain(ip);
          }
        });
      });
    }

    it('names the embedded range and the carrier', () => {
      const result = checkAddress('::ffff:127.0.0.1', NONE);
      expect(result).toMatchObject({ ok: false, range: '127.0.0.0/8 loopback' });
      if (!result.ok) expect(result.detail).toContain('IPv4-mapped');
    });

    it('fails closed on anything that is not an IP address', () => {
      for (const bad of ['', 'localhost', 'example.com', '999.1.1.1', '::g']) {
        expect(checkAddress(bad, BOTH)).toEqual({
          ok: false,
          range: 'invalid',
          detail: `not an IP address: ${JSON.stringify(bad)}`,
        });
      }
    });
  });

  describe('RESERVED_RANGES', () => {
    it('parses, cites an RFC and has no duplicate', () => {
      const seen = new Set<string>();
      for (const range of RESERVED_RANGES) {
        expect(ipaddr.isValidCIDR(range.cidr), range.cidr).toBe(true);
        expect(range.rfc).toMatch(/^RFC \d+$/);
        expect(seen.has(range.cidr)).toBe(false);
        seen.add(range.cidr);
      }
    });

    it('covers the ranges the protocol brief names', () => {
      const cidrs = RESERVED_RANGES.map((r) => r.cidr);
      for (const cidr of [
        '0.0.0.0/8',
        '10.0.0.0/8',
        '100.64.0.0/10',
        '127.0.0.0/8',
        '169.254.0.0/16',
        '172.16.0.0/12',
        '192.168.0.0/16',
        '224.0.0.0/4',
        '::1/128',
        'fc00::/7',
        'fe80::/10',
        '::ffff:0:0/96',
        '::/96',
        '::ffff:0:0:0/96',
        '64:ff9b::/96',
        '2002::/16',
      ]) {
        expect(cidrs).toContain(cidr);
      }
    });
  });
});
