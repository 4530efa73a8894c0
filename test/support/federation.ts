/** Steps that federation tests share: connecting nodes, sending raw requests, counting rows. */
import {
  buildMessage,
  newMessageId,
  signMessage,
  type MessagePayload,
} from '../../protocol/index.ts';
import { connectToNode } from '../../node/connect/connect-to-node.ts';
import { createInvitation, parsePartnerProfile } from '../../node/partners/invitations.ts';
import type { Partner } from '../../node/store/types.ts';
import { eventually, type TestNode } from './test-node.ts';

/** `host` invites `joiner` (as a reseller by default) and `joiner` connects. */
export async function connectPair(
  host: TestNode,
  joiner: TestNode,
  profile: { partnerType?: string; relationship?: string; kinds?: string[] } = {},
): Promise<{ onHost: Partner; onJoiner: Partner; token: string }> {
  const parsed = parsePartnerProfile(
    {
      name: joiner.name,
      partnerType: profile.partnerType ?? 'reseller',
      relationship: profile.relationship ?? 'strategic',
      ...(profile.kinds ? { kinds: profile.kinds } : {}),
    },
    host.deps.handlers.kinds(),
  );
  const { token } = await createInvitation(
    { store: host.deps.store, now: host.deps.clock.now(), ttlMs: 7 * 24 * 3600_000 },
    parsed,
  );
  const onJoiner = await connectToNode(joiner.deps, { url: host.url, token });
  const onHost = await host.deps.store.read((tx) => tx.partners.getByNodeId(joiner.url));
  if (!onHost) throw new Error('host did not record the joiner');
  return { onHost, onJoiner, token };
}

/** Builds and signs a message from `sender` to `recipient`, with any field overridden. */
export async function signedFrom(
  sender: TestNode,
  recipient: TestNode,
  kind: string,
  body: unknown,
  overrides: Partial<MessagePayload> = {},
): Promise<{ jws: string; message: MessagePayload }> {
  const message = {
    ...buildMessage({
      id: newMessageId(),
      kind,
      from: sender.url,
      to: recipient.url,
      sentAt: sender.deps.clock.now(),
      body,
    }),
    ...overrides,
  };
  return { jws: await signMessage(message, sender.deps.keys.signing()), message };
}

export async function postJson(
  url: string,
  body: unknown,
  contentType = 'application/json',
): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export async function postToInbox(node: TestNode, messages: unknown[]) {
  return postJson(`${node.url}/inbox`, { messages });
}

export async function inboundCount(node: TestNode): Promise<number> {
  const rows = await node.deps.store.read((tx) => tx.inbox.list({}, { limit: 10_000 }));
  return rows.length;
}

export async function outboundRows(node: TestNode) {
  return node.deps.store.read((tx) => tx.outbox.listStored({}, { limit: 10_000 }));
}

/** Waits until no node has anything left to deliver (nothing pending or in flight). */
export async function settle(...nodes: TestNode[]): Promise<void> {
  await eventually(async () => {
    for (const n of nodes) {
      const rows = await outboundRows(n);
      if (rows.some((r) => r.status === 'pending' || r.status === 'in_flight')) return false;
    }
    return true;
  });
}
