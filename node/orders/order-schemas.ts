/**
 * What an operator may send about orders and receivables (admin API bodies, CLI flags gathered
 * into the same shape, the portal's order form), as zod schemas: the shape and bounds of each
 * field, in the words the hand-written checks used. order-input.ts and answer-input.ts read input
 * through them, then check what a shape cannot say (the fields each order type needs, what goes
 * with which answer).
 */
import { z } from 'zod';
import {
  accountingCode,
  decimalField,
  objectField,
  partnerRef,
  textField,
  unlessAbsent,
  utcTimeField,
} from '../input/input-atoms.ts';
import { ORDER_TYPES, STATUS_UPDATES } from '../store/order-store.ts';

export const MAX_LINES = 500;
const oneOf = (values: readonly string[], suffix = '') =>
  `must be one of ${values.join(', ')}${suffix}`;
const listOf = (what: string) => `must be a list of 1 to ${MAX_LINES} ${what}`;

const matching = (pattern: RegExp, what: string, max: number) =>
  textField(max, { singleLine: true }).refine((v) => pattern.test(v), { error: `must be ${what}` });

export const ShipToInput = objectField({
  country: matching(/^[A-Z]{2}$/, 'an ISO 3166 code such as DE', 2),
  postalCode: textField(20, { singleLine: true }).optional(),
  name: textField(200, { singleLine: true }),
  street: textField(200, { singleLine: true }),
  city: textField(200, { singleLine: true }),
}).meta({ id: 'ShipTo', description: 'Where a drop shipment goes.' });

export const EndCustomerInput = objectField({
  email: matching(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address', 254).optional(),
  phone: matching(/^\+?[0-9][0-9 ()./-]{2,39}$/, 'a phone number', 40).optional(),
  domain: matching(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a lower-case internet domain', 253).optional(),
  name: textField(200, { singleLine: true }),
}).meta({ id: 'OrderEndCustomer', description: 'Who a drop shipment or cash sale is for.' });

export const PlaceLine = objectField({
  sku: textField(100, { singleLine: true }),
  qty: decimalField({ positive: true }),
  unitPrice: decimalField()
    .optional()
    .meta({ description: 'Defaults to the price the held version gives for the quantity.' }),
  uom: accountingCode()
    .optional()
    .meta({ description: "A uom of the seller's accounting data (400 unknown_code otherwise)." }),
  taxCategory: accountingCode().optional().meta({
    description: "A tax_category of the seller's accounting data (400 unknown_code otherwise).",
  }),
});

/** An order's fields, whoever it goes to (the domain's input; the API adds the seller). */
export const orderFields = {
  type: z.enum(ORDER_TYPES, { error: oneOf(ORDER_TYPES) }),
  lines: z
    .array(PlaceLine, { error: listOf('lines') })
    .min(1, { error: listOf('lines') })
    .max(MAX_LINES, { error: listOf('lines') }),
  priceListId: textField(200, { singleLine: true }).optional().meta({
    description: "The seller's price list; optional when we hold only one of the seller's.",
  }),
  orderId: textField(200, { singleLine: true })
    .optional()
    .meta({ description: 'Our id for the order; a new UUIDv7 when absent.' }),
  note: textField(5000).optional(),
  paymentTerms: accountingCode().optional().meta({
    description:
      "A payment_terms code of the seller's accounting data (400 unknown_code otherwise).",
  }),
  shipTo: ShipToInput.optional().meta({ description: 'drop_ship needs it.' }),
  endCustomer: EndCustomerInput.optional().meta({ description: 'drop_ship needs it.' }),
  soldAt: utcTimeField()
    .optional()
    .meta({ description: 'Cash sales only (required there): when handed over.' }),
};

export const OrderPlace = z
  .strictObject({ seller: partnerRef, ...orderFields })
  .meta({ id: 'OrderPlace' });

const ANSWER_CODES = ['AP', 'CA', 'RE'] as const;
const changedLines = `must be a list of 1 to ${MAX_LINES} changed lines`;

export const OrderAnswer = z
  .strictObject({
    code: z.enum(ANSWER_CODES, { error: oneOf(ANSWER_CODES, ' (AB is sent on receipt)') }),
    reason: textField(500).optional().meta({ description: 'Required with RE.' }),
    reasonCode: textField(64, { singleLine: true })
      .optional()
      .meta({ description: 'RE only; default rejected_by_seller.' }),
    lines: z
      .array(
        objectField({
          line: z
            .number({ error: unlessAbsent('must be a line number of the order') })
            .int({ error: 'must be a line number of the order' })
            .min(1, { error: 'must be a line number of the order' })
            .max(100_000, { error: 'must be a line number of the order' }),
          qty: decimalField(),
          unitPrice: decimalField().optional(),
        }),
        { error: changedLines },
      )
      .min(1, { error: changedLines })
      .max(MAX_LINES, { error: changedLines })
      .optional()
      .meta({ description: 'CA only (required): the changed lines; qty "0" drops a line.' }),
  })
  .meta({ id: 'OrderAnswer' });

export const OrderStatusUpdate = z
  .strictObject({
    status: z.enum(STATUS_UPDATES, { error: oneOf(STATUS_UPDATES) }),
    tracking: textField(200, { singleLine: true })
      .optional()
      .meta({ description: 'With shipped.' }),
    reason: textField(500).optional().meta({ description: 'With cancelled.' }),
  })
  .meta({ id: 'OrderStatusUpdate' });

export const OrderCancel = z.strictObject({ reason: textField(500) }).meta({ id: 'OrderCancel' });

export const PaymentRecord = z
  .strictObject({
    amount: decimalField({ positive: true }).meta({
      description: 'More than 0, at most what is open.',
    }),
    paidAt: utcTimeField().optional(),
    note: textField(500).optional(),
  })
  .meta({ id: 'PaymentRecord' });
