/**
 * What an operator may send about deal registrations (admin API body, CLI flags gathered into
 * one, portal form), as zod schemas: the shape of each field. deal-input.ts reads input through
 * them, then normalizes (trim, upper case, bare domain) and checks what a shape cannot say (a
 * real country or currency, a calendar date).
 */
import { z } from 'zod';
import { partnerRef } from '../input/input-atoms.ts';
import { DEFAULT_DEAL_SETTINGS, PROTECTION_DAYS } from './deal-settings.ts';

export const DECISION_STATUSES = ['approved', 'rejected', 'returned', 'conflict'] as const;
export const MAX_PRODUCTS = 100;
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

const productsMessage = `must be a list of 1 to ${MAX_PRODUCTS} product ids of up to 200 characters`;

export const EndCustomerInput = z.strictObject({
  name: z.string().max(200),
  country: z.string().max(2).meta({ description: 'ISO 3166-1 alpha-2 code.' }),
  domain: z
    .string()
    .max(2048)
    .nullable()
    .optional()
    .meta({ description: 'Internet domain; a URL or e-mail address is reduced to its domain.' }),
});

const dealFields = {
  endCustomer: EndCustomerInput,
  products: z
    .array(z.string().max(200, { error: productsMessage }), { error: productsMessage })
    .min(1, { error: productsMessage })
    .max(MAX_PRODUCTS, { error: productsMessage })
    .meta({
      description: 'Product ids (SKUs); a conflict needs one in common (case-insensitive).',
    }),
  estimatedValue: z
    .string()
    .max(40)
    .regex(DECIMAL, { error: 'must be a decimal string such as "1299.50"' }),
  currency: z.string().max(3).meta({ description: 'ISO 4217 code.' }),
  expectedCloseDate: z.string().max(10).meta({ format: 'date' }),
  notes: z.string().max(5000).nullable(),
};

/** All the fields of a registration, without whom it goes to (the portal's form). */
export const DealFieldsInput = z.strictObject({
  ...dealFields,
  notes: dealFields.notes.optional(),
});

export const DealRegistration = z
  .strictObject({
    vendor: partnerRef,
    id: z.string().max(200).optional().meta({
      description: 'Our id for the deal; a new UUID when absent.',
    }),
    ...dealFields,
    notes: dealFields.notes.optional(),
  })
  .meta({ id: 'DealRegistration' });

export const DealAmendment = z
  .strictObject({
    endCustomer: dealFields.endCustomer.optional(),
    products: dealFields.products.optional(),
    estimatedValue: dealFields.estimatedValue.optional(),
    currency: dealFields.currency.optional(),
    expectedCloseDate: dealFields.expectedCloseDate.optional(),
    notes: dealFields.notes.optional(),
  })
  .meta({
    id: 'DealAmendment',
    description: 'Only the fields given change (endCustomer as a whole); the version goes up.',
  });

const protectionDays = z
  .number({
    error: `must be a whole number from ${PROTECTION_DAYS.min} to ${PROTECTION_DAYS.max}`,
  })
  .int()
  .min(PROTECTION_DAYS.min)
  .max(PROTECTION_DAYS.max);

export const DealDecisionRequest = z
  .strictObject({
    status: z.enum(DECISION_STATUSES, {
      error: `must be one of ${DECISION_STATUSES.join(', ')}`,
    }),
    protectedUntil: z.string().max(40).optional().meta({
      description:
        'With approved: RFC 3339 time, or a date meaning through that day (UTC). Default: now plus protectionDays.',
    }),
    protectionDays: protectionDays
      .optional()
      .meta({ description: 'With approved: the window in days instead of the setting.' }),
    reason: z.string().max(500).optional().meta({
      description: 'Sent to the partner; required with returned and conflict.',
    }),
  })
  .meta({ id: 'DealDecisionRequest' });

export const DealSettingsRequest = z
  .strictObject({
    protectionDays: protectionDays.optional().meta({
      default: DEFAULT_DEAL_SETTINGS.protectionDays,
      description: 'Default protection window of an approval, in days.',
    }),
  })
  .meta({ id: 'DealSettingsRequest' });

export const DealWithdrawal = z
  .strictObject({ reason: z.string().max(500).optional() })
  .meta({ id: 'DealWithdrawal' });
