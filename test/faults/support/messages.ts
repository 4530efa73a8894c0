/** Signed messages from an in-process node to any node id, and posting them over real HTTP. */
import { buildMessage, newMessageId, signMessage } from '../../../protocol/index.ts';
import type { TestNode } from '../../support/test-node.ts';

/** A partner.update from `from` to the node `toUrl`, signed with `from`'s current key. */
export function signedUpdate(from: TestNode, toUrl: string, name: string): Promise<string> {
  return signMessage(
    buildMessage({
      id: newMessageId(),
      kind: 'partner.update',
      from: from.url,
      to: toUrl,
      sentAt: from.deps.clock.now(),
      body: { name },
    }),
    from.deps.keys.signing(),
  );
}

export interface InboxAnswer {
  status: number;
  headers: Headers;
  body: any;
  ms: number;
}

/** POSTs `{ messages }` to `{nodeUrl}/inbox`; the answer and how long it took. */
export async function postMessages(nodeUrl: string, messages: unknown[]): Promise<InboxAnswer> {
  const started = performance.now();
  const res = await fetch(`${nodeUrl}/inbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages }),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, headers: res.headers, body, ms: performance.now() - started };
}

/** GETs `{nodeUrl}{path}`; the status and how long it took. */
export async function timedGet(
  nodeUrl: string,
  path: string,
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${nodeUrl}${path}`);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}
