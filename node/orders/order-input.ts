/**
 * Operator input for orders (admin API bodies, CLI flags gathered into the same shape, and the
 * inventory domain's replenishment calls), checked field by field before anything is written.
 * Each failure is a 400 `invalid_field` naming the field.
 */
import { parseUtcTimestamp } from '../../protocol/index.ts';
import { badRequest } from '../errors.ts';
import { Decimal } from '../records/decimal-string.ts';
import {
  ORDER_TYPES,
  type EndCustomer,
  type OrderType,
  type ShipTo,
} from '../store/order-store.ts';

type Input = Record<string, unknown>;

export const MAX_LINES = 500;
const SINGLE_LINE = /^[^\u0000-\u001F\u007F]*$/;
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const COUNTRY = /^[A-Z]{2}$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()./-]{2,39}$/;

const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);

export interface PlaceLineInput {
  sku: string;
  qty: string;
  unitPrice?: string;
  uom?: string;
  taxCategory?: string;
}

export interface PlaceOrderInput {
  sellerPartnerId: number;
  type: OrderType;
  lines: PlaceLineInput[];
  /** The seller's price list (its wire id); when absent, the only one we hold from the seller. */
  priceListId?: string;
  shipTo?: ShipTo;
  endCustomer?: EndCustomer;
  /** Cash sales: when the goods were handed over (RFC 3339 UTC time). */
  soldAt?: string;
  note?: string;
  /** A payment_terms code of the seller's accounting data. */
  paymentTerms?: string;
  /** The buyer's id for the order; a new UUIDv7 when absent. */
  orderId?: string;
}

export function text(input: Input, field: string, max: number, name = field): string | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw invalid(name, `${name} must be a text of 1 to ${max} characters`);
  }
  return value;
}

export function singleLine(input: Input, field: string, max: number, name = field) {
  const value = text(input, field, max, name);
  if (value !== undefined && !SINGLE_LINE.test(value)) {
    throw invalid(name, `${name} must be a single line without control characters`);
  }
  return value;
}

export function decimalText(value: unknown, name: string, positive: boolean): string {
  if (typeof value !== 'string' || value.length > 40 || !DECIMAL.test(value)) {
    throw invalid(name, `${name} must be a decimal string such as "12.50"`);
  }
  if (positive && new Decimal(value).isZero()) throw invalid(name, `${name} must be more than 0`);
  return value;
}

function object(value: unknown, name: string): Input {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(name, `${name} must be an object`);
  }
  return value as Input;
}

function onlyFields(input: Input, name: string, allowed: readonly string[]) {
  const unknown = Object.keys(input).find((k) => !allowed.includes(k));
  if (unknown !== undefined) {
    throw invalid(`${name}.${unknown}`, `unknown field ${name}.${unknown}`);
  }
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw invalid(name, `${name} is required`);
  return value;
}

export function parseShipTo(value: unknown, name = 'shipTo'): ShipTo {
  const o = object(value, name);
  onlyFields(o, name, ['name', 'street', 'postalCode', 'city', 'country']);
  const country = required(singleLine(o, 'country', 2, `${name}.country`), `${name}.country`);
  if (!COUNTRY.test(country)) {
    throw invalid(`${name}.country`, `${name}.country must be an ISO 3166 code such as DE`);
  }
  const postalCode = singleLine(o, 'postalCode', 20, `${name}.postalCode`);
  return {
    name: required(singleLine(o, 'name', 200, `${name}.name`), `${name}.name`),
    street: required(singleLine(o, 'street', 200, `${name}.street`), `${name}.street`),
    ...(postalCode !== undefined && { postalCode }),
    city: required(singleLine(o, 'city', 200, `${name}.city`), `${name}.city`),
    country,
  };
}

export function parseEndCustomer(value: unknown, name = 'endCustomer'): EndCustomer {
  const o = object(value, name);
  onlyFields(o, name, ['name', 'email', 'phone', 'domain']);
  const check = (field: string, max: number, pattern: RegExp, what: string) => {
    const v = singleLine(o, field, max, `${name}.${field}`);
    if (v !== undefined && !pattern.test(v)) {
      throw invalid(`${name}.${field}`, `${name}.${field} must be ${what}`);
    }
    return v;
  };
  const email = check('email', 254, EMAIL, 'an email address');
  const phone = check('phone', 40, PHONE, 'a phone number');
  const domain = check('domain', 253, DOMAIN, 'a lower-case internet domain');
  return {
    name: required(singleLine(o, 'name', 200, `${name}.name`), `${name}.name`),
    ...(email !== undefined && { email }),
    ...(phone !== undefined && { phone }),
    ...(domain !== undefined && { domain }),
  };
}

