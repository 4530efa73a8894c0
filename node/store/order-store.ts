/**
 * The orders domain's part of the storage boundary: orders in both directions (placed by this node
 * as the buyer, or placed with it as the seller), their timelines, and the seller's receivables
 * with their payments.
 */
import type { RecordRefusal } from './deal-store.ts';
import type { Page } from './types.ts';

export const ORDER_TYPES = ['standard', 'drop_ship', 'cash_sale', 'replenishment'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** outgoing: this node placed the order (buyer); incoming: a partner placed it with us (seller). */
export const ORDER_DIRECTIONS = ['outgoing', 'incoming'] as const;
export type OrderDirection = (typeof ORDER_DIRECTIONS)[number];

/** AB received, AP accepted, CA accepted with changes, RE rejected. */
export const RESPONSE_CODES = ['AB', 'AP', 'CA', 'RE'] as const;
export type ResponseCode = (typeof RESPONSE_CODES)[number];

/** What order.status carries: the seller's milestones. */
export const STATUS_UPDATES = ['shipped', 'delivered', 'invoiced', 'cancelled'] as const;
export type StatusUpdate = (typeof STATUS_UPDATES)[number];

export const ORDER_STATUSES = [
  'placed',
  'acknowledged',
  'accepted',
  'rejected',
  'shipped',
  'delivered',
  'invoiced',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderLine {
  line: number;
  sku: string;
  qty: string;
  unitPrice: string;
  /** Codes from the seller's accounting data, when the buyer gives them. */
  uom?: string;
  taxCategory?: string;
}

/** A line in a response: CA's changed lines (qty "0" drops the line), RE's failing lines. */
export interface ResponseLine extends OrderLine {
  code?: string;
  reason?: string;
}

export interface ShipTo {
  name: string;
  street: string;
  postalCode?: string;
  city: string;
  country: string;
}

export interface EndCustomer {
  name: string;
  email?: string;
  phone?: string;
  domain?: string;
}

/** What the buyer decides when placing; never changed afterwards. */
export interface OrderFields {
  type: OrderType;
  priceListId: string;
  priceListVersion: number;
  currency: string;
  lines: OrderLine[];
  shipTo: ShipTo | null;
  endCustomer: EndCustomer | null;
  soldAt: string | null;
  note: string | null;
  /** A payment_terms code of the seller's accounting data. */
  paymentTerms?: string | null;
}

/** The seller's answer as stored on both sides. */
export interface OrderResponse {
  code: ResponseCode;
  lines: ResponseLine[];
  reason: string | null;
  reasonCode: string | null;
  at: Date;
}

/** The seller's milestones (the status derives from them and from the response). */
export interface OrderMilestones {
  shippedAt: Date | null;
  tracking: string | null;
  deliveredAt: Date | null;
  invoicedAt: Date | null;
  /** Set with invoicedAt when the order names payment terms of the seller's accounting data. */
  paymentDueAt: Date | null;
  cancelledAt: Date | null;
  cancelledBy: 'buyer' | 'seller' | null;
  cancelReason: string | null;
}

export interface Order extends OrderFields, OrderMilestones {
  id: number;
  orderId: string;
  partnerId: number;
  direction: OrderDirection;
  total: string;
  orderedAt: Date;
  placeMessageId: string | null;
  response: OrderResponse | null;
  acceptedTotal: string | null;
  cancelRequestedAt: Date | null;
  status: OrderStatus;
  createdAt: Date;
  updatedAt: Date;
  /** The counterpart refused our last message about this order (and nothing since). */
  refusal: RecordRefusal | null;
}

export type OrderChanges = Partial<
  OrderMilestones & {
    response: OrderResponse;
    acceptedTotal: string | null;
    cancelRequestedAt: Date | null;
    status: OrderStatus;
  }
>;

export const ORDER_EVENT_TYPES = [
  'placed',
  'response',
  'status',
  'cancel_requested',
  'payment',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export interface OrderEvent {
  id: number;
  orderRowId: number;
  type: OrderEventType;
  side: 'self' | 'partner';
  byNodeId: string | null;
  at: Date;
  messageId: string | null;
  code: string | null;
  detail: Record<string, unknown> | null;
  recordedAt: Date;
}

export interface OrderFilter {
  partnerId?: number;
  status?: OrderStatus;
  direction?: OrderDirection;
}

export const RECEIVABLE_STATUSES = ['open', 'paid'] as const;
export type ReceivableStatus = (typeof RECEIVABLE_STATUSES)[number];

export interface Receivable {
  id: number;
  orderRowId: number;
  partnerId: number;
  currency: string;
  amount: string;
  paid: string;
  status: ReceivableStatus;
  bookedAt: Date;
  paidAt: Date | null;
  updatedAt: Date;
}

export interface Payment {
  id: number;
  receivableId: number;
  amount: string;
  paidAt: Date;
  note: string | null;
  recordedAt: Date;
}

export interface ReceivableFilter {
  partnerId?: number;
  status?: ReceivableStatus;
}

export interface OrderRepo {
  findOrder(partnerId: number, orderId: string): Promise<Order | null>;
  getOrder(id: number): Promise<Order | null>;
  /** Orders with this wire id, whoever placed them. */
  ordersById(orderId: string): Promise<Order[]>;
  insertOrder(input: {
    orderId: string;
    partnerId: number;
    direction: OrderDirection;
    fields: OrderFields;
    total: string;
    orderedAt: Date;
    placeMessageId: string | null;
    at: Date;
  }): Promise<Order>;
  updateOrder(id: number, changes: OrderChanges, at: Date): Promise<void>;
  /** Newest first; `page.after` is the id of the last order of the previous page. */
  listOrders(filter: OrderFilter, page: Page): Promise<Order[]>;
  addEvent(event: Omit<OrderEvent, 'id'>): Promise<void>;
  /** Oldest first. */
  events(orderRowId: number): Promise<OrderEvent[]>;

  insertReceivable(input: {
    orderRowId: number;
    partnerId: number;
    currency: string;
    amount: string;
    at: Date;
  }): Promise<Receivable>;
  getReceivable(id: number): Promise<Receivable | null>;
  receivableOfOrder(orderRowId: number): Promise<Receivable | null>;
  /** Newest first. */
  listReceivables(filter: ReceivableFilter, page: Page): Promise<Receivable[]>;
  /** Every open receivable (for the per-partner totals), optionally of one partner. */
  openReceivables(partnerId?: number): Promise<Receivable[]>;
  updateReceivable(
    id: number,
    changes: { paid: string; status: ReceivableStatus; paidAt: Date | null },
    at: Date,
  ): Promise<void>;
  addPayment(input: Omit<Payment, 'id'>): Promise<Payment>;
  payments(receivableId: number): Promise<Payment[]>;
}
