/**
 * Partners for fault tests that are not partner-sync nodes: a row pinned as if the peer had
 * connected (so the sender delivers to whatever server listens there), and messages queued to
 * any partner the way the domains queue them.
 */
import { generateKeyPair, newMessageId } from '../../../protocol/index.ts';
import type { OutboundMessage, Partner } from '../../../node/store/types.ts';
import type { TestNode } from '../../support/test-node.ts';

/** Pins `baseUrl` as an active partner of `node`, with a key nobody will ever sign with. */
export async function pinFakePartner(node: TestNode, baseUrl: string): Promise<Partner> {
  const { publicJwk } = await generateKeyPair();
  return node.deps.store.transact((tx) =>
    tx.partners.saveConnected({
      endpoint: {
        nodeId: baseUrl,
        inboxUrl: `${baseUrl}/inbox`,
        jwksUrl: `${baseUrl}/.well-known/jwks.json`,
        maxBatch: 100,
        maxBodyBytes: 1 << 20,
        keys: [publicJwk],
      },
      profile: {
        name: `fake ${baseUrl}`,
        partnerType: 'reseller',
        relationship: 'strategic',
        allowedKinds: ['partner.update'],
      },
      invitationId: null,
      at: node.deps.clock.now(),
    }),
  );
}

/** Queues one partner.update per name to `partner`, in order, and wakes the outbox. */
export function enqueueUpdates(
  node: TestNode,
  partner: Partner,
  names: string[],
): Promise<OutboundMessage[]> {
  return enqueueAll(
    node,
    names.map((name) => ({ partner, name })),
  );
}

/**
 * Queues partner.update messages to several partners in one transaction, so that the outbox
 * worker finds them all due in the same round.
 */
export async function enqueueAll(
  node: TestNode,
  items: Array<{ partner: Partner; name: string }>,
): Promise<OutboundMessage[]> {
  const rows = await node.deps.store.transact((tx) =>
    tx.outbox.enqueue(
      items.map(({ partner, name }) => ({
        messageId: newMessageId(),
        partnerId: partner.id,
        toNodeId: partner.nodeId,
        kind: 'partner.update',
        body: { name },
      })),
      node.deps.clock.now(),
    ),
  );
  node.deps.notifyOutbox();
  return rows;
}

export async function outboxRow(node: TestNode, messageId: string): Promise<OutboundMessage> {
  const row = await node.deps.store.read((tx) => tx.outbox.get(messageId));
  if (!row) throw new Error(`no outbound message ${messageId}`);
  return row;
}

/** Message ids the node has stored from `from`, in arrival order. */
export async function inboundIdsFrom(node: TestNode, fromUrl: string): Promise<string[]> {
  const rows = await node.deps.store.read((tx) => tx.inbox.list({}, { limit: 100_000 }));
  return rows
    .filter((r) => r.fromNodeId === fromUrl)
    .sort((a, b) => a.seq - b.seq)
    .map((r) => r.messageId);
}
