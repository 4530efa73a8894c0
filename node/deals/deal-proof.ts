/**
 * The evidence a registration rests on: every message we sent about it, as signed, with the
 * counterpart's signed receipt (for the registering partner, the vendor's receipt of its
 * deal.register is the proof of when it registered), and every message received about it, as the
 * JWS the counterpart signed (the vendor's deal.decision). Each is also checked here against the
 * counterpart's pinned keys, as a convenience; anyone can check them again with its published keys.
 */
import { digestOf, verifyMessage, verifyReceipt, type PublicJwk } from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import type { Deal } from '../store/deal-store.ts';
import type { Partner } from '../store/types.ts';

export interface SentEvidence {
  messageId: string;
  kind: string;
  version: number | null;
  createdAt: Date;
  /** Null until first sent. */
  jws: string | null;
  sentAt: Date | null;
  /** The counterpart's signed receipt; null until delivered. */
  receipt: string | null;
  /** When the counterpart says it received the message, from the verified receipt. */
  receivedAt: string | null;
  receiptVerified: boolean;
}

export interface ReceivedEvidence {
  messageId: string;
  kind: string;
  version: number | null;
  receivedAt: Date;
  jws: string;
  signatureVerified: boolean;
}

export interface DealProof {
  deal: Deal;
  counterpart: Pick<Partner, 'id' | 'name' | 'nodeId'>;
  sent: SentEvidence[];
  received: ReceivedEvidence[];
}

export async function dealProof(
  deps: Pick<NodeDeps, 'store' | 'nodeId'>,
  id: number,
): Promise<DealProof> {
  const found = await deps.store.read(async (tx) => {
    const deal = await tx.deals.get(id);
    if (!deal) return null;
    const partner = await tx.partners.getById(deal.partnerId);
    const messages = await tx.deals.messages(deal.id);
    const outbound = await Promise.all(
      messages.filter((m) => m.direction === 'out').map((m) => tx.outbox.get(m.messageId)),
    );
    return { deal, partner, messages, outbound };
  });
  if (!found || !found.partner) throw notFound(`deal ${id}`);
  const { deal, partner, messages, outbound } = found;
  const keys = partner.keys;

  const sent: SentEvidence[] = [];
  const outMessages = messages.filter((m) => m.direction === 'out');
  for (const [i, m] of outMessages.entries()) {
    const row = outbound[i] ?? null;
    const jws = row?.jws ?? null;
    const receipt = row?.receipt ?? null;
    const check =
      jws !== null && receipt !== null
        ? await verifyReceipt(receipt, {
            keys,
            expect: {
              receiptFor: m.messageId,
              from: partner.nodeId,
              to: deps.nodeId,
              digest: digestOf(jws),
            },
          })
        : null;
    sent.push({
      messageId: m.messageId,
      kind: m.kind,
      version: m.version,
      createdAt: m.at,
      jws,
      sentAt: row?.sentAt ?? null,
      receipt,
      receivedAt: check?.ok ? check.receipt.receivedAt : null,
      receiptVerified: check?.ok ?? false,
    });
  }

  const received: ReceivedEvidence[] = [];
  for (const m of messages) {
    if (m.direction !== 'in' || m.jws === null) continue;
    received.push({
      messageId: m.messageId,
      kind: m.kind,
      version: m.version,
      receivedAt: m.at,
      jws: m.jws,
      signatureVerified: await signedBy(m.jws, keys, deps.nodeId, m.at),
    });
  }
  return {
    deal,
    counterpart: { id: partner.id, name: partner.name, nodeId: partner.nodeId },
    sent,
    received,
  };
}

/** Whether `jws` is a message to us signed by one of `keys`, judged at the time it arrived. */
async function signedBy(jws: string, keys: PublicJwk[], self: string, at: Date) {
  const result = await verifyMessage(jws, { self, now: at, keysFor: async () => keys });
  return result.ok;
}
