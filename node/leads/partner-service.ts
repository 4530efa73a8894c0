/**
 * What the partner a lead was offered to does with its copy, for the admin API and the CLI:
 * accept, decline with a reason, report progress. Each answer changes the copy and queues the
 * message to the owner in one unit of work; a recalled or withdrawn copy takes no answer.
 */
import { AppError, conflict } from '../errors.ts';
import type { DeclineReason, LeadStage, ReceivedLead } from '../store/lead-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { getPartnerByRef } from '../partners/partner-ref.ts';
import { leadNotFound } from './lead-errors.ts';
import { enqueueLeadMessage, wireTime, type LeadTx } from './lead-tx.ts';
import { inLeadTx, type LeadDeps } from './owner-service.ts';

/** A copy is named by the owner's lead id, and by its owner when two owners chose the same id. */
export interface ReceivedRef {
  leadId: string;
  owner?: string;
}

export async function findReceivedLead(tx: StoreTx, ref: ReceivedRef): Promise<ReceivedLead> {
  if (ref.owner !== undefined) {
    const owner = await getPartnerByRef(tx, ref.owner);
    const copy = owner ? await tx.leads.getReceived(owner.id, ref.leadId) : null;
    if (!copy) throw leadNotFound(ref.leadId);
    return copy;
  }
  const copies = await tx.leads.findReceived(ref.leadId);
  if (copies.length === 0) throw leadNotFound(ref.leadId);
  if (copies.length > 1) {
    throw conflict(
      'ambiguous_lead',
      `${copies.length} partners offered a lead ${ref.leadId}; name its owner`,
    );
  }
  return copies[0]!;
}

const CLOSED: Partial<Record<ReceivedLead['status'], string>> = {
  declined: 'we declined it',
  recalled: 'its owner recalled it',
  withdrawn: 'its owner withdrew it',
};

function assertOpen(copy: ReceivedLead): void {
  const why = CLOSED[copy.status];
  if (why) throw conflict('lead_closed', `lead ${copy.id} is closed: ${why}`);
}

async function ownerOf(c: LeadTx, copy: ReceivedLead): Promise<Partner> {
  const owner = await c.tx.partners.getById(copy.ownerPartnerId);
  if (!owner || owner.status === 'removed') {
    throw new AppError(409, 'partner_removed', 'the lead owner is no longer a partner');
  }
  return owner;
}

/** Accepting twice is fine; accepting a closed or timed-out offer is not. */
export async function acceptReceived(deps: LeadDeps, ref: ReceivedRef): Promise<ReceivedLead> {
  return inLeadTx(deps, async (c) => {
    const copy = await findReceivedLead(c.tx, ref);
    if (copy.status === 'accepted') return copy;
    assertOpen(copy);
    if (copy.offerExpiresAt.getTime() < c.now.getTime()) {
      throw conflict('offer_expired', `the offer of lead ${copy.id} expired`);
    }
    const owner = await ownerOf(c, copy);
    await c.tx.leads.updateReceived(copy.seq, {
      status: 'accepted',
      acceptedAt: c.now,
      updatedAt: c.now,
    });
    await enqueueLeadMessage(c, owner, 'lead.accept', { leadId: copy.id }, copy.offerMessageId);
    return { ...copy, status: 'accepted', acceptedAt: c.now };
  });
}

export async function declineReceived(
  deps: LeadDeps,
  ref: ReceivedRef,
  reason: { reasonCode: DeclineReason; comment?: string },
): Promise<void> {
  await inLeadTx(deps, async (c) => {
    const copy = await findReceivedLead(c.tx, ref);
    if (copy.status === 'accepted') {
      throw conflict(
        'already_accepted',
        `lead ${copy.id} was accepted; report progress "lost" to close it`,
      );
    }
    assertOpen(copy);
    const owner = await ownerOf(c, copy);
    await c.tx.leads.updateReceived(copy.seq, {
      status: 'declined',
      declineReason: reason.reasonCode,
      declineComment: reason.comment ?? null,
      closedAt: c.now,
      updatedAt: c.now,
    });
    await enqueueLeadMessage(
      c,
      owner,
      'lead.decline',
      { leadId: copy.id, ...reason },
      copy.offerMessageId,
    );
  });
}

export interface ProgressInput {
  stage: LeadStage;
  amount?: string;
  currency?: string;
  note?: string;
  lastActivityAt?: Date;
}

/** Each report advances our own progress version, which orders it at the owner. */
export async function progressReceived(
  deps: LeadDeps,
  ref: ReceivedRef,
  input: ProgressInput,
): Promise<void> {
  await inLeadTx(deps, async (c) => {
    const copy = await findReceivedLead(c.tx, ref);
    assertOpen(copy);
    if (copy.status !== 'accepted') {
      throw conflict('not_accepted', `accept lead ${copy.id} before reporting progress`);
    }
    const owner = await ownerOf(c, copy);
    const progress = {
      stage: input.stage,
      amount: input.amount ?? null,
      amountCurrency: input.amount === undefined ? null : (input.currency ?? copy.currency ?? null),
      note: input.note ?? null,
      lastActivityAt: input.lastActivityAt ?? c.now,
      version: copy.progress.version + 1,
    };
    await c.tx.leads.updateReceived(copy.seq, { progress, updatedAt: c.now });
    await enqueueLeadMessage(
      c,
      owner,
      'lead.progress',
      {
        leadId: copy.id,
        stage: progress.stage,
        ...(input.amount !== undefined && { amount: input.amount }),
        ...(input.currency !== undefined && { currency: input.currency }),
        ...(input.note !== undefined && { note: input.note }),
        lastActivityAt: wireTime(progress.lastActivityAt),
        version: progress.version,
      },
      copy.offerMessageId,
    );
  });
}
