/**
 * What the service and warranty commands share: how a bad field is reported as its flag and how a
 * request or claim is printed. The flags every record command reads are in ../record-flags.ts.
 */
import { refusalCell } from '../refusal-cell.ts';
import { findClaimRef, findRequestRef } from '../../service/find-record.ts';
import { requestExtras } from '../../service/request-extras.ts';
import { claimDetailView, requestDetailView } from '../../service/views.ts';
import type { CommandContext } from '../command.ts';
import type { CliNode } from '../node-context.ts';
import { formatTime, statusCell, truncate, type Cell, type StyleName } from '../output.ts';
import type { RecordTarget } from '../record-flags.ts';
import { flagReader } from '../flag-errors.ts';

/** Where each input field comes from on the command line. */
const FIELD_FLAGS: Readonly<Record<string, string>> = {
  partner: '--partner',
  vendor: '--vendor',
  category: '--category',
  subject: '--subject',
  description: '--description',
  priority: '--priority',
  product: '--product',
  serial: '--serial',
  dueAt: '--due',
  status: '--status',
  comment: '--comment',
  visibility: '--internal or --for-partner',
  reason: '--reason',
  purchaseDate: '--purchased',
  failureDate: '--failed',
  failure: '--failure',
  claimedAmount: '--amount',
  approvedAmount: '--amount',
  currency: '--currency',
  requestId: '--request',
};

export const STATUS_STYLE: Readonly<Record<string, StyleName>> = {
  open: 'yellow',
  in_progress: 'cyan',
  waiting: 'yellow',
  resolved: 'green',
  closed: 'dim',
  submitted: 'yellow',
  more_info: 'cyan',
  approved: 'green',
  partial: 'green',
  rejected: 'red',
};

export function recordStatusCell(status: string, withdrawn: boolean, overdue = false): Cell {
  if (withdrawn) return { text: `${status} (withdrawn)`, style: 'dim' };
  if (overdue) return { text: `${status} (overdue)`, style: 'red' };
  return STATUS_STYLE[status] ? { text: status, style: STATUS_STYLE[status] } : statusCell(status);
}

/** Runs `fn` and reports a bad field as the flag that carried it. */
export const asFlags = flagReader(FIELD_FLAGS);

export async function printRequest(
  ctx: CommandContext,
  node: CliNode,
  target: RecordTarget,
): Promise<void> {
  const view = await node.deps.store.read(async (tx) => {
    const request = await findRequestRef(tx, target.ref, target.partner);
    const partner = (await tx.partners.getById(request.partnerId)) ?? undefined;
    return {
      ...requestDetailView(
        request,
        partner,
        await tx.service.events(request.id),
        node.deps.clock.now(),
      ),
      ...(await requestExtras(tx, request)),
    };
  });
  const { out } = ctx;
  if (out.json) {
    out.data(view);
    return;
  }
  out.line(`${out.style.bold(`request ${view.id}`)}  ${view.requestId}`);
  out.fields([
    ['status', recordStatusCell(view.status, view.withdrawn, view.overdue)],
    ['refused', refusalCell(view.refusal)],
    ['opened by', view.owner === 'self' ? 'us' : 'the partner'],
    ['partner', `${view.partner.name ?? view.partner.id} (${view.partner.nodeId ?? '-'})`],
    ['category', view.category],
    ['priority', view.priority],
    ['subject', view.subject],
    ['description', truncate(view.description, 200)],
    ['product', view.product ?? undefined],
    ['serial', view.serial ?? undefined],
    ['due', view.dueAt ? formatTime(new Date(view.dueAt)) : undefined],
    ['version', String(view.version)],
    ['withdrawn', view.withdrawnReason ?? undefined],
    ['respond by', view.respondBy ? formatTime(new Date(view.respondBy)) : undefined],
    [
      'response late',
      view.responseBreachedAt
        ? { text: `marked ${formatTime(new Date(view.responseBreachedAt))}`, style: 'red' }
        : undefined,
    ],
    [
      'attached',
      view.attachments.length === 0
        ? undefined
        : view.attachments.map((a) => `${a.type} ${a.recordId} (read-only)`).join(', '),
    ],
    [
      'charge',
      view.charge
        ? `${view.charge.amount} ${view.charge.currency} ${view.charge.status}`
        : undefined,
    ],
  ]);
  out.line();
  out.table(
    ['WHEN', 'WHO', 'WHAT', 'DETAIL', 'MESSAGE'],
    view.timeline.map((e) => [
      formatTime(e.at ? new Date(e.at) : null),
      e.side === 'system' ? 'this node' : e.side === 'self' ? 'us' : 'partner',
      e.type === 'update' ? `status ${e.status}` : e.type,
      truncate(
        e.comment
          ? `${e.comment.visibility === 'internal' ? '[internal] ' : ''}${e.comment.text}`
          : (e.reason ?? ''),
        60,
      ),
      e.messageId ?? '-',
    ]),
  );
}

export async function printClaim(
  ctx: CommandContext,
  node: CliNode,
  target: RecordTarget,
): Promise<void> {
  const view = await node.deps.store.read(async (tx) => {
    const claim = await findClaimRef(tx, target.ref, target.partner);
    const partner = (await tx.partners.getById(claim.partnerId)) ?? undefined;
    return claimDetailView(claim, partner, await tx.service.claimEvents(claim.id));
  });
  const { out } = ctx;
  if (out.json) {
    out.data(view);
    return;
  }
  out.line(`${out.style.bold(`claim ${view.id}`)}  ${view.claimId}`);
  out.fields([
    ['status', recordStatusCell(view.status, view.withdrawn)],
    ['refused', refusalCell(view.refusal)],
    [view.owner === 'self' ? 'vendor' : 'claimant', `${view.partner.name ?? view.partner.id}`],
    ['product', `${view.product}, serial ${view.serial}`],
    ['purchased', view.purchaseDate],
    ['failed', view.failureDate],
    ['failure', truncate(view.failure, 200)],
    ['claimed', `${view.claimedAmount} ${view.currency}`],
    ['approved', view.approvedAmount ? `${view.approvedAmount} ${view.currency}` : undefined],
    ['reason', view.decisionReason ?? undefined],
    ['request', view.requestId ?? undefined],
    ['version', String(view.version)],
    ['withdrawn', view.withdrawnReason ?? undefined],
  ]);
  out.line();
  out.table(
    ['WHEN', 'WHO', 'WHAT', 'VERSION', 'AMOUNT', 'MESSAGE'],
    view.history.map((e) => [
      formatTime(e.at ? new Date(e.at) : null),
      e.side === 'self' ? 'us' : 'partner',
      e.type === 'decision' ? `decision ${e.status}` : e.type,
      e.version === null ? '-' : String(e.version),
      e.amount ?? '-',
      e.messageId ?? '-',
    ]),
  );
}
