import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupAllOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import type { Agent, buildConnector } from 'undici';
import { checkAddress } from './address-policy.ts';
import type { AddressCheck, AddressPolicy } from './address-policy.ts';
import { loadUndici } from './load-undici.ts';

export const SSRF_BLOCKED = 'SSRF_BLOCKED';

/** Fails a connection (or a lookup) whose address the policy refuses; undici passes it on. */
export class SsrfBlockedError extends Error {
  readonly code = SSRF_BLOCKED;
  readonly address: string;
  readonly range: string;

  constructor(address: string, range: string, detail: string) {
    super(`SSRF guard refused ${address}: ${detail}`);
    this.name = 'SsrfBlockedError';
    this.address = address;
    this.range = range;
  }
}

export type AddressChecker = (ip: string) => AddressCheck;

/** The shape of `dns.lookup` with `all: true`; replaceable so tests can return mixed answers. */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface GuardedAgentOptions {
  connectTimeoutMs: number;
  /**
   * For tests only: replaces the connect-time (and lookup) address check, so a test on one
   * machine can allow 127.0.0.1 and refuse 127.0.0.2. Production code passes the policy only.
   */
  checkAddress?: AddressChecker;
  /** For tests only: replaces DNS resolution (e.g. an answer that changes between lookups). */
  resolveAll?: ResolveAll;
}

/**
 * Drops resolved addresses the policy refuses, so a name with both a public and a private
 * address connects to the public one. Only a pre-filter: the remoteAddress check decides.
 */
export function createGuardedLookup(
  check: AddressChecker,
  resolveAll: ResolveAll = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) {
        callback(err, '', 0);
        return;
      }
      const allowed = addresses.filter((a) => check(a.address).ok);
      const first = allowed[0];
      if (!first) {
        const refused = addresses[0];
        const verdict = refused ? check(refused.address) : undefined;
        const range = verdict && !verdict.ok ? verdict.range : 'none';
        const detail = verdict && !verdict.ok ? verdict.detail : 'no address resolved';
        callback(new SsrfBlockedError(hostname, range, detail), '', 0);
        return;
      }
      // Node asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily).
      if (options.all) callback(null, allowed);
      else callback(null, first.address, first.family);
    });
  };
}

/**
 * An undici Agent that checks the address each socket actually connected to. This one check
 * covers IP literals, DNS names and DNS rebinding, and applies to every redirect hop because
 * every hop goes through this dispatcher.
 */
export async function createGuardedAgent(
  policy: AddressPolicy,
  options: GuardedAgentOptions,
): Promise<Agent> {
  // Loaded here, on first use, so that what imports the URL checks does not load undici.
  const { Agent, buildConnector } = await loadUndici();
  const check: AddressChecker = options.checkAddress ?? ((ip) => checkAddress(ip, policy));
  const baseConnect = buildConnector({
    timeout: options.connectTimeoutMs,
    lookup: createGuardedLookup(check, options.resolveAll),
  });

  const connect: buildConnector.connector = (connectOptions, callback) => {
    baseConnect(connectOptions, (err, socket) => {
      if (err) {
        callback(err, null);
        return;
      }
      // A socket without a remote address (closed meanwhile) is checked as '', which no policy
      // allows: the guard fails closed.
      const address = socket.remoteAddress ?? '';
      const verdict = check(address);
      if (!verdict.ok) {
        // Destroy before undici writes a byte of the request.
        socket.destroy();
        callback(new SsrfBlockedError(address, verdict.range, verdict.detail), null);
        return;
      }
      callback(null, socket);
    });
  };

  // undici's defaults otherwise: idle sockets kept 4 s, no cap on connections per origin.
  return new Agent({ connect });
}

export type UrlCheck =
  { ok: true; url: URL } | { ok: false; code: 'bad_url' | 'ssrf_blocked'; detail: string };

function isLocalhostName(hostname: string): boolean {
  const name = hostname.replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Static checks before any request. Cheap and early, but not sufficient on its own: a DNS name
 * is only judged when the socket connects.
 */
export function checkUrl(url: string, policy: AddressPolicy): UrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, code: 'bad_url', detail: 'not an absolute URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, code: 'bad_url', detail: `scheme ${parsed.protocol} is not http or https` };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, code: 'bad_url', detail: 'credentials in URL' };
  }
  // No host-less case here: the URL parser refuses an empty host for http and https.

  // URL keeps IPv6 literals in brackets and has already normalised odd IPv4 forms (0x7f.1).
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) {
    const verdict = checkAddress(host, policy);
    if (!verdict.ok) return { ok: false, code: 'ssrf_blocked', detail: verdict.detail };
  } else if (isLocalhostName(host) && !policy.allowLoopback) {
    // RFC 6761: localhost names resolve to loopback, whatever DNS says.
    return { ok: false, code: 'ssrf_blocked', detail: `${host} is loopback (RFC 6761)` };
  }
  return { ok: true, url: parsed };
}
