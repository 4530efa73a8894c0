// The node's own url is its identity on the wire: partners pin it and compare it byte for
// byte, so it is checked strictly and kept in one canonical spelling.
import ipaddr from 'ipaddr.js';

export type NodeUrlResult =
  { ok: true; url: string; hostname: string } | { ok: false; problem: string };

/**
 * Checks a node base URL and returns it canonical: lower-case scheme and host, no default
 * port, no trailing slash. `problem` completes the sentence "url: …".
 */
export function parseNodeUrl(input: string): NodeUrlResult {
  let parsed: URL;
  try {
    parsed = new URL(input);
  } catch {
    return {
      ok: false,
      problem: 'must be an absolute URL such as https://partners.example.com',
    };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, problem: 'must start with https:// (or http:// for local testing)' };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, problem: 'must not contain a user name or password' };
  }
  // Checked on the input, because `new URL` drops an empty "?" or "#".
  if (input.includes('?') || input.includes('#')) {
    return { ok: false, problem: 'must not contain a query (?…) or fragment (#…)' };
  }
  // One trailing slash is a harmless habit; the id is defined without it.
  const path = parsed.pathname.endsWith('/') ? parsed.pathname.slice(0, -1) : parsed.pathname;
  if (path.endsWith('/')) {
    return { ok: false, problem: 'must not end with a slash' };
  }
  return { ok: true, url: `${parsed.protocol}//${parsed.host}${path}`, hostname: parsed.hostname };
}

/**
 * True for hosts that can only be this machine: localhost (and *.localhost, RFC 6761),
 * 127.0.0.0/8, ::1 and IPv4-mapped loopback. Takes a hostname as `URL` gives it (IPv6 in
 * brackets, IPv4 already normalised).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const literal = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!ipaddr.isValid(literal)) return false;
  // process() turns an IPv4-mapped IPv6 address (::ffff:127.0.0.1) into plain IPv4.
  return ipaddr.process(literal).range() === 'loopback';
}
