/** A summary of the node for `partner-sync status` and GET /api/status. */
import type { NodeDeps } from './deps.ts';
import type { PartnerLimits, PartnerUsage } from './inbox/partner-limits.ts';

export interface NodeStatus {
  nodeId: string;
  name: string;
  signingKid: string;
  partners: Record<string, number>;
  outbox: Record<string, number>;
  /** Per partner node id: messages waiting, in flight and dead. */
  outboxByPartner: Record<string, Record<string, number>>;
  nextDeliveryAt: string | null;
  /**
   * Per partner node id: bytes of received messages stored and the quota, for the partners that
   * sent since the node started (empty when read offline, by the CLI).
   */
  partnerStorage: Record<string, PartnerUsage>;
  /** Messages partners refused that the operator has not acknowledged (`refusals`). */
  unseenRefusals: number;
}

export async function nodeStatus(
  deps: Pick<NodeDeps, 'nodeId' | 'config' | 'keys' | 'store'> & { partnerLimits?: PartnerLimits },
): Promise<NodeStatus> {
  return deps.store.read(async (tx) => {
    const partners = await tx.partners.list();
    const counts = await tx.outbox.counts();
    const next = await tx.outbox.nextDueAt();
    const nodeIdOf = new Map(partners.map((p) => [p.id, p.nodeId]));
    const byStatus: Record<string, number> = {};
    for (const p of partners) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
    const outbox: Record<string, number> = { pending: 0, in_flight: 0, delivered: 0, dead: 0 };
    const outboxByPartner: Record<string, Record<string, number>> = {};
    for (const c of counts) {
      outbox[c.status] = (outbox[c.status] ?? 0) + c.count;
      const key = nodeIdOf.get(c.partnerId) ?? String(c.partnerId);
      (outboxByPartner[key] ??= {})[c.status] = c.count;
    }
    const partnerStorage: Record<string, PartnerUsage> = {};
    for (const [id, usage] of deps.partnerLimits?.usage() ?? []) {
      partnerStorage[nodeIdOf.get(id) ?? String(id)] = usage;
    }
    return {
      nodeId: deps.nodeId,
      name: deps.config.name,
      signingKid: deps.keys.signing().kid,
      partners: byStatus,
      outbox,
      outboxByPartner,
      nextDeliveryAt: next?.toISOString() ?? null,
      partnerStorage,
      unseenRefusals: await tx.refusals.countUnseen(),
    };
  });
}
