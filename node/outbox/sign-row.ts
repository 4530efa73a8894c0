/**
 * The signed bytes of a queued message. Signed once, at its first send: the JWS is stored with
 * the row, so every retry (and every transport) sends the same bytes and a partner answers a
 * repeat as a duplicate.
 */
import { digestOf, signNewMessage, type SigningKey } from '../../protocol/index.ts';
import type { OutboundMessage } from '../store/types.ts';

export interface SignedRow {
  row: OutboundMessage;
  jws: string;
  digest: string;
  /** Signed now: the caller stores it (`tx.outbox.recordSigned`) before it leaves. */
  fresh: boolean;
}

export async function signRow(
  row: OutboundMessage,
  signer: { nodeId: string; key: SigningKey; now: Date },
): Promise<SignedRow> {
  if (row.jws !== null && row.digest !== null) {
    return { row, jws: row.jws, digest: row.digest, fresh: false };
  }
  const jws = await signNewMessage(
    {
      id: row.messageId,
      kind: row.kind,
      from: signer.nodeId,
      to: row.toNodeId,
      sentAt: signer.now,
      body: row.body,
      ...(row.ref ? { ref: row.ref } : {}),
    },
    signer.key,
  );
  return { row, jws, digest: digestOf(jws), fresh: true };
}
