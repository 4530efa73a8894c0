/**
 * The supplier's side: compute a replenishment proposal for a partner's location from its latest
 * reports and our settings (a preview changes nothing), and send it as replenishment.proposal,
 * stored with the computation behind each line in the same unit of work.
 */
import { newMessageId } from '../../protocol/index.ts';
import { assertCanSend, assertValidBody, enqueueTo } from '../domain-kernel/send-to-partner.ts';
import { AppError } from '../errors.ts';
import type { Proposal, ProposalFields } from '../store/inventory-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { hashOf, PROPOSAL_KIND, proposalBody } from './bodies.ts';
import { computeProposal, type ProposalComputation } from './compute-proposal.ts';
import { MAX_PROPOSAL_LINES } from './input.ts';
import type { InventoryDeps } from './inventory-deps.ts';

const DAY_MS = 86_400_000;
/** Enough reports for any sales window the computation uses (weekly reports over months). */
const REPORTS_READ = 60;

export async function computeFor(
  tx: StoreTx,
  partner: Partner,
  location: string,
): Promise<ProposalComputation> {
  const [reports, settings] = await Promise.all([
    tx.inventory.latestReports(partner.id, location, REPORTS_READ),
    tx.inventory.listSettings({ partnerId: partner.id }),
  ]);
  if (reports.length === 0) {
    throw new AppError(
      409,
      'no_reports',
      `partner ${partner.id} has sent no inventory report for location ${location}`,
    );
  }
  return computeProposal({ reports, settings, location });
}

export async function previewProposal(
  deps: InventoryDeps,
  partner: Partner,
  location: string,
): Promise<ProposalComputation> {
  return deps.store.read((tx) => computeFor(tx, partner, location));
}

export async function sendProposal(
  deps: InventoryDeps,
  input: { partner: Partner; location: string; validDays: number },
): Promise<Proposal> {
  assertCanSend(input.partner);
  const now = deps.clock.now();
  const proposal = await deps.store.transact(async (tx) => {
    const made = await proposeInTx(deps, tx, { ...input, now });
    if (!made) {
      throw new AppError(
        409,
        'nothing_to_propose',
        'every SKU with a setting is covered (or unreported): there is nothing to propose',
      );
    }
    return made;
  });
  deps.notifyOutbox();
  return proposal;
}

/**
 * Computes, stores and queues a proposal in the caller's unit of work; null when there is
 * nothing to order.
 */
export async function proposeInTx(
  deps: Pick<InventoryDeps, 'schemas'>,
  tx: StoreTx,
  input: { partner: Partner; location: string; validDays: number; now: Date },
): Promise<Proposal | null> {
  const { partner, location, now } = input;
  const computed = await computeFor(tx, partner, location);
  if (computed.lines.length === 0) return null;
  if (computed.lines.length > MAX_PROPOSAL_LINES) {
    throw new AppError(
      409,
      'too_many_lines',
      `the proposal has ${computed.lines.length} lines; at most ${MAX_PROPOSAL_LINES} fit one order`,
    );
  }
  const fields: ProposalFields = {
    proposalId: newMessageId(),
    location,
    basedOn: computed.basedOn,
    validUntil: new Date(now.getTime() + input.validDays * DAY_MS),
    lines: computed.lines.map((l) => ({ sku: l.sku, qty: l.qty, reason: l.reason })),
  };
  const body = proposalBody(fields);
  assertValidBody(deps.schemas, PROPOSAL_KIND, body);
  const stored = await tx.inventory.insertProposal({
    role: 'supplier',
    partnerId: partner.id,
    fields,
    details: computed,
    contentHash: hashOf(body),
    jws: null,
    at: now,
  });
  await enqueueTo(tx, partner, { messageId: newMessageId(), kind: PROPOSAL_KIND, body }, now);
  return stored;
}
