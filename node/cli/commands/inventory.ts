/**
 * `partner-sync inventory …`: vendor-managed inventory. As the partner: send stock reports (CSV),
 * decide proposals, set the auto-accept rule. As the supplier: keep settings per partner and SKU,
 * preview and send proposals. Both: list and show reports and proposals. The commands that
 * change a proposal or a rule are in inventory-actions.ts.
 */
import { refusalCell } from '../refusal-cell.ts';
import { inventoryRowId } from '../../inventory/find-record.ts';
import { PROPOSAL_ROLES, PROPOSAL_STATUSES, REPORT_ROLES } from '../../admin/inventory/routes.ts';
import { proposalView, reportSummaryView, reportView } from '../../admin/inventory/views.ts';
import { parseReport } from '../../inventory/input.ts';
import { MAX_STOCK_CSV_BYTES, parseStockCsv } from '../../inventory/stock-csv.ts';
import { submitReport } from '../../inventory/submit-report.ts';
import { notFound } from '../../errors.ts';
import type { ProposalRole, ProposalStatus, ReportRole } from '../../store/inventory-store.ts';
import { flagFile, flagInteger, flagString, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { findPartnerRef, withNode } from '../node-context.ts';
import { formatTime, truncate } from '../output.ts';
import {
  inventoryAutoAcceptCommand,
  inventoryDecideCommand,
  inventoryProposeCommand,
  inventorySettingsCommand,
} from './inventory-actions.ts';
import { asFlags, flag, optionalPartner, partnerNames, recordNumber } from './inventory-shared.ts';

const LIMIT = { min: 1, max: 500, fallback: 50 };

function oneOf<T extends string>(
  value: string | undefined,
  name: string,
  allowed: readonly T[],
  command: string,
): T | undefined {
  if (value !== undefined && !allowed.includes(value as T)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`, command);
  }
  return value as T | undefined;
}

export const inventoryReportCommand: CommandSpec = {
  name: 'inventory report',
  summary: 'Send a stock report (CSV) for a location and period to a supplier',
  usage: [
    'inventory report --supplier REF --location NAME --period-start DATE --period-end DATE --file FILE.csv [--id ID] [--note TEXT] [--json]',
  ],
  example:
    'inventory report --supplier 1 --location "Berlin store" --period-start 2027-01-04 --period-end 2027-01-10 --file stock.csv',
  flags: [
    { ...flag('supplier', 'REF', 'The supplier (its number or node id).'), required: true },
    { ...flag('location', 'NAME', 'The stock location (store, warehouse).'), required: true },
    { ...flag('period-start', 'DATE', 'First day of the period (2027-01-04).'), required: true },
    { ...flag('period-end', 'DATE', 'Last day of the period, included.'), required: true },
    { ...flag('file', 'FILE', 'The CSV file of stock lines.'), required: true },
    flag('id', 'ID', 'Our id for the report (default: a new UUID).'),
    flag('note', 'TEXT', 'A note for the supplier.'),
  ],
  json: true,
  details: [
    `Columns: sku, onHand, sold, onOrder, returned (a header row; sku, onHand and sold required; at most ${MAX_STOCK_CSV_BYTES / 1024} KiB). Quantities are decimals such as 12 or 2.5.`,
  ],
  async run(ctx) {
    const csv = await flagFile(ctx, 'file');
    return withNode(ctx, async (node) => {
      const supplier = await findPartnerRef(node.deps.store, flagString(ctx, 'supplier') ?? '');
      const report = await asFlags(ctx, async () => {
        const lines = parseStockCsv(csv);
        const input = parseReport({
          supplier: supplier.id,
          location: flagString(ctx, 'location'),
          periodStart: flagString(ctx, 'period-start'),
          periodEnd: flagString(ctx, 'period-end'),
          lines,
          ...(flagString(ctx, 'id') !== undefined && { reportId: flagString(ctx, 'id') }),
          ...(flagString(ctx, 'note') !== undefined && { note: flagString(ctx, 'note') }),
        });
        const { supplier: _ref, ...fields } = input;
        return submitReport(node.deps, { ...fields, supplier });
      });
      if (ctx.out.json) ctx.out.data(reportView(report, await partnerNames(node)));
      else {
        ctx.out.line(
          `Sent report ${report.id} (${report.reportId}): ${report.lines.length} lines for ${report.location}, ${report.periodStart} to ${report.periodEnd}, to ${supplier.name}.`,
        );
      }
      return 0;
    });
  },
};

export const inventoryReportsCommand: CommandSpec = {
  name: 'inventory reports',
  summary: 'List stock reports, newest first, or show one with its lines',
  usage: [
    'inventory reports [--role partner|supplier] [--partner REF] [--location NAME] [--limit N] [--json]',
    'inventory reports <id> [--json]',
  ],
  args: [{ name: 'id', required: false }],
  example: 'inventory reports --role supplier --partner 2',
  flags: [
    flag('role', 'ROLE', 'partner: reports we sent; supplier: reports partners sent us.'),
    flag('partner', 'REF', 'Only with this partner or supplier.'),
    flag('location', 'NAME', 'Only this location.'),
    flag('limit', 'N', `Show at most N (default ${LIMIT.fallback}).`),
  ],
  json: true,
  async run(ctx) {
    const id = recordNumber(ctx, 'inventory reports');
    const role = oneOf<ReportRole>(flagString(ctx, 'role'), 'role', REPORT_ROLES, ctx.spec.name);
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async (node) => {
      const names = await partnerNames(node);
      const { out } = ctx;
      if (id !== undefined) {
        const rowId = await inventoryRowId(node.deps.store, 'report', id);
        const report = await node.deps.store.read((tx) => tx.inventory.getReport(rowId));
        if (!report) throw notFound(`report ${id}`);
        if (out.json) {
          out.data(reportView(report, names));
          return 0;
        }
        out.fields([
          ['report', `${report.id} (${report.reportId})`],
          ['role', report.role],
          ['with', names.get(report.partnerId)?.name ?? String(report.partnerId)],
          ['location', report.location],
          ['period', `${report.periodStart} to ${report.periodEnd}`],
          ['note', report.note ?? undefined],
          ['refused', refusalCell(report.refusal)],
        ]);
        out.table(
          ['SKU', 'ON HAND', 'SOLD', 'ON ORDER', 'RETURNED'],
          report.lines.map((l) => [l.sku, l.onHand, l.sold, l.onOrder, l.returned ?? '-']),
        );
        return 0;
      }
      const partner = await optionalPartner(node, flagString(ctx, 'partner'));
      const location = flagString(ctx, 'location');
      const reports = await node.deps.store.read((tx) =>
        tx.inventory.listReports(
          {
            ...(role !== undefined && { role }),
            ...(partner !== undefined && { partnerId: partner.id }),
            ...(location !== undefined && { location }),
          },
          { limit },
        ),
      );
      if (out.json) {
        out.data(reports.map((r) => reportSummaryView(r, names)));
        return 0;
      }
      if (reports.length === 0) {
        out.line('No stock reports.');
        return 0;
      }
      out.table(
        ['ID', 'ROLE', 'WITH', 'LOCATION', 'PERIOD', 'LINES', 'RECEIVED'],
        reports.map((r) => [
          String(r.id),
          r.role,
          names.get(r.partnerId)?.name ?? String(r.partnerId),
          truncate(r.location, 30),
          `${r.periodStart}..${r.periodEnd}`,
          String(r.lines.length),
          formatTime(r.createdAt),
        ]),
      );
      return 0;
    });
  },
};

export const inventoryProposalsCommand: CommandSpec = {
  name: 'inventory proposals',
  summary: 'List replenishment proposals, newest first, or show one line by line',
  usage: [
    'inventory proposals [--role supplier|partner] [--status STATUS] [--partner REF] [--limit N] [--json]',
    'inventory proposals <id> [--json]',
  ],
  args: [{ name: 'id', required: false }],
  example: 'inventory proposals --role partner --status open',
  flags: [
    flag('role', 'ROLE', 'supplier: proposals we sent; partner: proposals suppliers sent us.'),
    flag('status', 'STATUS', `Only this status: ${PROPOSAL_STATUSES.join(', ')}.`),
    flag('partner', 'REF', 'Only with this partner or supplier.'),
    flag('limit', 'N', `Show at most N (default ${LIMIT.fallback}).`),
  ],
  json: true,
  async run(ctx) {
    const id = recordNumber(ctx, 'inventory proposals');
    const role = oneOf<ProposalRole>(
      flagString(ctx, 'role'),
      'role',
      PROPOSAL_ROLES,
      ctx.spec.name,
    );
    const status = oneOf<ProposalStatus>(
      flagString(ctx, 'status'),
      'status',
      PROPOSAL_STATUSES,
      ctx.spec.name,
    );
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async (node) => {
      const names = await partnerNames(node);
      const now = node.deps.clock.now();
      const { out } = ctx;
      if (id !== undefined) {
        const rowId = await inventoryRowId(node.deps.store, 'proposal', id);
        const p = await node.deps.store.read((tx) => tx.inventory.getProposal(rowId));
        if (!p) throw notFound(`proposal ${id}`);
        const view = proposalView(p, names, now);
        if (out.json) {
          out.data(view);
          return 0;
        }
        out.fields([
          ['proposal', `${p.id} (${p.proposalId})`],
          ['role', p.role],
          ['with', names.get(p.partnerId)?.name ?? String(p.partnerId)],
          ['location', p.location],
          ['status', view.expired ? 'open (expired)' : p.status],
          ['refused', refusalCell(p.refusal)],
          ['valid until', formatTime(p.validUntil)],
          ['based on', p.basedOn.join(', ')],
          ['order', p.orderId ?? undefined],
          ['reason', p.decisionReason ?? undefined],
          ['auto-accept', p.autoAcceptNote ?? undefined],
        ]);
        out.table(
          ['SKU', 'QTY', 'ORDERED', 'WHY'],
          p.lines.map((l) => [
            l.sku,
            l.qty,
            p.decisionLines?.find((d) => d.sku === l.sku)?.qty ??
              (p.status === 'accepted' ? l.qty : p.status === 'open' ? '-' : '0'),
            l.reason,
          ]),
        );
        return 0;
      }
      const partner = await optionalPartner(node, flagString(ctx, 'partner'));
      const proposals = await node.deps.store.read((tx) =>
        tx.inventory.listProposals(
          {
            ...(role !== undefined && { role }),
            ...(status !== undefined && { status }),
            ...(partner !== undefined && { partnerId: partner.id }),
          },
          { limit },
        ),
      );
      if (out.json) {
        out.data(proposals.map((p) => proposalView(p, names, now)));
        return 0;
      }
      if (proposals.length === 0) {
        out.line('No replenishment proposals.');
        return 0;
      }
      out.table(
        ['ID', 'ROLE', 'WITH', 'LOCATION', 'LINES', 'STATUS', 'VALID UNTIL', 'ORDER'],
        proposals.map((p) => [
          String(p.id),
          p.role,
          names.get(p.partnerId)?.name ?? String(p.partnerId),
          truncate(p.location, 30),
          String(p.lines.length),
          p.status === 'open' && now > p.validUntil ? 'expired' : p.status,
          formatTime(p.validUntil),
          p.orderId ?? '-',
        ]),
      );
      return 0;
    });
  },
};

export const INVENTORY_COMMANDS: readonly CommandSpec[] = [
  inventoryReportCommand,
  inventoryReportsCommand,
  inventorySettingsCommand,
  inventoryProposeCommand,
  inventoryProposalsCommand,
  inventoryDecideCommand,
  inventoryAutoAcceptCommand,
];