export function parseLines(value: unknown, name = 'lines'): PlaceLineInput[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LINES) {
    throw invalid(name, `${name} must be a list of 1 to ${MAX_LINES} lines`);
  }
  return value.map((raw, i) => {
    const at = `${name}[${i}]`;
    const o = object(raw, at);
    onlyFields(o, at, ['sku', 'qty', 'unitPrice', 'uom', 'taxCategory']);
    const sku = required(singleLine(o, 'sku', 100, `${at}.sku`), `${at}.sku`);
    const qty = decimalText(o.qty, `${at}.qty`, true);
    const unitPrice =
      o.unitPrice === undefined ? undefined : decimalText(o.unitPrice, `${at}.unitPrice`, false);
    const codes: Pick<PlaceLineInput, 'uom' | 'taxCategory'> = {};
    for (const f of ['uom', 'taxCategory'] as const) {
      const v = o[f];
      if (v === undefined) continue;
      if (typeof v !== 'string' || !/^[!-~]{1,48}$/.test(v)) {
        throw invalid(`${at}.${f}`, `${at}.${f} must be a code of 1 to 48 printable ASCII`);
      }
      codes[f] = v;
    }
    return { sku, qty, ...(unitPrice !== undefined && { unitPrice }), ...codes };
  });
}

/** RFC 3339 UTC time with Z, as the wire's dateTime. */
export function parseTime(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length > 40 || parseUtcTimestamp(value) === null) {
    throw invalid(name, `${name} must be an RFC 3339 UTC time such as 2027-03-01T10:00:00Z`);
  }
  return value;
}

/**
 * Checks an order to place as a whole (also what another domain passes to placeOrder): every
 * field's shape, and the fields each type needs (drop_ship: endCustomer and shipTo; cash_sale:
 * soldAt).
 */
export function checkPlaceInput(input: PlaceOrderInput): PlaceOrderInput {
  const raw = input as unknown as Input;
  if (!Number.isSafeInteger(input.sellerPartnerId) || input.sellerPartnerId <= 0) {
    throw invalid('seller', 'seller must be a partner id');
  }
  if (!(ORDER_TYPES as readonly unknown[]).includes(input.type)) {
    throw invalid('type', `type must be one of ${ORDER_TYPES.join(', ')}`);
  }
  const lines = parseLines(input.lines);
  const priceListId = singleLine(raw, 'priceListId', 200);
  const orderId = singleLine(raw, 'orderId', 200);
  const note = text(raw, 'note', 5000);
  const paymentTerms = raw.paymentTerms;
  if (
    paymentTerms !== undefined &&
    (typeof paymentTerms !== 'string' || !/^[!-~]{1,48}$/.test(paymentTerms))
  ) {
    throw invalid('paymentTerms', 'paymentTerms must be a code of 1 to 48 printable ASCII');
  }
  const shipTo = input.shipTo === undefined ? undefined : parseShipTo(input.shipTo);
  const endCustomer =
    input.endCustomer === undefined ? undefined : parseEndCustomer(input.endCustomer);
  const soldAt = input.soldAt === undefined ? undefined : parseTime(input.soldAt, 'soldAt');
  if (input.type === 'drop_ship') {
    required(endCustomer, 'endCustomer');
    required(shipTo, 'shipTo');
  }
  if (input.type === 'cash_sale') required(soldAt, 'soldAt');
  else if (soldAt !== undefined) throw invalid('soldAt', 'soldAt is for cash sales only');
  return {
    sellerPartnerId: input.sellerPartnerId,
    type: input.type,
    lines,
    ...(priceListId !== undefined && { priceListId }),
    ...(shipTo !== undefined && { shipTo }),
    ...(endCustomer !== undefined && { endCustomer }),
    ...(soldAt !== undefined && { soldAt }),
    ...(note !== undefined && { note }),
    ...(paymentTerms !== undefined && { paymentTerms }),
    ...(orderId !== undefined && { orderId }),
  };
}
