/**
 * Node ids: a node is named by its public base URL without a trailing slash.
 *
 * @module
 */

/** Longest node id accepted. */
export const MAX_NODE_ID_LENGTH = 2048;

/**
 * Ids that passed {@link parsesAsNodeId} lately. A node sees the same few ids in every message
 * (its partners' and its own, twice per message and again in each receipt), and parsing a URL
 * costs more than the rest of an envelope's checks. The answer depends on the text alone, so a
 * remembered one is exact; the set is emptied when full, so an id sprayed by a hostile sender
 * costs memory for a while at most.
 */
const KNOWN_NODE_IDS = new Set<string>();
const MAX_KNOWN_NODE_IDS = 1024;

/**
 * Whether `x` is a node id: an absolute `http:` or `https:` URL, at most
 * {@link MAX_NODE_ID_LENGTH} characters, without credentials, query, fragment or trailing slash,
 * and written in the WHATWG URL serializer's normal form (lower-case scheme and host, no default
 * port, no dot segments). The normal form gives every node exactly one spelling, so that ids can
 * be compared and pinned as plain strings.
 *
 * @example
 * isNodeId('https://partners.acme.example'); // true
 * isNodeId('https://partners.acme.example/'); // false (trailing slash)
 * isNodeId('HTTPS://Partners.Acme.Example'); // false (not normalized)
 */
export function isNodeId(x: unknown): x is string {
  if (typeof x !== 'string' || x.length === 0 || x.length > MAX_NODE_ID_LENGTH) return false;
  if (KNOWN_NODE_IDS.has(x)) return true;
  if (!parsesAsNodeId(x)) return false;
  if (KNOWN_NODE_IDS.size >= MAX_KNOWN_NODE_IDS) KNOWN_NODE_IDS.clear();
  KNOWN_NODE_IDS.add(x);
  return true;
}

function parsesAsNodeId(x: string): boolean {
  if (x.endsWith('/')) return false;
  let url: URL;
  try {
    url = new URL(x);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return false;
  }
  if (x.includes('?') || x.includes('#')) return false;
  const normal = url.pathname === '/' ? url.href.slice(0, -1) : url.href;
  return normal === x;
}

/**
 * Joins a node id and an absolute path (`/inbox`) into a URL: `${nodeId}${path}`.
 * Throws `TypeError` when `path` does not start with `/` (programmer error).
 */
export function nodeUrl(nodeId: string, path: string): string {
  if (!path.startsWith('/')) throw new TypeError('path must start with "/"');
  return `${nodeId}${path}`;
}
