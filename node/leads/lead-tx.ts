/**
 * What the leads domain's steps need inside one unit of work: the transaction, the time, our node
 * id (for the timeline) and the schemas every outgoing body is checked against.
 */
import { newMessageId, type SchemaRegistry } from '../../protocol/index.ts';
import { assertValidBody, enqueueTo } from '../domain-kernel/send-to-partner.ts';
import type { LeadCore, LeadEvent, OwnedLead } from '../store/lead-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

export interface LeadTx {
  tx: StoreTx;
  now: Date;
  /** This node's id. */
  self: string;
  schemas: SchemaRegistry;
}

export type LeadKind =
  'lead.offer' | 'lead.accept' | 'lead.decline' | 'lead.progress' | 'lead.recall';

/**
 * Queues one message in the same unit of work as the change that causes it. A body that fails
 * its schema here is refused as bad input naming the field, and undoes the unit.
 */
export async function enqueueLeadMessage(
  c: LeadTx,
  partner: Pick<Partner, 'id' | 'nodeId'>,
  kind: LeadKind,
  body: unknown,
  ref?: string,
): Promise<string> {
  assertValidBody(c.schemas, kind, body, { wrapper: 'lead' });
  const messageId = newMessageId();
  await enqueueTo(c.tx, partner, { messageId, kind, body, ref }, c.now);
  return messageId;
}

/** Adds a timeline entry; `actor` defaults to this node. */
export function addEvent(
  c: LeadTx,
  leadId: string,
  event: Pick<LeadEvent, 'type'> & Partial<Omit<LeadEvent, 'seq' | 'leadId' | 'type'>>,
): Promise<void> {
  return c.tx.leads.addEvent({
    leadId,
    type: event.type,
    at: event.at ?? c.now,
    actorNodeId: event.actorNodeId ?? c.self,
    partnerId: event.partnerId ?? null,
    messageId: event.messageId ?? null,
    detail: event.detail ?? null,
  });
}

/** The core fields of an owned lead, as `lead.offer` carries them. */
export function coreOf(lead: OwnedLead): LeadCore {
  const { id, company, contact, region, interest, source } = lead;
  return {
    id,
    company,
    contact: { ...contact },
    region,
    interest: [...interest],
    ...(lead.estimatedValue !== undefined && { estimatedValue: lead.estimatedValue }),
    ...(lead.currency !== undefined && { currency: lead.currency }),
    source,
    ...(lead.notes !== undefined && { notes: lead.notes }),
    ...(lead.domain !== undefined && { domain: lead.domain }),
  };
}

/** RFC 3339 UTC without milliseconds noise: what the schemas' dateTime accepts. */
export const wireTime = (d: Date): string => d.toISOString();
