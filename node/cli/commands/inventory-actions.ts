/**
 * `partner-sync inventory settings|propose|decide|auto-accept`: what changes settings, sends a
 * proposal, decides one or sets the auto-accept rule. Flags are gathered into the admin API's
 * input shape and read by the same parsers, so both check alike.
 */
import { inventoryRowId } from '../../inventory/find-record.ts';
import {
  autoAcceptView,
  partnerSettingsView,
  proposalView,
  settingView,
} from '../../admin/inventory/views.ts';
import { decideProposal } from '../../inventory/decide-proposal.ts';
import {
  DECISION_STATUSES,
  parseAutoAccept,
  parseDecision,
  parsePartnerSettings,
  parseSend,
  parseSetting,
  POLICIES,
  sku as parseSku,
  VALID_DAYS,
} from '../../inventory/input.ts';
import { previewProposal, sendProposal } from '../../inventory/propose.ts';
import { putAutoAccept, putPartnerSettings, putSetting } from '../../inventory/settings-ops.ts';
import type { LineExplanation } from '../../inventory/compute-proposal.ts';
import type { Proposal } from '../../store/inventory-store.ts';
import { notFound } from '../../errors.ts';
import { flagSet, flagString, type CommandContext, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { findPartnerRef, withNode } from '../node-context.ts';
import type { Output } from '../output.ts';
import { asFlags, flag, parseLinesFlag, partnerNames, recordNumber } from './inventory-shared.ts';

/** A whole-number flag passed through as a number (the parser checks its range). */
function numberFlag(ctx: CommandContext, name: string): number | string | undefined {
  const raw = flagString(ctx, name);
  if (raw === undefined) return undefined;
  return /^-?\d{1,9}$/.test(raw) ? Number(raw) : raw;
}

function given(pairs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(pairs).filter(([, v]) => v !== undefined));
}

export const inventorySettingsCommand: CommandSpec = {
  name: 'inventory settings',
  summary: "Show a partner's replenishment settings, or set (or remove) one SKU's",
  usage: [
    'inventory settings [--partner REF] [--json]',
    'inventory settings --partner REF --sku SKU --policy min_max --min N --max N [--lead-time DAYS] [--pack N] [--location NAME]',
    'inventory settings --partner REF --sku SKU --policy days_of_cover --days N [--lead-time DAYS] [--pack N] [--location NAME]',
    'inventory settings --partner REF --sku SKU [--location NAME] --remove',
    'inventory settings --partner REF --auto-propose on|off [--valid-days N]',
  ],
  example:
    'inventory settings --partner 2 --sku SW-48 --policy days_of_cover --days 14 --lead-time 7',
  flags: [
    flag('partner', 'REF', 'The partner whose stock we manage.'),
    flag('sku', 'SKU', 'The SKU to set.'),
    flag('location', 'NAME', 'Only this location (default: every location without its own).'),
    flag('policy', 'POLICY', `${POLICIES.join(' or ')}.`),
    flag('min', 'N', 'min_max: order when on hand + on order falls below it.'),
    flag('max', 'N', 'min_max: order up to it.'),
    flag('days', 'N', 'days_of_cover: days of sales to cover after the lead time.'),
    flag('lead-time', 'DAYS', 'Days from order to delivery (default 0).'),
    flag('pack', 'N', 'Round quantities up to a multiple of it.'),
    { name: 'remove', type: 'boolean', description: 'Remove the setting instead.' },
    flag('auto-propose', 'on|off', 'Propose by itself a few minutes after the partner reports.'),
    flag(
      'valid-days',
      'N',
      `Days the partner has to decide an automatic proposal (default ${VALID_DAYS.fallback}).`,
    ),
  ],
  json: true,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const ref = flagString(ctx, 'partner');
      const partner = ref === undefined ? undefined : await findPartnerRef(node.deps.store, ref);
      const auto = flagString(ctx, 'auto-propose');
      if (auto !== undefined || flagString(ctx, 'valid-days') !== undefined) {
        if (!partner) throw new UsageError('--auto-propose needs --partner', ctx.spec.name);
        if (auto !== undefined && auto !== 'on' && auto !== 'off') {
          throw new UsageError('--auto-propose must be on or off', ctx.spec.name);
        }
        const saved = await asFlags(ctx, async () => {
          const { partner: _p, ...input } = parsePartnerSettings(
            given({
              partner: partner.id,
              autoPropose: auto === undefined ? undefined : auto === 'on',
              validDays: numberFlag(ctx, 'valid-days'),
            }),
          );
          return putPartnerSettings(node.deps, partner, input);
        });
        if (ctx.out.json) ctx.out.data(partnerSettingsView(saved, await partnerNames(node)));
        else {
          ctx.out.line(
            `Auto-propose for ${partner.name}: ${saved.autoPropose ? 'on' : 'off'} (proposals valid ${saved.validDays} days).`,
          );
        }
        return 0;
      }
      const skuFlag = flagString(ctx, 'sku');
      if (skuFlag !== undefined) {
        if (!partner) throw new UsageError('--sku needs --partner', ctx.spec.name);
        if (flagSet(ctx, 'remove')) {
          const s = await asFlags(ctx, async () => parseSku(skuFlag, 'sku'));
          const location = flagString(ctx, 'location') ?? '';
          const removed = await node.deps.store.transact((tx) =>
            tx.inventory.deleteSetting(partner.id, s, location),
          );
          if (!removed) throw notFound(`setting for ${s}`);
          if (!ctx.out.json) ctx.out.line(`Removed the setting for ${s}.`);
          else ctx.out.data({ removed: true });
          return 0;
        }
        await asFlags(ctx, async () => {
          const { partner: _p, ...input } = parseSetting(
            given({
              partner: partner.id,
              sku: skuFlag,
              location: flagString(ctx, 'location'),
              policy: flagString(ctx, 'policy'),
              min: flagString(ctx, 'min'),
              max: flagString(ctx, 'max'),
              days: numberFlag(ctx, 'days'),
              leadTimeDays: numberFlag(ctx, 'lead-time'),
              packSize: flagString(ctx, 'pack'),
            }),
          );
          await putSetting(node.deps, partner, input);
        });
      }
      const settings = await node.deps.store.read((tx) =>
        tx.inventory.listSettings(partner ? { partnerId: partner.id } : {}),
      );
      const names = await partnerNames(node);
      const { out } = ctx;
      if (out.json) {
        out.data(settings.map((s) => settingView(s, names)));
        return 0;
      }
      if (settings.length === 0) {
        out.line('No replenishment settings.');
        return 0;
      }
      out.table(
        ['PARTNER', 'SKU', 'LOCATION', 'POLICY', 'MIN', 'MAX', 'DAYS', 'LEAD TIME', 'PACK'],
        settings.map((s) => [
          names.get(s.partnerId)?.name ?? String(s.partnerId),
          s.sku,
          s.location === '' ? '(all)' : s.location,
          s.policy,
          s.min ?? '-',
          s.max ?? '-',
          s.days === null ? '-' : String(s.days),
          String(s.leadTimeDays),
          s.packSize ?? '-',
        ]),
      );
      return 0;
    });
  },
};

