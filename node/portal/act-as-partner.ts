/**
 * A portal action is a message: the node builds what the partner's own node would send (from the
 * portal partner's node id to ours), signs it with the key it holds for the partner, and feeds it
 * through its own inbound pipeline. The same checks, handlers, deduplication and receipts apply
 * as to a connected partner, and the history is real signed messages.
 */
import { buildMessage, importSigningKey, newMessageId, signMessage } from '../../protocol/index.ts';
import type { AppDeps } from '../app.ts';
import { processInbound } from '../inbox/process-inbound.ts';
import type { InboundResult } from '../inbox/inbound-result.ts';

export type ActDeps = Pick<
  AppDeps,
  | 'config'
  | 'nodeId'
  | 'store'
  | 'clock'
  | 'keys'
  | 'log'
  | 'schemas'
  | 'handlers'
  | 'partnerKeys'
  | 'partnerLimits'
  | 'notifyOutbox'
>;

export interface PortalMessage {
  kind: string;
  body: unknown;
  /** The message this one answers (a lead answer names the offer). */
  ref?: string;
}

export async function actAsPartner(
  deps: ActDeps,
  partnerId: number,
  input: PortalMessage,
): Promise<InboundResult> {
  const { partner, jwk } = await deps.store.read(async (tx) => ({
    partner: await tx.partners.getById(partnerId),
    jwk: await tx.portal.privateKey(partnerId),
  }));
  if (!partner || !jwk) throw new Error(`partner ${partnerId} is not a portal partner`);
  const key = await importSigningKey(jwk);
  const payload = buildMessage({
    id: newMessageId(),
    kind: input.kind,
    from: partner.nodeId,
    to: deps.nodeId,
    sentAt: deps.clock.now(),
    body: input.body,
    ...(input.ref !== undefined && { ref: input.ref }),
  });
  const jws = await signMessage(payload, key);
  const [result] = await processInbound(deps, [jws]);
  // Handlers may have queued answers (an automatic deal decision, recalls of other offers).
  deps.notifyOutbox();
  if (!result) throw new Error('the inbound pipeline gave no result');
  return result;
}
