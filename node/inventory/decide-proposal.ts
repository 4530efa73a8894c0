/**
 * The partner's side: decide a replenishment proposal our supplier sent. Accepting places a
 * replenishment order with the supplier for the proposed lines, modifying places it with the
 * quantities given, rejecting places none; the order (order.place), the decision and the
 * replenishment.decision message are written in one unit of work, so a failed order leaves the
 * proposal open and nothing sent. Only open proposals are decided, and only before validUntil
 * (a rejection is still allowed after it: it commits the partner to nothing).
 */
import { newMessageId } from '../../protocol/index.ts';
import {
  assertCanSend,
  assertValidBody,
  enqueueTo,
  partnerOf,
} from '../domain-kernel/send-to-partner.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { placeOrder } from '../orders/place-order.ts';
import { Decimal } from '../records/decimal-string.ts';
import type { OrderedLine, Proposal, ProposalDecision } from '../store/inventory-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { DecisionBody } from './bodies.ts';
import { DECISION_KIND } from './bodies.ts';
import type { DecisionInput } from './input.ts';
import type { InventoryDeps } from './inventory-deps.ts';

export type DecideDeps = Pick<InventoryDeps, 'clock' | 'schemas'>;

export async function decideProposal(
  deps: InventoryDeps,
  id: number,
  input: DecisionInput,
): Promise<Proposal> {
  const decided = await deps.store.transact(async (tx) => {
    const proposal = await tx.inventory.getProposal(id);
    if (!proposal) throw notFound(`proposal ${id}`);
    return decideInTx(deps, tx, proposal, input, { auto: false });
  });
  deps.notifyOutbox();
  return decided;
}

/** The lines to order for a decision, checked against the proposal. */
export function orderLinesFor(proposal: Proposal, input: DecisionInput): OrderedLine[] {
  if (input.status === 'rejected') return [];
  if (input.status === 'accepted') return proposal.lines.map((l) => ({ sku: l.sku, qty: l.qty }));
  const proposed = new Set(proposal.lines.map((l) => l.sku));
  const lines = (input.lines ?? []).filter((l, i) => {
    if (!proposed.has(l.sku)) {
      throw badRequest('invalid_field', `${l.sku} is not in the proposal`, `lines[${i}].sku`);
    }
    return !new Decimal(l.qty).isZero();
  });
  if (lines.length === 0) {
    throw badRequest('invalid_field', 'every quantity is 0: reject the proposal instead', 'lines');
  }
  return lines;
}

/** Decides in the caller's unit of work; the caller calls notifyOutbox after the commit. */
export async function decideInTx(
  deps: DecideDeps,
  tx: StoreTx,
  proposal: Proposal,
  input: DecisionInput,
  options: { auto: boolean },
): Promise<Proposal> {
  const now = deps.clock.now();
  if (proposal.role !== 'partner') {
    throw conflict(
      'proposal_wrong_role',
      `proposal ${proposal.id} is one we sent; only the partner it was sent to decides it`,
    );
  }
  if (proposal.status !== 'open') {
    throw conflict('proposal_decided', `proposal ${proposal.id} is ${proposal.status} already`);
  }
  if (input.status !== 'rejected' && now.getTime() > proposal.validUntil.getTime()) {
    throw conflict(
      'proposal_expired',
      `proposal ${proposal.id} was valid until ${proposal.validUntil.toISOString()}`,
    );
  }
  const supplier = await partnerOf(tx, proposal.partnerId);
  assertCanSend(supplier);
  const lines = orderLinesFor(proposal, input);

  let orderId: string | null = null;
  if (lines.length > 0) {
    const placed = await placeOrder(deps, tx, {
      sellerPartnerId: supplier.id,
      type: 'replenishment',
      lines: lines.map((l) => ({ sku: l.sku, qty: l.qty })),
      note: `Replenishment proposal ${proposal.proposalId} for ${proposal.location}`.slice(0, 500),
    });
    orderId = placed.orderId;
  }
  const decision: ProposalDecision = {
    status: input.status,
    lines: input.status === 'modified' ? lines : null,
    reason: input.reason ?? null,
    orderId,
    at: now,
    autoAccepted: options.auto,
  };
  const body: DecisionBody = {
    proposalId: proposal.proposalId,
    status: decision.status,
    ...(orderId !== null && { orderId }),
    ...(decision.lines !== null && { lines: decision.lines }),
    ...(decision.reason !== null && { reason: decision.reason }),
    // The supplier's copy says who decided, as ours does.
    ...(options.auto && decision.status === 'accepted' && { autoAccepted: true }),
  };
  assertValidBody(deps.schemas, DECISION_KIND, body);
  await tx.inventory.recordDecision(proposal.id, decision);
  await enqueueTo(tx, supplier, { messageId: newMessageId(), kind: DECISION_KIND, body }, now);
  return {
    ...proposal,
    status: decision.status,
    decisionLines: decision.lines,
    decisionReason: decision.reason,
    orderId,
    decidedAt: now,
    autoAccepted: options.auto,
    updatedAt: now,
  };
}
