/**
 * The address a request came from, for per-client limits. Behind a reverse proxy every request
 * arrives from the proxy, so the node believes the `X-Forwarded-For` header, but only from the
 * proxies the operator named (`trustedProxies`): walking the header from the right, the first
 * address that is not one of them is the client. Anyone else could write any address there.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';

export type ClientAddressOf = (c: Context) => string;

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Parses a comma-separated list of addresses and CIDR ranges (`127.0.0.1, 10.0.0.0/8, ::1`); the
 * entries that do not parse, for the config's error message.
 */
export function parseTrustedProxies(list: string): { ranges: Range[]; invalid: string[] } {
  const ranges: Range[] = [];
  const invalid: string[] = [];
  for (const entry of list.split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    try {
      if (entry.includes('/')) ranges.push(ipaddr.parseCIDR(entry));
      else {
        const address = ipaddr.parse(entry);
        ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      }
    } catch {
      invalid.push(entry);
    }
  }
  return { ranges, invalid };
}

/** The client address of a request, given the trusted proxies' list (empty: trust none). */
export function clientAddressOf(trustedProxies: string | undefined): ClientAddressOf {
  const { ranges } = parseTrustedProxies(trustedProxies ?? '');
  const trusted = (address: string): boolean => {
    if (!ipaddr.isValid(address)) return false;
    const parsed = ipaddr.process(address);
    return ranges.some(([net, bits]) => parsed.kind() === net.kind() && parsed.match(net, bits));
  };
  return (c) => {
    const peer = peerAddress(c);
    if (ranges.length === 0 || !trusted(peer)) return peer;
    return forwardedClient(c.req.header('x-forwarded-for'), trusted) ?? peer;
  };
}

/** The rightmost address of the header that is not a trusted proxy; null when there is none. */
export function forwardedClient(
  header: string | undefined,
  trusted: (address: string) => boolean,
): string | null {
  if (header === undefined) return null;
  const hops = header
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // Not an address: garbled or forged, since a proxy writes addresses. The request then counts
    // as the proxy's own.
    if (!ipaddr.isValid(hop)) return null;
    if (!trusted(hop)) return ipaddr.process(hop).toString();
  }
  return null;
}

/**
 * The socket's peer address in ipaddr.js's canonical form, remembered per raw address: parsing
 * and printing it again on every request (a few µs, more for an IPv4-mapped IPv6 address) is work
 * a flood of requests from a handful of addresses repeats for nothing. Bounded: past the bound the
 * memo starts over, so many distinct addresses cost only the parsing they would have cost anyway.
 */
const MAX_REMEMBERED_PEERS = 10_000;
const canonicalPeers = new Map<string, string>();

function canonicalPeer(address: string): string {
  let canonical = canonicalPeers.get(address);
  if (canonical === undefined) {
    canonical = ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
    if (canonicalPeers.size >= MAX_REMEMBERED_PEERS) canonicalPeers.clear();
    canonicalPeers.set(address, canonical);
  }
  return canonical;
}

function peerAddress(c: Context): string {
  try {
    const address = getConnInfo(c).remote.address;
    return address === undefined ? 'unknown' : canonicalPeer(address);
  } catch {
    // app.request() in tests has no socket.
    return 'local';
  }
}
