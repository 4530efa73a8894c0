/**
 * What an operator may send about price lists, catalogs and accounting data (admin API bodies,
 * CLI flags gathered into the same shapes), as zod schemas: the shape and bounds of each field in
 * the words the hand-written checks used. A line's fields follow one rule table per kind, which
 * the CSV import reads too. input.ts reads input through these schemas, then checks what a shape
 * cannot say (what an accounting entry's type needs, which push target was given).
 */
import { z } from 'zod';
import { currencyCode, partnerRef, sentence, unlessAbsent } from '../input/input-atoms.ts';
import { ACCOUNTING_FIELDS } from './accounting-entries.ts';
import { ACCOUNTING, CATALOG, PRICE_LIST, type ListKindSpec } from './list-kinds.ts';
import { isDecimalString } from '../records/decimal-string.ts';
import { parseValidity } from './validity.ts';

/** Lines in one admin request; larger versions come as CSV or as a base plus changes. */
export const MAX_INPUT_LINES = 5_000;

const SKU = /^[!-~]([ -~]*[!-~])?$/;
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const SINGLE_LINE = /^[^\u0000-\u001F\u007F]{1,200}$/;
const CONTROL_FREE = /^[^\u0000-\u001F\u007F]*$/;

/** The check of one field of a line: required or not, the test, and the words of a failure. */
export interface FieldRule {
  required: boolean;
  test: (v: string) => boolean;
  hint: string;
}

export const skuRule: FieldRule = {
  required: true,
  test: (v) => v.length <= 64 && SKU.test(v),
  hint: '1 to 64 printable ASCII characters',
};
const decimal = (required: boolean): FieldRule => ({
  required,
  test: (v) => v.length <= 40 && DECIMAL.test(v),
  hint: 'a non-negative decimal string such as "12.50"',
});
const singleLine = (required: boolean): FieldRule => ({
  required,
  test: (v) => SINGLE_LINE.test(v),
  hint: '1 to 200 characters on one line',
});

/** The fields of each kind's lines. */
export const LINE_RULES: Readonly<Record<ListKindSpec['kind'], Record<string, FieldRule>>> = {
  pricelist: {
    sku: skuRule,
    listPrice: decimal(true),
    standardPrice: decimal(false),
    limitPrice: decimal(false),
    minQty: decimal(false),
  },
  catalog: {
    sku: skuRule,
    name: singleLine(true),
    uom: { required: true, test: (v) => /^[A-Z0-9]{1,3}$/.test(v), hint: 'a code such as EA' },
    description: { required: false, test: (v) => v.length <= 5000, hint: 'up to 5000 characters' },
    gtin: { required: false, test: (v) => /^[0-9]{8,14}$/.test(v), hint: '8 to 14 digits' },
    brand: singleLine(false),
    category: singleLine(false),
  },
  accounting: ACCOUNTING_FIELDS,
};

const LINE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  minQty: 'Quantity break: applies from this quantity on.',
  rate: 'tax_category: percent; currency: conversion rate.',
  days: 'payment_terms: days until due.',
  use: 'account: the document kind, e.g. expense_claim.',
};

/** One field of a line: a string the rule accepts, refused in the rule's words. */
function lineField(key: string, rule: FieldRule) {
  const field = z
    .string({ error: unlessAbsent(`must be ${rule.hint}`) })
    .refine((v) => v !== '' && rule.test(v), sentence(`${key} must be ${rule.hint}`))
    .meta({ description: LINE_DESCRIPTIONS[key] ?? rule.hint });
  return rule.required ? field : field.optional();
}

function lineOf(spec: ListKindSpec, id: string) {
  const shape = Object.fromEntries(
    Object.entries(LINE_RULES[spec.kind]).map(([key, rule]) => [key, lineField(key, rule)]),
  );
  return z
    .strictObject(shape, { error: unlessAbsent('must be an object') })
    .meta({ id, description: `A line of a ${spec.label}, as in a version.` });
}

/** Each kind's line (a price line, a product, an accounting entry). */
export const LINES = {
  pricelist: lineOf(PRICE_LIST, 'PriceLine'),
  catalog: lineOf(CATALOG, 'Product'),
  accounting: lineOf(ACCOUNTING, 'AccountingEntry'),
} as const;

const text = (min: number, max: number) => {
  const message = `must be a string of ${min} to ${max} characters`;
  return z
    .string({ error: unlessAbsent(message) })
    .min(min, { error: message })
    .max(max, { error: message });
};
const oneLine = () =>
  text(1, 200).regex(CONTROL_FREE, { error: 'must be on one line' }).meta({ maxLength: 200 });
const wholeNumber = () => {
  const message = `must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}`;
  return z
    .number({ error: unlessAbsent(message) })
    .int({ error: message })
    .min(1, { error: message })
    .max(Number.MAX_SAFE_INTEGER, { error: message });
};
const validity = (description: string) => text(10, 40).meta({ description });

function newListOf(spec: ListKindSpec, id: string) {
  return z
    .strictObject({
      id: text(1, 200)
        .regex(CONTROL_FREE, { error: 'must not hold control characters' })
        .meta({ description: 'Our id for the list, on the wire.' }),
      name: oneLine(),
      ...(spec.priced && { currency: currencyCode() }),
    })
    .meta({ id });
}

/** A list of ours to create. */
export const NEW_LISTS = {
  pricelist: newListOf(PRICE_LIST, 'NewPriceList'),
  catalog: newListOf(CATALOG, 'NewCatalog'),
  accounting: newListOf(ACCOUNTING, 'NewAccountingData'),
} as const;

