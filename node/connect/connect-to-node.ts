/**
 * Joining another company's node with its invitation token: fetch its discovery document and
 * keys, post a signed `partner.connect` to its connect URL, check the signed receipt, then pin it
 * as a partner here. The connect message and its receipt are kept as proof, like any delivery.
 */
import {
  buildMessage,
  digestOf,
  newMessageId,
  signMessage,
  verifyReceipt,
} from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { checkUrl } from '../net/ssrf-guard.ts';
import { defaultKinds } from '../partners/default-kinds.ts';
import { fetchPartnerEndpoint } from '../partners/partner-endpoint.ts';
import type { Partner, PartnerProfile } from '../store/types.ts';
import { parseInboxResponse } from '../outbox/inbox-response.ts';

export interface ConnectOptions {
  url: string;
  token: string;
  /** How we classify the node we join; its name defaults to the one it publishes. */
  profile?: Partial<PartnerProfile>;
}

export async function connectToNode(deps: NodeDeps, options: ConnectOptions): Promise<Partner> {
  const nodeId = options.url.trim().replace(/\/+$/, '');
  const policy = {
    allowLoopback: deps.config.allowLoopback,
    allowPrivate: deps.config.allowPrivate,
  };
  const urlCheck = checkUrl(nodeId, policy);
  if (!urlCheck.ok) {
    throw new AppError(400, urlCheck.code, `cannot connect to ${nodeId}: ${urlCheck.detail}`, {
      field: 'url',
    });
  }
  if (nodeId === deps.nodeId)
    throw new AppError(400, 'self_connect', 'a node cannot connect to itself');

  const fetched = await fetchPartnerEndpoint(deps.http, nodeId);
  if (!fetched.ok) {
    throw new AppError(502, fetched.code, `cannot reach the node at ${nodeId}: ${fetched.detail}`);
  }
  const { endpoint, discovery } = fetched;

  const now = deps.clock.now();
  const message = buildMessage({
    id: newMessageId(),
    kind: 'partner.connect',
    from: deps.nodeId,
    to: nodeId,
    sentAt: now,
    body: { token: options.token, name: deps.config.name },
  });
  const jws = await signMessage(message, deps.keys.signing());
  const answer = await deps.http.postJson(discovery.connect, JSON.stringify({ messages: [jws] }));
  if (!answer.ok) {
    throw new AppError(502, answer.code, `the node at ${nodeId} did not answer: ${answer.detail}`);
  }
  const { status, bodyText } = answer.response;
  if (status !== 200) {
    throw new AppError(
      502,
      'connect_refused',
      `the node at ${nodeId} answered HTTP ${status}: ${errorText(bodyText)}`,
    );
  }
  const parsed = parseInboxResponse(bodyText, [message.id]);
  if (!parsed.ok) throw new AppError(502, 'bad_answer', `the node at ${nodeId}: ${parsed.detail}`);
  const result = parsed.results[0]!;
  if (result.status === 'rejected') {
    throw new AppError(
      403,
      result.code,
      `the node at ${nodeId} refused to connect: ${result.code}: ${result.message}`,
    );
  }
  const digest = digestOf(jws);
  const receipt = await verifyReceipt(result.receipt, {
    keys: endpoint.keys,
    expect: { receiptFor: message.id, from: nodeId, to: deps.nodeId, digest },
  });
  if (!receipt.ok) {
    throw new AppError(
      502,
      'bad_receipt',
      `the node at ${nodeId} sent an invalid receipt: ${receipt.detail}`,
    );
  }

  const partnerType = options.profile?.partnerType ?? 'value_added_supplier';
  const relationship = options.profile?.relationship ?? 'strategic';
  const profile: PartnerProfile = {
    name: options.profile?.name ?? discovery.name,
    partnerType,
    relationship,
    allowedKinds: options.profile?.allowedKinds ?? defaultKinds(partnerType, relationship),
  };
  return deps.store.transact(async (tx) => {
    const partner = await tx.partners.saveConnected({
      endpoint,
      profile,
      invitationId: null,
      at: now,
    });
    const [row] = await tx.outbox.enqueue(
      [
        {
          messageId: message.id,
          partnerId: partner.id,
          toNodeId: nodeId,
          kind: 'partner.connect',
          body: message.body,
        },
      ],
      now,
    );
    await tx.outbox.recordSigned(row!.seq, jws, digest, now);
    await tx.outbox.markDelivered(row!.seq, {
      resultStatus: result.status,
      receipt: result.receipt,
      at: now,
    });
    return partner;
  });
}

function errorText(bodyText: string): string {
  try {
    const e = (JSON.parse(bodyText) as { error?: { code?: string; message?: string } }).error;
    if (e?.code) return `${e.code}: ${e.message ?? ''}`;
  } catch {
    // fall through
  }
  return bodyText.slice(0, 200);
}
