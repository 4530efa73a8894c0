/**
 * The orders domain's message bodies as TypeScript types (their JSON Schemas in `schemas/` judge
 * what arrives), and the conversions between them and the stored fields.
 */
import type {
  EndCustomer,
  OrderFields,
  OrderLine,
  OrderType,
  ResponseCode,
  ResponseLine,
  ShipTo,
  StatusUpdate,
} from '../store/order-store.ts';

export interface OrderPlaceBody {
  order: {
    id: string;
    type: OrderType;
    priceListId: string;
    priceListVersion: number;
    currency: string;
    lines: OrderLine[];
    shipTo?: ShipTo;
    endCustomer?: EndCustomer;
    soldAt?: string;
    note?: string;
    paymentTerms?: string;
  };
}

export interface OrderResponseBody {
  orderId: string;
  code: ResponseCode;
  lines?: ResponseLine[];
  reason?: string;
  reasonCode?: string;
  at?: string;
}

export interface OrderStatusBody {
  orderId: string;
  status: StatusUpdate;
  tracking?: string;
  reason?: string;
  cancelledBy?: 'buyer' | 'seller';
  at?: string;
  /** With invoiced: when payment is due under the order's payment terms. */
  dueAt?: string;
}

export interface OrderCancelBody {
  orderId: string;
  reason: string;
}

export const ORDER_PLACE = 'order.place';
export const ORDER_RESPONSE = 'order.response';
export const ORDER_STATUS = 'order.status';
export const ORDER_CANCEL = 'order.cancel';

/** A line as order.place carries it: the optional accounting codes only when given. */
function wireLine(l: OrderLine): OrderLine {
  return {
    line: l.line,
    sku: l.sku,
    qty: l.qty,
    unitPrice: l.unitPrice,
    ...(l.uom !== undefined && { uom: l.uom }),
    ...(l.taxCategory !== undefined && { taxCategory: l.taxCategory }),
  };
}

export function placeBody(orderId: string, f: OrderFields): OrderPlaceBody {
  return {
    order: {
      id: orderId,
      type: f.type,
      priceListId: f.priceListId,
      priceListVersion: f.priceListVersion,
      currency: f.currency,
      lines: f.lines.map(wireLine),
      ...(f.shipTo !== null && { shipTo: f.shipTo }),
      ...(f.endCustomer !== null && { endCustomer: f.endCustomer }),
      ...(f.soldAt !== null && { soldAt: f.soldAt }),
      ...(f.note !== null && { note: f.note }),
      ...(f.paymentTerms != null && { paymentTerms: f.paymentTerms }),
    },
  };
}

export function fieldsOf(body: OrderPlaceBody): OrderFields {
  const o = body.order;
  return {
    type: o.type,
    priceListId: o.priceListId,
    priceListVersion: o.priceListVersion,
    currency: o.currency,
    lines: o.lines.map(wireLine),
    shipTo: o.shipTo ?? null,
    endCustomer: o.endCustomer ?? null,
    soldAt: o.soldAt ?? null,
    note: o.note ?? null,
    paymentTerms: o.paymentTerms ?? null,
  };
}

/** Two placements of one order id are the same order when their fields are equal. */
export function sameFields(a: OrderFields, b: OrderFields): boolean {
  return canonical(placeBody('', a)) === canonical(placeBody('', b));
}

/** JSON with object keys sorted, so that key order does not make two equal orders differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
