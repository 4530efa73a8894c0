/**
 * Operator input for orders (admin API bodies, CLI flags gathered into the same shape, the
 * portal's form and the inventory domain's replenishment calls): the shape through the schemas of
 * order-schemas.ts, then the fields each order type needs. Each failure is a 400 `invalid_field`
 * naming the field.
 */
import { z } from 'zod';
import { badRequest } from '../errors.ts';
import { parseInput } from '../input/parse-input.ts';
import type { EndCustomer, OrderType, ShipTo } from '../store/order-store.ts';
import { EndCustomerInput, orderFields, ShipToInput } from './order-schemas.ts';
import { decimalField, textField, utcTimeField } from '../input/input-atoms.ts';

export { MAX_LINES } from './order-schemas.ts';

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

/** The fields of an order to place; what else a caller's object carries is not read. */
const PlaceFields = z.object(orderFields);

/**
 * Checks an order to place as a whole (also what another domain passes to placeOrder): every
 * field's shape, and the fields each type needs (drop_ship: endCustomer and shipTo; cash_sale:
 * soldAt).
 */
export function checkPlaceInput(input: PlaceOrderInput): PlaceOrderInput {
  if (!Number.isSafeInteger(input.sellerPartnerId) || input.sellerPartnerId <= 0) {
    throw invalid('seller', 'seller must be a partner id');
  }
  const { lines, priceListId, shipTo, endCustomer, soldAt, note, paymentTerms, orderId, type } =
    parseInput(PlaceFields, input);
  if (type === 'drop_ship') {
    if (endCustomer === undefined) throw invalid('endCustomer', 'endCustomer is required');
    if (shipTo === undefined) throw invalid('shipTo', 'shipTo is required');
  }
  if (type === 'cash_sale') {
    if (soldAt === undefined) throw invalid('soldAt', 'soldAt is required');
  } else if (soldAt !== undefined) throw invalid('soldAt', 'soldAt is for cash sales only');
  return {
    sellerPartnerId: input.sellerPartnerId,
    type,
    lines: lines.map((l) => ({
      sku: l.sku,
      qty: l.qty,
      ...(l.unitPrice !== undefined && { unitPrice: l.unitPrice }),
      ...(l.uom !== undefined && { uom: l.uom }),
      ...(l.taxCategory !== undefined && { taxCategory: l.taxCategory }),
    })),
    ...(priceListId !== undefined && { priceListId }),
    ...(shipTo !== undefined && { shipTo: shipToOf(shipTo) }),
    ...(endCustomer !== undefined && { endCustomer: endCustomerOf(endCustomer) }),
    ...(soldAt !== undefined && { soldAt }),
    ...(note !== undefined && { note }),
    ...(paymentTerms !== undefined && { paymentTerms }),
    ...(orderId !== undefined && { orderId }),
  };
}

function shipToOf(s: z.output<typeof orderFields.shipTo>): ShipTo {
  const { name, street, postalCode, city, country } = s!;
  return { name, street, ...(postalCode !== undefined && { postalCode }), city, country };
}

function endCustomerOf(e: z.output<typeof orderFields.endCustomer>): EndCustomer {
  const { email, phone, domain, name } = e!;
  return {
    name,
    ...(email !== undefined && { email }),
    ...(phone !== undefined && { phone }),
    ...(domain !== undefined && { domain }),
  };
}

// One field at a time, for a form that gathers its errors field by field (the portal's order
// form), named as the form names it: the same schemas as the whole order.

export function singleLine(
  input: Record<string, unknown>,
  field: string,
  max: number,
  name = field,
) {
  const value = input[field];
  return value === undefined
    ? undefined
    : parseInput(textField(max, { singleLine: true }), value, name);
}

export function decimalText(value: unknown, name: string, positive: boolean): string {
  return parseInput(decimalField({ positive }), value, name);
}

export function parseTime(value: unknown, name: string): string {
  return parseInput(utcTimeField(), value, name);
}

export function parseShipTo(value: unknown, name = 'shipTo'): ShipTo {
  return shipToOf(parseInput(ShipToInput, value, name));
}

export function parseEndCustomer(value: unknown, name = 'endCustomer'): EndCustomer {
  return endCustomerOf(parseInput(EndCustomerInput, value, name));
}