function printLines(out: Output, title: string, lines: readonly LineExplanation[]) {
  if (lines.length === 0) return;
  out.line(out.style.bold(title));
  out.table(
    ['SKU', 'QTY', 'SOLD/DAY', 'POSITION', 'COVER', 'LEAD', 'POLICY', 'TARGET'],
    lines.map((l) => [
      l.sku,
      l.qty,
      l.soldPerDay,
      l.position,
      l.coverDaysNow ?? '-',
      String(l.leadTimeDays),
      l.policy,
      l.target,
    ]),
  );
}

export const inventoryProposeCommand: CommandSpec = {
  name: 'inventory propose',
  summary: "Compute a replenishment proposal from a partner's reports, and send it",
  usage: ['inventory propose --partner REF --location NAME [--preview] [--valid-days N] [--json]'],
  example: 'inventory propose --partner 2 --location "Berlin store" --preview',
  flags: [
    { ...flag('partner', 'REF', 'The partner whose stock we manage.'), required: true },
    { ...flag('location', 'NAME', 'The location its reports are about.'), required: true },
    flag('valid-days', 'N', `Days the partner has to decide (default ${VALID_DAYS.fallback}).`),
    { name: 'preview', type: 'boolean', description: 'Show the computation; send nothing.' },
  ],
  json: true,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const partner = await findPartnerRef(node.deps.store, flagString(ctx, 'partner') ?? '');
      const input = await asFlags(ctx, async () =>
        parseSend(
          given({
            partner: partner.id,
            location: flagString(ctx, 'location'),
            validDays: numberFlag(ctx, 'valid-days'),
          }),
        ),
      );
      const { out } = ctx;
      if (flagSet(ctx, 'preview')) {
        const computed = await previewProposal(node.deps, partner, input.location);
        if (out.json) {
          out.data(computed);
          return 0;
        }
        out.line(`Based on reports ${computed.basedOn.join(', ')}.`);
        printLines(out, 'To order', computed.lines);
        printLines(out, 'Sufficient', computed.sufficient);
        if (computed.unreported.length > 0) {
          out.line(`Not reported: ${computed.unreported.join(', ')}`);
        }
        return 0;
      }
      const proposal = await sendProposal(node.deps, { ...input, partner });
      if (out.json)
        out.data(proposalView(proposal, await partnerNames(node), node.deps.clock.now()));
      else {
        out.line(
          `Sent proposal ${proposal.id} (${proposal.proposalId}) with ${proposal.lines.length} lines to ${partner.name}, valid until ${proposal.validUntil.toISOString()}.`,
        );
      }
      return 0;
    });
  },
};

