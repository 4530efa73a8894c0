/**
 * Admin input for lists and versions, checked field by field before anything is written: each
 * failure is a 400 `invalid_field` naming the field (`lines[3].listPrice`). The CLI gathers its
 * flags into the same shapes and reads them with the same parsers.
 */
import { invalidField, optionalInteger, requiredString } from '../admin/fields.ts';
import { ACCOUNTING_FIELDS, entryProblem } from './accounting-entries.ts';
import type { ListKindSpec, WireLine } from './list-kinds.ts';
import type { NewList, NewVersion } from './owner-lists.ts';
import type { PushTarget } from './push.ts';

/** Lines in one admin request; larger versions come as CSV or as a base plus changes. */
export const MAX_INPUT_LINES = 5_000;

const SKU = /^[!-~]([ -~]*[!-~])?$/;
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const SINGLE_LINE = /^[^\u0000-\u001F\u007F]{1,200}$/;
const CURRENCY = /^[A-Z]{3}$/;
const ID = /^[^\u0000-\u001F\u007F]{1,200}$/;

type FieldRule = { required: boolean; test: (v: string) => boolean; hint: string };
const sku: FieldRule = {
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

const PRICE_FIELDS: Record<string, FieldRule> = {
  sku,
  listPrice: decimal(true),
  standardPrice: decimal(false),
  limitPrice: decimal(false),
  minQty: decimal(false),
};
const PRODUCT_FIELDS: Record<string, FieldRule> = {
  sku,
  name: singleLine(true),
  uom: { required: true, test: (v) => /^[A-Z0-9]{1,3}$/.test(v), hint: 'a code such as EA' },
  description: { required: false, test: (v) => v.length <= 5000, hint: 'up to 5000 characters' },
  gtin: { required: false, test: (v) => /^[0-9]{8,14}$/.test(v), hint: '8 to 14 digits' },
  brand: singleLine(false),
  category: singleLine(false),
};

const RULES: Readonly<Record<ListKindSpec['kind'], Record<string, FieldRule>>> = {
  pricelist: PRICE_FIELDS,
  catalog: PRODUCT_FIELDS,
  accounting: ACCOUNTING_FIELDS,
};

export function lineFields(spec: ListKindSpec): readonly string[] {
  return Object.keys(RULES[spec.kind]);
}

export function parseLines(spec: ListKindSpec, value: unknown, field: string): WireLine[] {
  if (!Array.isArray(value) || value.length > MAX_INPUT_LINES) {
    throw invalidField(field, `${field} must be a list of at most ${MAX_INPUT_LINES} lines`);
  }
  const rules = RULES[spec.kind];
  return value.map((item, i) => {
    const at = `${field}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw invalidField(at, `${at} must be an object`);
    }
    const line: Record<string, string> = {};
    for (const [key, v] of Object.entries(item as Record<string, unknown>)) {
      const rule = rules[key];
      if (!rule) throw invalidField(`${at}.${key}`, `unknown field ${key}`);
      if (typeof v !== 'string' || !rule.test(v) || v === '') {
        throw invalidField(`${at}.${key}`, `${key} must be ${rule.hint}`);
      }
      line[key] = v;
    }
    for (const [key, rule] of Object.entries(rules)) {
      if (rule.required && line[key] === undefined) {
        throw invalidField(`${at}.${key}`, `${key} is required`);
      }
    }
    const problem = spec.kind === 'accounting' ? entryProblem(line) : null;
    if (problem) throw invalidField(at, `${at}: ${problem}`);
    return line as WireLine;
  });
}

export function parseNewList(spec: ListKindSpec, body: Record<string, unknown>): NewList {
  const listId = requiredString(body, 'id', { min: 1, max: 200 });
  if (!ID.test(listId)) throw invalidField('id', 'id must not hold control characters');
  const name = requiredString(body, 'name', { min: 1, max: 200 });
  if (!SINGLE_LINE.test(name)) throw invalidField('name', 'name must be on one line');
  let currency: string | null = null;
  if (spec.priced) {
    currency = requiredString(body, 'currency', { min: 3, max: 3 });
    if (!CURRENCY.test(currency))
      throw invalidField('currency', 'currency must be an ISO 4217 code');
  } else if (body.currency !== undefined) {
    throw invalidField('currency', `a ${spec.label} has no currency`);
  }
  return { listId, name, currency };
}

export function parseNewVersion(spec: ListKindSpec, body: Record<string, unknown>): NewVersion {
  const input: NewVersion = {
    lines: parseLines(spec, body[spec.linesField] ?? [], spec.linesField),
  };
  const version = optionalInteger(body, 'version', { min: 1, max: Number.MAX_SAFE_INTEGER });
  if (version !== undefined) input.version = version;
  const base = optionalInteger(body, 'baseVersion', { min: 1, max: Number.MAX_SAFE_INTEGER });
  if (base !== undefined) input.baseVersion = base;
  if (body.name !== undefined) {
    const name = requiredString(body, 'name', { min: 1, max: 200 });
    if (!SINGLE_LINE.test(name)) throw invalidField('name', 'name must be on one line');
    input.name = name;
  }
  if (body.removed !== undefined) {
    const removed = body.removed;
    if (
      !Array.isArray(removed) ||
      removed.length > MAX_INPUT_LINES ||
      removed.some((s) => typeof s !== 'string' || !sku.test(s))
    ) {
      throw invalidField('removed', `removed must be a list of SKUs (${sku.hint})`);
    }
    input.removed = removed as string[];
  }
  if (spec.priced) {
    if (body.currency !== undefined) {
      const currency = requiredString(body, 'currency', { min: 3, max: 3 });
      if (!CURRENCY.test(currency))
        throw invalidField('currency', 'currency must be an ISO 4217 code');
      input.currency = currency;
    }
    if (body.validFrom !== undefined)
      input.validFrom = requiredString(body, 'validFrom', { min: 10, max: 40 });
    if (body.validTo !== undefined && body.validTo !== null) {
      input.validTo = requiredString(body, 'validTo', { min: 10, max: 40 });
    }
  } else {
    for (const f of ['currency', 'validFrom', 'validTo']) {
      if (body[f] !== undefined) throw invalidField(f, `a ${spec.label} has no ${f}`);
    }
  }
  return input;
}

export const VERSION_FIELDS = (spec: ListKindSpec) => [
  spec.linesField,
  'version',
  'baseVersion',
  'name',
  'removed',
  ...(spec.priced ? ['currency', 'validFrom', 'validTo'] : []),
];

/** `{ partners: [refs] }`, `{ partnerType }` or `{ all: true }`, plus an optional version. */
export function parsePushInput(
  body: Record<string, unknown>,
  resolve: (ref: unknown, field: string) => number | Promise<number>,
): Promise<{ target: PushTarget; version?: number }> {
  return (async () => {
    const given = ['partners', 'partnerType', 'all'].filter((f) => body[f] !== undefined);
    if (given.length !== 1) {
      throw invalidField(given[1] ?? 'partners', 'give exactly one of partners, partnerType, all');
    }
    const version = optionalInteger(body, 'version', { min: 1, max: Number.MAX_SAFE_INTEGER });
    const withVersion = <T extends PushTarget>(target: T) =>
      version === undefined ? { target } : { target, version };
    if (body.all !== undefined) {
      if (body.all !== true) throw invalidField('all', 'all must be true');
      return withVersion({ all: true });
    }
    if (body.partnerType !== undefined) {
      return withVersion({ partnerType: requiredString(body, 'partnerType', { min: 1, max: 50 }) });
    }
    const refs = body.partners;
    if (!Array.isArray(refs) || refs.length === 0 || refs.length > 1000) {
      throw invalidField(
        'partners',
        'partners must be a list of 1 to 1000 partner ids or node ids',
      );
    }
    const ids: number[] = [];
    for (const ref of refs) ids.push(await resolve(ref, 'partners'));
    return withVersion({ partnerIds: [...new Set(ids)] });
  })();
}
