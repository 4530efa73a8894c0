/**
 * What an operator may send about vendor-managed inventory (admin API bodies, CLI flags and CSV
 * gathered into the same shape, the portal's forms), as zod schemas: the shape and bounds of each
 * field, in the words the hand-written checks used. input.ts reads input through them, then checks
 * what a shape cannot say (the period, a SKU given twice, what goes with which policy or decision).
 */
import { z } from 'zod';
import { dateField, objectField, partnerRef, unlessAbsent } from '../input/input-atoms.ts';
import { Decimal, DECIMAL_PATTERN } from '../records/decimal-string.ts';
import type { DecisionStatus, ReplenishmentPolicy } from '../store/inventory-store.ts';

export const MAX_REPORT_LINES = 2000;
export const MAX_PROPOSAL_LINES = 500;
export const MAX_PERIOD_DAYS = 366;
export const MAX_LEAD_TIME_DAYS = 365;
export const MAX_COVER_DAYS = 365;
export const VALID_DAYS = { min: 1, max: 90, fallback: 7 };
export const POLICIES = ['min_max', 'days_of_cover'] as const satisfies ReplenishmentPolicy[];
export const DECISION_STATUSES = [
  'accepted',
  'modified',
  'rejected',
] as const satisfies DecisionStatus[];

const SKU = /^[!-~]([ -~]*[!-~])?$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A text of 1 to `max` characters once trimmed (and trimmed); single-line unless said. */
export function trimmedText(max: number, singleLine = true) {
  const message = `must be a ${singleLine ? 'single-line ' : ''}text of 1 to ${max} characters`;
  return z
    .string({ error: unlessAbsent(message) })
    .trim()
    .min(1, { error: message })
    .max(max, { error: message })
    .refine((v) => !singleLine || !CONTROL.test(v), { error: message });
}

/** A quantity: a decimal string (a JSON number is refused, as on the wire). */
export function quantityField(positive = false) {
  const message = 'must be a decimal string such as "12" or "2.5"';
  const qty = z
    .string({ error: unlessAbsent(message) })
    .refine((v) => v.length <= 40 && DECIMAL_PATTERN.test(v), { error: message, abort: true });
  return positive
    ? qty.refine((v) => !new Decimal(v).isZero(), { error: 'must be more than 0' })
    : qty;
}

export const skuField = () =>
  z
    .string({ error: unlessAbsent('must be a SKU of 1 to 64 printable ASCII characters') })
    .refine((v) => v.length <= 64 && SKU.test(v), {
      error: 'must be a SKU of 1 to 64 printable ASCII characters',
    });

/** A whole number in [min, max]; null stands for not given. */
const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: unlessAbsent(`must be a whole number from ${min} to ${max}`) })
    .int({ error: `must be a whole number from ${min} to ${max}` })
    .min(min, { error: `must be a whole number from ${min} to ${max}` })
    .max(max, { error: `must be a whole number from ${min} to ${max}` })
    .nullable()
    .optional();

const trueOrFalse = () => z.boolean({ error: 'must be true or false' });
const lines = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item, { error: `must be a list of 1 to ${max} lines` })
    .min(1, { error: `must be a list of 1 to ${max} lines` })
    .max(max, { error: `must be a list of 1 to ${max} lines` });

export const StockLinesInput = lines(
  objectField({
    sku: skuField(),
    onHand: quantityField(),
    sold: quantityField(),
    onOrder: quantityField().optional().meta({ description: 'Default "0".' }),
    returned: quantityField().optional(),
  }),
  MAX_REPORT_LINES,
).meta({ description: 'One line per SKU; onOrder defaults to "0".' });

export const InventoryReportSubmission = z
  .strictObject({
    supplier: partnerRef,
    reportId: trimmedText(200)
      .optional()
      .meta({ description: 'Our id for the report; a new UUID when absent.' }),
    location: trimmedText(200),
    periodStart: dateField(),
    periodEnd: dateField().meta({
      description: `Included; not before periodStart, at most ${MAX_PERIOD_DAYS} days.`,
    }),
    lines: StockLinesInput,
    note: trimmedText(500, false).optional(),
  })
  .meta({ id: 'InventoryReportSubmission' });

export const InventorySettingInput = z
  .strictObject({
    partner: partnerRef,
    sku: skuField(),
    location: trimmedText(200).optional(),
    policy: z.enum(POLICIES, { error: `must be one of ${POLICIES.join(', ')}` }),
    min: quantityField()
      .optional()
      .meta({ description: 'min_max: order when on hand + on order falls below it.' }),
    max: quantityField().optional().meta({ description: 'min_max: order up to it.' }),
    days: wholeNumber(1, MAX_COVER_DAYS).meta({
      description: 'days_of_cover: days of sales to cover after the lead time.',
    }),
    leadTimeDays: wholeNumber(0, MAX_LEAD_TIME_DAYS).meta({ default: 0 } as Record<
      string,
      unknown
    >),
    packSize: quantityField(true)
      .nullable()
      .optional()
      .meta({ description: 'Round quantities up to a multiple of it.' }),
  })
  .meta({ id: 'InventorySettingInput' });

export const ProposalSendRequest = z
  .strictObject({
    partner: partnerRef,
    location: trimmedText(200),
    validDays: wholeNumber(VALID_DAYS.min, VALID_DAYS.max).meta({
      default: VALID_DAYS.fallback,
    } as Record<string, unknown>),
  })
  .meta({ id: 'ProposalSendRequest' });

export const ProposalPreviewRequest = z
  .strictObject({ partner: partnerRef, location: trimmedText(200) })
  .meta({ id: 'ProposalPreviewRequest' });

export const ProposalDecisionRequest = z
  .strictObject({
    status: z.enum(DECISION_STATUSES, { error: `must be one of ${DECISION_STATUSES.join(', ')}` }),
    reason: trimmedText(500, false).optional(),
    lines: lines(objectField({ sku: skuField(), qty: quantityField() }), MAX_PROPOSAL_LINES)
      .optional()
      .meta({
        description:
          'With modified: SKUs of the proposal and the quantities to order ("0" drops one).',
      }),
  })
  .meta({ id: 'ProposalDecisionRequest' });

export const AutoAcceptInput = z
  .strictObject({
    supplier: partnerRef,
    enabled: trueOrFalse()
      .optional()
      .meta({ default: true } as Record<string, unknown>),
    maxLines: wholeNumber(1, MAX_PROPOSAL_LINES),
    maxLineQty: quantityField(true).nullable().optional(),
    maxTotalQty: quantityField(true).nullable().optional(),
  })
  .meta({ id: 'AutoAcceptInput' });

export const InventoryPartnerSettingsInput = z
  .strictObject({
    partner: partnerRef,
    autoPropose: trueOrFalse()
      .optional()
      .meta({ default: false } as Record<string, unknown>),
    validDays: wholeNumber(VALID_DAYS.min, VALID_DAYS.max),
  })
  .meta({ id: 'InventoryPartnerSettingsInput' });
