/**
 * A portal partner's history as it would stand on a node of its own: every message it sent
 * (signed with its key) with our receipt, and every message we sent it (signed with ours) with its
 * receipt. A partner that installs a node can verify and keep them, then carry on. After it moved
 * to that node (move-partner.ts) the export still names the portal node id and key the messages
 * were signed and receipted with, and holds only the messages of its portal time.
 */
import type { PublicJwk } from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { portalNodeId } from './portal-ids.ts';

const PAGE = 500;
/** A history larger than this is cut, newest kept out; `complete` says so. */
export const MAX_EXPORT_MESSAGES = 50_000;

export interface ExportedMessage {
  id: string;
  kind: string;
  at: string;
  jws: string;
  receipt: string;
}

export async function exportHistory(
  deps: Pick<NodeDeps, 'store' | 'clock' | 'keys' | 'nodeId'>,
  partner: Partner,
) {
  const now = deps.clock.now();
  return deps.store.read(async (tx) => {
    const portal = await tx.portal.getPartner(partner.id);
    const jwk = await tx.portal.privateKey(partner.id);
    const nodeId = portal ? portalNodeId(deps.nodeId, portal.uid) : partner.nodeId;
    const keys: PublicJwk[] = jwk
      ? [{ kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid: jwk.kid, alg: jwk.alg, use: jwk.use }]
      : partner.keys;
    const sent = (await sentBy(tx, partner.id)).filter((m) => m.peer === nodeId);
    const received = (await receivedBy(tx, partner.id)).filter((m) => m.peer === nodeId);
    return {
      format: 'partner-sync-history/1',
      exportedAt: now.toISOString(),
      partner: { nodeId, name: partner.name, keys },
      counterpart: { nodeId: deps.nodeId, keys: deps.keys.published(now) },
      complete: sent.length + received.length < MAX_EXPORT_MESSAGES,
      sent: sent.map(({ peer: _, ...m }) => m),
      received: received.map(({ peer: _, ...m }) => m),
    };
  });
}

/** What the partner sent us, oldest first (the inbox lists newest first). */
type Held = ExportedMessage & { peer: string };

async function sentBy(tx: StoreTx, partnerId: number): Promise<Held[]> {
  const out: Held[] = [];
  let after: number | undefined;
  while (out.length < MAX_EXPORT_MESSAGES) {
    const page = await tx.inbox.listStored(
      { partnerId },
      { limit: PAGE, ...(after !== undefined && { after }) },
    );
    for (const m of page) {
      out.push({
        id: m.messageId,
        kind: m.kind,
        at: m.receivedAt.toISOString(),
        jws: m.jws,
        receipt: m.receipt,
        peer: m.fromNodeId,
      });
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!.seq;
  }
  return out.reverse();
}

/** What we sent the partner and it received, in the order sent. */
async function receivedBy(tx: StoreTx, partnerId: number): Promise<Held[]> {
  const out: Held[] = [];
  let after: number | undefined;
  while (out.length < MAX_EXPORT_MESSAGES) {
    const page = await tx.outbox.listStored(
      { status: 'delivered', partnerId },
      { limit: PAGE, ...(after !== undefined && { after }) },
    );
    for (const m of page) {
      if (m.jws === null || m.receipt === null) continue;
      out.push({
        id: m.messageId,
        kind: m.kind,
        at: (m.deliveredAt ?? m.createdAt).toISOString(),
        jws: m.jws,
        receipt: m.receipt,
        peer: m.toNodeId,
      });
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!.seq;
  }
  return out;
}
