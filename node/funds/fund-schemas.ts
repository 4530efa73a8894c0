/**
 * What an operator may send about marketing funds (admin API bodies, CLI flags gathered into the
 * same shape, the portal's claim form), as zod schemas: the shape and bounds of each field, in the
 * words the hand-written checks used. input.ts reads input through them, then checks what a shape
 * cannot say (the order of an allocation's dates, what goes with which decision).
 */
import { z } from 'zod';
import {
  amountField,
  currencyCode,
  dateField,
  decimalField,
  objectField,
  partnerRef,
  textField,
  unlessAbsent,
} from '../input/input-atoms.ts';
import type { ExpenseDecisionStatus } from '../store/fund-store.ts';

export const MAX_ACTIVITIES = 50;
export const MAX_LINES = 100;
export const MAX_PROOF = 20;
export const DECISION_STATUSES = [
  'approved',
  'partial',
  'rejected',
  'paid',
] as const satisfies readonly ExpenseDecisionStatus[];

const LINE_MESSAGE = 'must be a single line of 1 to 200 characters';
/** A name, number or reference: one line of 1 to 200 characters. */
const line = () =>
  z
    .string({ error: unlessAbsent(LINE_MESSAGE) })
    .refine((v) => v.trim() !== '' && v.length <= 200 && /^[^\u0000-\u001F\u007F]*$/.test(v), {
      error: LINE_MESSAGE,
    });

const amount = amountField;
const positiveAmount = () =>
  decimalField({
    positive: true,
    message: 'must be a decimal string such as "129.50", zero or more',
    positiveMessage: 'must be more than zero',
  });
const note = () => textField(500);

const activities = z
  .array(line(), { error: `must be a list of 1 to ${MAX_ACTIVITIES} names` })
  .min(1, { error: `must be a list of 1 to ${MAX_ACTIVITIES} names` })
  .max(MAX_ACTIVITIES, { error: `must be a list of 1 to ${MAX_ACTIVITIES} names` })
  .refine((names) => new Set(names).size === names.length, { error: 'must not repeat a name' });

const allocationFields = {
  amount: positiveAmount().meta({
    description: 'More than zero; an amendment may not go below what claims hold.',
  }),
  currency: currencyCode().meta({ description: 'ISO 4217; never changes.' }),
  validFrom: dateField().optional().meta({ description: 'First invoice date; absent: none.' }),
  validTo: dateField().meta({ description: 'Last invoice date.' }),
  claimDeadline: dateField().meta({ description: 'Last filing day (UTC); not before validTo.' }),
  activities,
  note: note().optional(),
};

/** An allocation's fields, to whomever it goes (the API adds the partner). */
export const AllocationFieldsInput = z.strictObject(allocationFields);

export const FundAllocationCreate = z
  .strictObject({ ...allocationFields, partner: partnerRef })
  .meta({ id: 'FundAllocationCreate' });

export const FundAllocationAmendment = z
  .strictObject({
    amount: amount().optional().meta({
      description: 'More than zero; may not go below what claims hold.',
    }),
    validFrom: dateField().nullable().optional().meta({ description: 'null: no first date.' }),
    validTo: dateField().optional(),
    claimDeadline: dateField().optional(),
    activities: activities.optional(),
    note: note().nullable().optional().meta({ description: 'null clears it.' }),
  })
  .meta({
    id: 'FundAllocationAmendment',
    description: 'A new version with the fields given changed; the partner is told.',
  });

export const FundWithdrawal = z.strictObject({ reason: note() }).meta({ id: 'FundWithdrawal' });

const expenseLine = objectField({
  description: line(),
  amount: amount(),
  accountCode: z
    .string({ error: 'must be 1 to 48 printable ASCII' })
    .regex(/^[!-~]{1,48}$/, { error: 'must be 1 to 48 printable ASCII' })
    .optional()
    .meta({ description: "An account code of the vendor's accounting data." }),
});

const proofRef = objectField({
  sha256: z
    .string({ error: 'must be 64 lowercase hex digits' })
    .regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex digits' }),
  name: line(),
  size: z
    .number({ error: 'must be a whole number of bytes' })
    .int({ error: 'must be a whole number of bytes' })
    .min(0, { error: 'must be a whole number of bytes' })
    .max(2 ** 30, { error: 'must be a whole number of bytes' })
    .optional(),
});

export const ExpenseClaimFile = z
  .strictObject({
    currency: currencyCode().optional().meta({ description: 'Default: the allocation’s.' }),
    allocation: z
      .union([z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), line()], {
        error: unlessAbsent(LINE_MESSAGE),
      })
      .meta({ description: "The allocation: this node's number for it, or the vendor's id." }),
    invoiceNumber: line(),
    invoiceDate: dateField().meta({ description: 'Within the allocation’s validity.' }),
    activity: line().meta({ description: 'One of the allocation’s activities.' }),
    lines: z
      .array(expenseLine, { error: `must be a list of 1 to ${MAX_LINES} lines` })
      .min(1, { error: `must be a list of 1 to ${MAX_LINES} lines` })
      .max(MAX_LINES, { error: `must be a list of 1 to ${MAX_LINES} lines` }),
    total: amount().meta({
      description: 'Exactly the sum of the lines (else 400 total_mismatch).',
    }),
    proof: z
      .array(proofRef, { error: `must be a list of at most ${MAX_PROOF} files` })
      .max(MAX_PROOF, { error: `must be a list of at most ${MAX_PROOF} files` })
      .nullable()
      .optional(),
  })
  .meta({ id: 'ExpenseClaimFile' });

export const ExpenseDecisionRequest = z
  .strictObject({
    status: z.enum(DECISION_STATUSES, { error: `must be one of ${DECISION_STATUSES.join(', ')}` }),
    approvedAmount: amount().optional().meta({
      description:
        'approved: the total (the default); partial: above zero and below the total (required).',
    }),
    reason: note()
      .optional()
      .meta({ description: 'Sent to the partner; required with partial and rejected.' }),
    paymentReference: line().optional().meta({ description: 'With paid only.' }),
  })
  .meta({ id: 'ExpenseDecisionRequest' });
