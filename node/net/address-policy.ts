import ipaddr from 'ipaddr.js';

/** What the operator allows beyond the public internet (a local test setup allows loopback). */
export interface AddressPolicy {
  allowLoopback: boolean;
  allowPrivate: boolean;
}

/**
 * - loopback / private: refused unless the policy allows that class.
 * - always: never reachable (link-local holds cloud metadata, the rest is not routable).
 * - embedded-ipv4: not refused by itself; the IPv4 address inside it is checked by the
 *   IPv4 rules, so ::ffff:127.0.0.1 or 64:ff9b::a00:1 cannot smuggle a refused address.
 */
export type RangeClass = 'loopback' | 'private' | 'always' | 'embedded-ipv4';

export interface ReservedRange {
  cidr: string;
  name: string;
  rfc: string;
  class: RangeClass;
}

export type AddressCheck = { ok: true } | { ok: false; range: string; detail: string };

// After GoToSocial's httpclient/sanitizer.go and the IANA special-purpose registries.
export const RESERVED_RANGES: readonly ReservedRange[] = [
  // IPv4
  { cidr: '0.0.0.0/8', name: 'this network', rfc: 'RFC 1122', class: 'always' },
  { cidr: '10.0.0.0/8', name: 'private', rfc: 'RFC 1918', class: 'private' },
  {
    cidr: '100.64.0.0/10',
    name: 'shared address space (CGNAT)',
    rfc: 'RFC 6598',
    class: 'private',
  },
  { cidr: '127.0.0.0/8', name: 'loopback', rfc: 'RFC 1122', class: 'loopback' },
  { cidr: '169.254.0.0/16', name: 'link-local', rfc: 'RFC 3927', class: 'always' },
  { cidr: '172.16.0.0/12', name: 'private', rfc: 'RFC 1918', class: 'private' },
  { cidr: '192.0.0.0/24', name: 'IETF protocol assignments', rfc: 'RFC 6890', class: 'always' },
  { cidr: '192.0.2.0/24', name: 'documentation (TEST-NET-1)', rfc: 'RFC 5737', class: 'always' },
  { cidr: '192.88.99.0/24', name: '6to4 relay anycast', rfc: 'RFC 7526', class: 'always' },
  { cidr: '192.168.0.0/16', name: 'private', rfc: 'RFC 1918', class: 'private' },
  { cidr: '198.18.0.0/15', name: 'benchmarking', rfc: 'RFC 2544', class: 'always' },
  { cidr: '198.51.100.0/24', name: 'documentation (TEST-NET-2)', rfc: 'RFC 5737', class: 'always' },
  { cidr: '203.0.113.0/24', name: 'documentation (TEST-NET-3)', rfc: 'RFC 5737', class: 'always' },
  { cidr: '224.0.0.0/4', name: 'multicast', rfc: 'RFC 5771', class: 'always' },
  { cidr: '240.0.0.0/4', name: 'reserved', rfc: 'RFC 1112', class: 'always' },
  { cidr: '255.255.255.255/32', name: 'limited broadcast', rfc: 'RFC 919', class: 'always' },
  // IPv6
  { cidr: '::/128', name: 'unspecified', rfc: 'RFC 4291', class: 'always' },
  { cidr: '::1/128', name: 'loopback', rfc: 'RFC 4291', class: 'loopback' },
  // IPv4-compatible (deprecated): [::127.0.0.1] is written ::7f00:1 and some stacks route it
  // to 127.0.0.1. ::/128 and ::1/128 above are longer prefixes and keep their own class.
  { cidr: '::/96', name: 'IPv4-compatible', rfc: 'RFC 4291', class: 'embedded-ipv4' },
  { cidr: '::ffff:0:0/96', name: 'IPv4-mapped', rfc: 'RFC 4291', class: 'embedded-ipv4' },
  { cidr: '::ffff:0:0:0/96', name: 'IPv4-translated', rfc: 'RFC 2765', class: 'embedded-ipv4' },
  { cidr: '64:ff9b::/96', name: 'NAT64', rfc: 'RFC 6052', class: 'embedded-ipv4' },
  { cidr: '64:ff9b:1::/48', name: 'local-use NAT64', rfc: 'RFC 8215', class: 'private' },
  { cidr: '100::/64', name: 'discard-only', rfc: 'RFC 6666', class: 'always' },
  // Includes Teredo (2001::/32), whose embedded IPv4 is obfuscated: refuse it whole.
  { cidr: '2001::/23', name: 'IETF protocol assignments', rfc: 'RFC 2928', class: 'always' },
  { cidr: '2001:db8::/32', name: 'documentation', rfc: 'RFC 3849', class: 'always' },
  { cidr: '2002::/16', name: '6to4', rfc: 'RFC 3056', class: 'embedded-ipv4' },
  { cidr: 'fc00::/7', name: 'unique local', rfc: 'RFC 4193', class: 'private' },
  { cidr: 'fe80::/10', name: 'link-local', rfc: 'RFC 4291', class: 'always' },
  { cidr: 'fec0::/10', name: 'site-local (deprecated)', rfc: 'RFC 3879', class: 'private' },
  { cidr: 'ff00::/8', name: 'multicast', rfc: 'RFC 4291', class: 'always' },
];