function newVersionOf(spec: ListKindSpec, id: string) {
  const linesMessage = `must be a list of at most ${MAX_INPUT_LINES} lines`;
  const skusMessage = `must be a list of SKUs (${skuRule.hint})`;
  return z
    .strictObject({
      [spec.linesField]: z
        .array(LINES[spec.kind], { error: unlessAbsent(linesMessage) })
        .max(MAX_INPUT_LINES, { error: linesMessage })
        .optional(),
      version: wholeNumber().optional().meta({ description: 'Default: the latest plus one.' }),
      baseVersion: wholeNumber()
        .optional()
        .meta({ description: 'Start from this version’s lines.' }),
      name: oneLine().optional(),
      removed: z
        .array(
          z.string({ error: skusMessage }).refine((v) => skuRule.test(v), { error: skusMessage }),
          { error: skusMessage },
        )
        .max(MAX_INPUT_LINES, { error: skusMessage })
        .optional()
        .meta({ description: 'With baseVersion: SKUs dropped.' }),
      ...(spec.priced && {
        currency: currencyCode().optional(),
        validFrom: validity('An RFC 3339 date or a UTC time; default: now.').optional(),
        validTo: validity('An RFC 3339 date (to the end of that day, UTC) or a UTC time.')
          .nullable()
          .optional(),
      }),
    })
    .meta({ id });
}

/** A new version of a list of ours: whole, or as changes to `baseVersion`. */
export const NEW_VERSIONS = {
  pricelist: newVersionOf(PRICE_LIST, 'NewPriceListVersion'),
  catalog: newVersionOf(CATALOG, 'NewCatalogVersion'),
  accounting: newVersionOf(ACCOUNTING, 'NewAccountingVersion'),
} as const;

export type NewVersionInput = z.output<(typeof NEW_VERSIONS)[keyof typeof NEW_VERSIONS]>;

const partnersMessage = 'must be a list of 1 to 1000 partner ids or node ids';

/** Whom to push a version to: exactly one of `partners`, `partnerType`, `all`. */
export const PushRequest = z
  .strictObject({
    partners: z
      .array(partnerRef, { error: partnersMessage })
      .min(1, { error: partnersMessage })
      .max(1000, { error: partnersMessage })
      .optional(),
    partnerType: text(1, 50).optional(),
    all: z.literal(true, { error: 'must be true' }).optional().meta({
      description: 'true: every active partner.',
    }),
    version: wholeNumber().optional().meta({ description: 'Default: the latest version.' }),
  })
  .meta({ id: 'PushRequest', description: 'Exactly one of partners, partnerType, all.' });

const withdrawPartnersMessage = 'must be a list of 1 to 1000 non-empty strings';

/** Stop sharing a list with some partners (default: all). */
export const WithdrawListRequest = z
  .strictObject({
    reason: text(1, 500),
    partners: z
      .array(text(1, 2048), { error: withdrawPartnersMessage })
      .min(1, { error: withdrawPartnersMessage })
      .max(1000, { error: withdrawPartnersMessage })
      .optional()
      .meta({ description: 'Partner ids or node ids; default: all.' }),
  })
  .meta({ id: 'WithdrawListRequest' });

const MAX_ATTRIBUTES = 20;
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;

/** A partner's extension of one of the owner's records: at least one of its fields. */
export const ExtensionFields = z
  .strictObject({
    alias: text(1, 64)
      .regex(SKU, sentence('alias must be printable ASCII, like a SKU'))
      .optional()
      .meta({ description: 'Our local SKU alias.' }),
    notes: text(1, 2000).optional(),
    attributes: z
      .record(
        z.string(),
        z
          .string({ error: 'must be text of up to 500 characters' })
          .max(500, { error: 'must be text of up to 500 characters' }),
        { error: unlessAbsent('must be an object of names to strings') },
      )
      .superRefine((attributes, ctx) => {
        const names = Object.keys(attributes);
        if (names.length > MAX_ATTRIBUTES) {
          ctx.addIssue({
            code: 'custom',
            message: `at most ${MAX_ATTRIBUTES} attributes`,
            params: { sentence: true },
          });
        }
        for (const name of names.filter((n) => !ATTRIBUTE_NAME.test(n))) {
          ctx.addIssue({
            code: 'custom',
            path: [name.slice(0, 40)],
            message: 'a name of 1 to 40 letters, digits, _ . -',
            params: { sentence: true },
          });
        }
      })
      .optional(),
  })
  .refine((f) => Object.keys(f).length > 0, {
    ...sentence('give at least one of alias, notes, attributes'),
    path: ['alias'],
  })
  .meta({ id: 'ExtensionFields' });

const given = (description: string) =>
  z.string({ error: 'may be given once' }).meta({ description });

/** What a price lookup names (the admin API's query, the CLI's flags): a SKU, a quantity, when. */
export const PriceQuery = z.strictObject({
  sku: given('The SKU.').refine((v) => v !== '' && v.length <= 64, sentence('sku is required')),
  qty: given('Quantity, default 1.')
    .refine(isDecimalString, sentence('qty must be a non-negative decimal such as 10'))
    .optional(),
  at: given('A date or a UTC time; default: now.')
    .refine(
      (v) => v.length <= 40 && parseValidity(v, null).ok,
      sentence('at must be a date or a UTC time'),
    )
    .optional(),
});

/** The moment a price lookup's `at` names, or `now`. */
export function priceMoment(at: string | undefined, now: Date): Date {
  const parsed = at === undefined ? null : parseValidity(at, null);
  return parsed?.ok ? new Date(parsed.validity.validFromMs) : now;
}