export const inventoryDecideCommand: CommandSpec = {
  name: 'inventory decide',
  summary: 'Accept (places the order), modify or reject a proposal from a supplier',
  usage: [
    'inventory decide <id> --status accepted|rejected [--reason TEXT] [--json]',
    'inventory decide <id> --status modified --lines SKU=QTY,... [--reason TEXT] [--json]',
  ],
  args: [{ name: 'id', required: true }],
  example: 'inventory decide 3 --status modified --lines SW-48=24 --reason "Shelf space"',
  flags: [
    { ...flag('status', 'STATUS', `${DECISION_STATUSES.join(', ')}.`), required: true },
    flag(
      'lines',
      'LIST',
      'With modified: SKU=QTY pairs, comma-separated; a proposed SKU not listed (or QTY 0) is not ordered.',
    ),
    flag('reason', 'TEXT', 'Why, for the supplier.'),
  ],
  json: true,
  details: ['<id> is the number "partner-sync inventory proposals" shows, or the proposal id.'],
  async run(ctx) {
    const id = recordNumber(ctx, 'inventory proposals')!;
    const linesFlag = flagString(ctx, 'lines');
    const input = await asFlags(ctx, async () =>
      parseDecision(
        given({
          status: flagString(ctx, 'status'),
          lines: linesFlag === undefined ? undefined : parseLinesFlag(ctx, linesFlag),
          reason: flagString(ctx, 'reason'),
        }),
      ),
    );
    return withNode(ctx, async (node) => {
      const rowId = await inventoryRowId(node.deps.store, 'proposal', id);
      const decided = await asFlags(ctx, () => decideProposal(node.deps, rowId, input));
      const left = leftOut(decided);
      if (left.length > 0) {
        // Not silent: a SKU missing from --lines is not ordered at all.
        ctx.out.warn(
          `not ordered, as --lines leaves them out: ${left.map((l) => `${l.sku} (proposed ${l.qty})`).join(', ')}`,
        );
      }
      if (ctx.out.json) {
        ctx.out.data(proposalView(decided, await partnerNames(node), node.deps.clock.now()));
      } else {
        ctx.out.line(
          `Proposal ${rowId} ${decided.status}${decided.orderId ? `; order ${decided.orderId} placed` : ''}.`,
        );
      }
      return 0;
    });
  },
};

/** The proposed lines a modified decision does not order (left out, or given as 0). */
function leftOut(p: Proposal): Array<{ sku: string; qty: string }> {
  if (p.status !== 'modified' || !p.decisionLines) return [];
  const ordered = new Set(p.decisionLines.map((l) => l.sku));
  return p.lines.filter((l) => !ordered.has(l.sku)).map((l) => ({ sku: l.sku, qty: l.qty }));
}

export const inventoryAutoAcceptCommand: CommandSpec = {
  name: 'inventory auto-accept',
  summary: "Show the auto-accept rules, or set a supplier's",
  usage: [
    'inventory auto-accept [--json]',
    'inventory auto-accept --supplier REF [--off] [--max-lines N] [--max-line-qty Q] [--max-total-qty Q] [--json]',
  ],
  example: 'inventory auto-accept --supplier 1 --max-total-qty 500',
  flags: [
    flag('supplier', 'REF', 'The supplier whose proposals to accept on receipt.'),
    { name: 'off', type: 'boolean', description: 'Stop accepting automatically.' },
    flag('max-lines', 'N', 'Only proposals of at most N lines.'),
    flag('max-line-qty', 'Q', 'Only proposals with no line over Q units.'),
    flag('max-total-qty', 'Q', 'Only proposals of at most Q units in all.'),
  ],
  json: true,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const ref = flagString(ctx, 'supplier');
      if (ref !== undefined) {
        const supplier = await findPartnerRef(node.deps.store, ref);
        await asFlags(ctx, async () => {
          const { supplier: _s, ...input } = parseAutoAccept(
            given({
              supplier: supplier.id,
              enabled: !flagSet(ctx, 'off'),
              maxLines: numberFlag(ctx, 'max-lines'),
              maxLineQty: flagString(ctx, 'max-line-qty'),
              maxTotalQty: flagString(ctx, 'max-total-qty'),
            }),
          );
          await putAutoAccept(node.deps, supplier, input);
        });
      }
      const rules = await node.deps.store.read((tx) => tx.inventory.listAutoAccept());
      const names = await partnerNames(node);
      const { out } = ctx;
      if (out.json) {
        out.data(rules.map((r) => autoAcceptView(r, names)));
        return 0;
      }
      if (rules.length === 0) {
        out.line('No auto-accept rules: every proposal waits for a decision.');
        return 0;
      }
      out.table(
        ['SUPPLIER', 'ENABLED', 'MAX LINES', 'MAX LINE QTY', 'MAX TOTAL QTY'],
        rules.map((r) => [
          names.get(r.partnerId)?.name ?? String(r.partnerId),
          r.enabled ? 'yes' : 'no',
          r.maxLines === null ? '-' : String(r.maxLines),
          r.maxLineQty ?? '-',
          r.maxTotalQty ?? '-',
        ]),
      );
      return 0;
    });
  },
};
