/**
 * The connect URL's pipeline for one `partner.connect` message. It runs the inbox's checks except
 * `unknown_partner`: the joining node is not a partner yet, so its keys come from its own
 * discovery document, fetched from the node id it claims (through the SSRF guard).
 *
 * Before fetching anything, the message must be addressed to us and carry a token of an open
 * invitation: an unauthenticated caller cannot make this node fetch URLs of its choosing.
 */
import {
  digestOf,
  readUnverifiedMessage,
  signReceipt,
  verifyMessage,
} from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import { CONNECT_KIND } from '../handlers/connect-kind.ts';
import { RejectMessage, rejected, type InboundResult } from '../inbox/inbound-result.ts';
import { fetchPartnerEndpoint } from '../partners/partner-endpoint.ts';
import { hashToken, invitationState } from '../partners/invitations.ts';

const CLOSED_INVITATION = 'the invitation is unknown, used, revoked or expired';

export async function acceptConnect(
  deps: Pick<
    NodeDeps,
    'config' | 'nodeId' | 'store' | 'clock' | 'keys' | 'http' | 'log' | 'schemas'
  >,
  jws: unknown,
): Promise<InboundResult> {
  const now = deps.clock.now();
  const read = readUnverifiedMessage(jws);
  if (!read.ok) return rejected(read.id, read.code, read.detail);
  const claimed = read.message;
  const id = claimed.id;
  if (claimed.to !== deps.nodeId) return rejected(id, 'wrong_recipient', 'to is not this node');

  const digest = digestOf(jws as string);
  const seen = await deps.store.read((tx) => tx.inbox.find(claimed.from, id));
  if (seen && seen.digest === digest) return { id, status: 'duplicate', receipt: seen.receipt };

  if (claimed.kind !== CONNECT_KIND) {
    return rejected(id, 'forbidden', `only ${CONNECT_KIND} is accepted at the connect URL`);
  }
  const token = (claimed.body as { token?: unknown } | null)?.token;
  const invitation =
    typeof token === 'string'
      ? await deps.store.read((tx) => tx.invitations.findByTokenHash(hashToken(token)))
      : null;
  if (!invitation || invitationState(invitation, now) !== 'open') {
    return rejected(id, 'forbidden', CLOSED_INVITATION);
  }

  const endpoint = await fetchPartnerEndpoint(deps.http, claimed.from);
  if (!endpoint.ok) {
    deps.log.info({ from: claimed.from, detail: endpoint.detail }, 'joining node unreachable');
    return rejected(id, 'unknown_key', `could not fetch the joining node's keys: ${endpoint.code}`);
  }
  const verified = await verifyMessage(jws, {
    self: deps.nodeId,
    now,
    replayWindowMs: deps.config.replayWindowDays * 24 * 3600_000,
    keysFor: async () => endpoint.endpoint.keys,
  });
  if (!verified.ok) return rejected(verified.id, verified.code, verified.detail);
  const message = verified.message;
  const body = deps.schemas.validateBody(message.kind, message.body);
  if (!body.ok) return rejected(id, 'invalid_body', body.detail);

  const receipt = await signReceipt(
    {
      v: 1,
      receiptFor: id,
      from: deps.nodeId,
      to: message.from,
      status: 'accepted',
      digest,
      receivedAt: now.toISOString(),
    },
    deps.keys.signing(),
  );
  try {
    return await deps.store.transact(async (tx) => {
      if (seen || (await tx.inbox.find(message.from, id))) {
        throw new RejectMessage('id_conflict', 'this id was accepted before with other content');
      }
      if (!(await tx.invitations.consume(invitation.id, message.from, now))) {
        throw new RejectMessage('forbidden', CLOSED_INVITATION);
      }
      const partner = await tx.partners.saveConnected({
        endpoint: endpoint.endpoint,
        profile: invitation,
        invitationId: invitation.id,
        at: now,
      });
      await tx.inbox.insert({
        fromNodeId: message.from,
        messageId: id,
        partnerId: partner.id,
        kind: message.kind,
        ref: message.ref ?? null,
        jws: jws as string,
        digest,
        sentAt: new Date(message.sentAt),
        receivedAt: now,
        receipt,
      });
      deps.log.info({ partner: message.from, invitation: invitation.id }, 'partner connected');
      return { id, status: 'accepted', receipt } as const;
    });
  } catch (error) {
    if (error instanceof RejectMessage) return rejected(id, error.code, error.detail);
    throw error;
  }
}
