/**
 * What the inventory operations answer (reports, settings, proposals, rules), as zod schemas: the
 * document describes them and the contract test holds the answers to them.
 */
import { z } from 'zod';
import { DECISION_STATUSES, POLICIES } from '../../inventory/inventory-schemas.ts';
import { date, decimal, intOrNull, nextCursor, partnerOf } from '../record-schemas.ts';
import { recordRefusal, stringOrNull, time, timeOrNull } from '../view-schemas.ts';

const qty = decimal.meta({ description: 'A decimal string.' });
const qtyOrNull = decimal.nullable();
const sku = z.string().min(1).max(64);

const stockLine = z.strictObject({
  sku,
  onHand: qty,
  sold: qty,
  onOrder: qty.optional(),
  returned: qty.optional(),
});
const orderedLine = z.strictObject({ sku, qty });

const reportCommon = {
  id: z.number().int(),
  role: z.enum(['partner', 'supplier']).meta({
    description: 'partner: we sent it to our supplier; supplier: a partner sent it to us.',
  }),
  reportId: z.string(),
  partner: partnerOf.meta({ description: 'The supplier (role partner) or the reporting partner.' }),
  location: z.string(),
  periodStart: date,
  periodEnd: date,
  days: z.number().int().meta({ description: 'Days in the period, both ends included.' }),
  note: stringOrNull,
  createdAt: time,
  refusal: recordRefusal('report'),
};

export const InventoryReport = z
  .strictObject({ ...reportCommon, lines: z.array(stockLine) })
  .meta({ id: 'InventoryReport' });

export const InventoryReportPage = z
  .strictObject({
    reports: z.array(
      z
        .strictObject({ ...reportCommon, lineCount: z.number().int() })
        .meta({ id: 'InventoryReportSummary' }),
    ),
    nextCursor,
  })
  .meta({ id: 'InventoryReportPage' });

export const InventorySetting = z
  .strictObject({
    partner: partnerOf,
    sku,
    location: stringOrNull.meta({ description: 'Null: every location without its own setting.' }),
    policy: z.enum(POLICIES),
    min: qtyOrNull,
    max: qtyOrNull,
    days: intOrNull,
    leadTimeDays: z.number().int(),
    packSize: qtyOrNull,
    updatedAt: time,
  })
  .meta({ id: 'InventorySetting' });

const lineExplanation = z
  .object({
    sku,
    qty,
    policy: z.enum(POLICIES),
    soldPerDay: qty,
    sold: qty,
    salesDays: z.number().int(),
    salesReports: z.array(z.string()),
    onHand: qty,
    onOrder: qty,
    position: qty,
    positionReport: z.string(),
    coverDaysNow: qtyOrNull.meta({ description: 'Null without sales.' }),
    leadTimeDays: z.number().int(),
    min: qtyOrNull,
    max: qtyOrNull,
    coverDays: intOrNull,
    target: qty,
    unrounded: qty,
    packSize: qtyOrNull,
    reason: z.string(),
  })
  .partial()
  .meta({ description: 'How one SKU’s quantity came about (the structured twin of its reason).' });

export const ProposalComputation = z
  .strictObject({
    basedOn: z.array(z.string()),
    lines: z.array(lineExplanation).meta({ description: 'SKUs to order.' }),
    sufficient: z
      .array(lineExplanation)
      .meta({ description: 'SKUs evaluated with nothing to order.' }),
    unreported: z
      .array(z.string())
      .meta({ description: 'SKUs with a setting that no report used lists.' }),
  })
  .meta({ id: 'ProposalComputation' });

export const Proposal = z
  .strictObject({
    id: z.number().int(),
    role: z
      .enum(['supplier', 'partner'])
      .meta({ description: 'supplier: we sent it; partner: our supplier sent it to us.' }),
    proposalId: z.string(),
    partner: partnerOf,
    location: z.string(),
    basedOn: z.array(z.string()),
    validUntil: time,
    expired: z.boolean().meta({ description: 'Open and past validUntil.' }),
    status: z.enum(['open', ...DECISION_STATUSES]),
    lines: z.array(z.strictObject({ sku, qty, reason: z.string() })),
    details: ProposalComputation.nullable().meta({ description: 'Role supplier only.' }),
    decision: z
      .object({
        status: z.enum(DECISION_STATUSES),
        lines: z.array(orderedLine).nullable(),
        reason: stringOrNull,
        orderId: stringOrNull.meta({ description: 'The replenishment order placed.' }),
        decidedAt: timeOrNull,
        late: z.boolean().meta({ description: 'Role supplier: sent after validUntil.' }),
        autoAccepted: z.boolean(),
      })
      .partial()
      .nullable(),
    autoAcceptNote: stringOrNull.meta({ description: 'Why the auto-accept rule left it open.' }),
    createdAt: time,
    updatedAt: time,
    refusal: recordRefusal('proposal'),
  })
  .meta({ id: 'Proposal' });

export const ProposalPage = z
  .strictObject({ proposals: z.array(Proposal), nextCursor })
  .meta({ id: 'ProposalPage' });

export const AutoAcceptRule = z
  .strictObject({
    supplier: partnerOf,
    enabled: z.boolean(),
    maxLines: intOrNull,
    maxLineQty: qtyOrNull,
    maxTotalQty: qtyOrNull,
    updatedAt: time,
  })
  .meta({ id: 'AutoAcceptRule' });

export const InventoryPartnerSettings = z
  .strictObject({
    partner: partnerOf,
    autoPropose: z.boolean().meta({
      description: 'Send a proposal by itself a few minutes after the partner reports.',
    }),
    validDays: z.number().int().meta({ description: 'Days the partner has to decide one.' }),
    updatedAt: time,
  })
  .meta({ id: 'InventoryPartnerSettings' });