type Parsed = ipaddr.IPv4 | ipaddr.IPv6;

interface CompiledRange {
  range: ReservedRange;
  net: [Parsed, number];
}

const COMPILED: readonly CompiledRange[] = RESERVED_RANGES.map((range) => ({
  range,
  net: ipaddr.parseCIDR(range.cidr),
}));

// Longest prefix wins, so a narrower entry added inside a wider one keeps its own class.
function findRange(addr: Parsed): ReservedRange | undefined {
  let best: CompiledRange | undefined;
  for (const entry of COMPILED) {
    if (entry.net[0].kind() !== addr.kind()) continue;
    if (!addr.match(entry.net)) continue;
    if (!best || entry.net[1] > best.net[1]) best = entry;
  }
  return best?.range;
}

function embeddedIpv4(addr: ipaddr.IPv6, range: ReservedRange): ipaddr.IPv4 {
  const bytes = addr.toByteArray();
  // 6to4 carries the IPv4 address in bits 16..48; mapped and NAT64 in the last 32 bits.
  const octets = range.cidr === '2002::/16' ? bytes.slice(2, 6) : bytes.slice(12, 16);
  return new ipaddr.IPv4(octets);
}

function refuse(range: ReservedRange, ip: string): AddressCheck {
  return {
    ok: false,
    range: `${range.cidr} ${range.name}`,
    detail: `${ip} is in ${range.cidr} (${range.name}, ${range.rfc}), class ${range.class}`,
  };
}

function checkParsed(addr: Parsed, ip: string, policy: AddressPolicy, depth: number): AddressCheck {
  const range = findRange(addr);
  if (!range) return { ok: true };
  switch (range.class) {
    case 'loopback':
      return policy.allowLoopback ? { ok: true } : refuse(range, ip);
    case 'private':
      return policy.allowPrivate ? { ok: true } : refuse(range, ip);
    case 'always':
      return refuse(range, ip);
    case 'embedded-ipv4': {
      if (addr.kind() !== 'ipv6' || depth > 0) return refuse(range, ip);
      const inner = embeddedIpv4(addr as ipaddr.IPv6, range);
      const result = checkParsed(inner, ip, policy, depth + 1);
      if (result.ok) return result;
      return { ok: false, range: result.range, detail: `${result.detail} (via ${range.name})` };
    }
  }
}

/**
 * Decides whether an IP address may be connected to under the policy. Anything that does not
 * parse as an IP address is refused: the guard fails closed.
 */
export function checkAddress(ip: string, policy: AddressPolicy): AddressCheck {
  let addr: Parsed;
  try {
    addr = ipaddr.parse(ip);
  } catch {
    return { ok: false, range: 'invalid', detail: `not an IP address: ${JSON.stringify(ip)}` };
  }
  return checkParsed(addr, ip, policy, 0);
}
