/**
 * How a portal partner is named. It gets a node id under the vendor's own URL, so that its
 * messages are ordinary signed messages between two node ids, and a partner that later installs
 * a node of its own can carry its history over.
 */
import { isNodeId } from '../../protocol/index.ts';

/** Where the portal's pages are mounted. */
export const PORTAL_BASE = '/portal';
const PARTNERS_SEGMENT = '/portal/partners/';

export function portalNodeId(nodeId: string, uid: string): string {
  const id = `${nodeId}${PARTNERS_SEGMENT}${uid}`;
  if (!isNodeId(id)) throw new Error(`not a node id: ${id}`);
  return id;
}

/** The uid of a portal partner's node id, or null when it is not one of this node's. */
export function portalUidOf(nodeId: string, partnerNodeId: string): string | null {
  const prefix = `${nodeId}${PARTNERS_SEGMENT}`;
  if (!partnerNodeId.startsWith(prefix)) return null;
  const uid = partnerNodeId.slice(prefix.length);
  return /^[0-9a-f-]{36}$/.test(uid) ? uid : null;
}

/** An absolute link to a portal page (`path` under /portal, e.g. `/leads/L-1`). */
export function portalUrl(nodeId: string, path: string): string {
  return `${nodeId}${PORTAL_BASE}${path}`;
}
