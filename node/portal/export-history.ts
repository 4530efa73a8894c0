/**
 * A portal partner's history as it would stand on a node of its own: every message it sent
 * (signed with its key) with our receipt, and every message we sent it (signed with ours) with its
 * receipt. A partner that installs a node can verify and keep them, then carry on.
 */
import type { NodeDeps } from '../deps.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

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
    const sent = await sentBy(tx, partner.id);
    const received = await receivedBy(tx, partner.id);
    return {
      format: 'partner-sync-history/1',
      exportedAt: now.toISOString(),
      partner: { nodeId: partner.nodeId, name: partner.name, keys: partner.keys },
      counterpart: { nodeId: deps.nodeId, keys: deps.keys.published(now) },
      complete: sent.length + received.length < MAX_EXPORT_MESSAGES,
      sent,
      received,
    };
  });
}

/** What the partner sent us, oldest first (the inbox lists newest first). */
async function sentBy(tx: StoreTx, partnerId: number): Promise<ExportedMessage[]> {
  const out: ExportedMessage[] = [];
  let after: number | undefined;
  while (out.length < MAX_EXPORT_MESSAGES) {
    const page = await tx.inbox.list(
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
      });
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!.seq;
  }
  return out.reverse();
}

/** What we sent the partner and it received, in the order sent. */
async function receivedBy(tx: StoreTx, partnerId: number): Promise<ExportedMessage[]> {
  const out: ExportedMessage[] = [];
  let after: number | undefined;
  while (out.length < MAX_EXPORT_MESSAGES) {
    const page = await tx.outbox.list(
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
      });
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!.seq;
  }
  return out;
}
