/** How the deals commands name a registration and print one. */
import { dealView } from '../../admin/deals/views.ts';
import { effectiveStatus } from '../../deals/deal-status.ts';
import type { CommandContext } from '../command.ts';
import { CliFailure, UsageError } from '../errors.ts';
import type { CliNode } from '../node-context.ts';
import { refusalText } from '../../records/refusal-view.ts';
import { formatTime, statusCell, type StyleName } from '../output.ts';
import { partnersById } from '../../partners/partners-by-id.ts';
import { laterConflictsOf } from '../../deals/later-conflicts.ts';

export const DEAL_STATUS_STYLE: Readonly<Record<string, StyleName>> = {
  submitted: 'yellow',
  returned: 'cyan',
  approved: 'green',
  rejected: 'red',
  conflict: 'red',
  expired: 'dim',
  withdrawn: 'dim',
};

export function dealStatusCell(status: string, refusedCode?: string) {
  // A refused message leaves the status as it was on our side; say so where the status shows.
  if (refusedCode) return { text: `${status}, refused (${refusedCode})`, style: 'red' as const };
  return DEAL_STATUS_STYLE[status]
    ? { text: status, style: DEAL_STATUS_STYLE[status] }
    : statusCell(status);
}

/** The `<id>` argument: the number `deals` shows, or the shared deal id (find-deal.ts). */
export function dealRefArg(ctx: CommandContext): string {
  const raw = ctx.args[0] ?? '';
  if (raw === '' || raw.length > 200) {
    throw new UsageError(
      `<id> must be a deal number as "partner-sync deals" shows it, or a deal id (got "${raw}")`,
      ctx.spec.name,
    );
  }
  return raw;
}

export const partnerNames = (node: CliNode) => partnersById(node.deps.store);

/** One registration: JSON with --json, else its fields. */
export async function printDeal(ctx: CommandContext, node: CliNode, id: number): Promise<void> {
  const found = await node.deps.store.read(async (tx) => {
    const deal = await tx.deals.get(id);
    return deal && { deal, later: await laterConflictsOf(tx, [deal]) };
  });
  if (!found) throw new CliFailure(`no deal ${id}: "partner-sync deals" lists them`);
  const { deal, later } = found;
  const names = await partnerNames(node);
  const now = node.deps.clock.now();
  const { out } = ctx;
  if (out.json) {
    out.data(dealView(deal, names, now, later));
    return;
  }
  const counterpart = names.get(deal.partnerId);
  const c = deal.endCustomer;
  out.line(`${out.style.bold(`deal ${deal.id}`)}  ${deal.dealId}`);
  out.fields([
    ['status', dealStatusCell(effectiveStatus(deal, now))],
    [
      'refused',
      deal.refusal
        ? {
            text: `${formatTime(deal.refusal.at)} ${deal.refusal.kind} ${refusalText(deal.refusal)}`,
            style: 'red',
          }
        : undefined,
    ],
    [
      deal.role === 'partner' ? 'vendor' : 'partner',
      counterpart ? `${counterpart.name} (${counterpart.nodeId})` : String(deal.partnerId),
    ],
    ['version', String(deal.version)],
    ['customer', `${c.name}, ${c.country}${c.domain ? `, ${c.domain}` : ''}`],
    ['products', deal.products.join(', ')],
    ['value', `${deal.estimatedValue} ${deal.currency}`],
    ['closes', deal.expectedCloseDate],
    ['notes', deal.notes ?? undefined],
    [
      'decided',
      deal.decidedAt ? `${formatTime(deal.decidedAt)} (version ${deal.decidedVersion})` : undefined,
    ],
    ['reason', deal.decisionReason ?? undefined],
    ['protected until', deal.protectedUntil ? formatTime(deal.protectedUntil) : undefined],
    [
      'conflicts with',
      deal.conflicts?.length
        ? deal.conflicts
            .map((x) => {
              const who = names.get(x.partnerId)?.name ?? `partner ${x.partnerId}`;
              return x.type === 'deal'
                ? `deal ${x.dealRowId} of ${who} (${x.products.join(', ')})`
                : `lead ${x.leadId} of ${who}`;
            })
            .join('; ')
        : undefined,
    ],
    [
      'clashed later',
      later.get(deal.id)?.length
        ? later
            .get(deal.id)!
            .map((l) => {
              const who = names.get(l.deal.partnerId)?.name ?? `partner ${l.deal.partnerId}`;
              return `deal ${l.deal.id} of ${who} (${l.products.join(', ')})`;
            })
            .join('; ')
        : undefined,
    ],
    [
      'withdrawn',
      deal.withdrawnAt
        ? `${formatTime(deal.withdrawnAt)}: ${deal.withdrawnReason ?? ''}`
        : undefined,
    ],
    ['registered', formatTime(deal.registeredAt)],
  ]);
}
