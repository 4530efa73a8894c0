/** The orders and receivables admin operations, declared once, with the answers they give. */
import { z } from 'zod';
import {
  OrderAnswer,
  OrderCancel,
  OrderPlace,
  OrderStatusUpdate,
  PaymentRecord,
} from '../../orders/order-schemas.ts';
import { queryEnum } from '../../input/input-atoms.ts';
import {
  ORDER_DIRECTIONS,
  ORDER_STATUSES,
  ORDER_TYPES,
  RECEIVABLE_STATUSES,
} from '../../store/order-store.ts';
import { errorResponses as errors, jsonRequest, jsonResponse, operationsOf } from '../operation.ts';
import {
  anyObject,
  decimal,
  decimalOrNull,
  nextCursor,
  pageQuery,
  partnerFilter,
  partnerNarrowing,
  partnerOf,
  recordIdParams,
  refusalOrNull,
  rowIdParams,
} from '../record-schemas.ts';
import { READ, rolesOf } from '../role-rule.ts';
import { stringOrNull, time, timeOrNull } from '../view-schemas.ts';

const declare = operationsOf('orders');
const WRITE = rolesOf('orders');
const FINANCE = rolesOf('receivables');
const RESPONSE_CODES = ['AB', 'AP', 'CA', 'RE'] as const;

const line = z.strictObject({
  line: z.number().int(),
  sku: z.string(),
  qty: decimal,
  unitPrice: decimal,
  amount: decimal,
  uom: z.string(),
  taxCategory: z.string(),
});

const orderFields = {
  id: z.number().int().meta({ description: "This node's number for the order." }),
  orderId: z.string().meta({ description: "The buyer's id for it, on the wire." }),
  partner: partnerOf,
  direction: z.enum(ORDER_DIRECTIONS).meta({
    description: 'outgoing: we placed it (buyer); incoming: placed with us (seller).',
  }),
  role: z.enum(['buyer', 'seller']),
  type: z.enum(ORDER_TYPES),
  status: z.enum(ORDER_STATUSES),
  priceListId: z.string(),
  priceListVersion: z.number().int(),
  currency: z.string(),
  total: decimal.meta({ description: 'The lines as placed, summed exactly.' }),
  acceptedTotal: decimalOrNull.meta({ description: 'After AP or CA: the lines as accepted.' }),
  lineCount: z.number().int(),
  orderedAt: time.meta({ description: 'The order date: soldAt for a cash sale.' }),
  responseCode: z
    .enum(RESPONSE_CODES)
    .nullable()
    .meta({ description: 'Null before the seller answers.' }),
  cancelRequested: z.boolean().meta({
    description: 'Buyer side: we asked the seller to cancel (its order.status confirms).',
  }),
  createdAt: time,
  updatedAt: time,
  refusal: refusalOrNull,
};

export const Order = z.strictObject(orderFields).meta({ id: 'Order' });

const receivableFields = {
  id: z.number().int(),
  partner: partnerOf,
  orderRowId: z.number().int(),
  orderId: stringOrNull,
  currency: z.string(),
  amount: decimal,
  paid: decimal,
  open: decimal,
  status: z.enum(RECEIVABLE_STATUSES),
  bookedAt: time,
  dueAt: timeOrNull.meta({
    description:
      "When payment is due under the order's payment terms (seller's accounting data); null without terms.",
  }),
  paidAt: timeOrNull,
};

export const Receivable = z.strictObject(receivableFields).meta({ id: 'Receivable' });

const OrderDetail = z
  .strictObject({
    ...orderFields,
    lines: z.array(line),
    acceptedLines: z.array(line).nullable(),
    shipTo: anyObject.nullable(),
    endCustomer: anyObject.nullable(),
    soldAt: stringOrNull,
    paymentTerms: stringOrNull,
    note: stringOrNull,
    response: z
      .object({
        code: z.enum(RESPONSE_CODES),
        lines: z.array(
          z.strictObject({
            line: z.number().int(),
            sku: z.string(),
            qty: decimal.meta({ description: 'With CA: the quantity accepted; 0 drops the line.' }),
            unitPrice: decimal,
            code: z.string().optional().meta({ description: 'With RE: why the line failed.' }),
            reason: z.string().optional(),
          }),
        ),
        reason: stringOrNull,
        reasonCode: stringOrNull,
        at: time,
      })
      .partial()
      .nullable(),
    shippedAt: timeOrNull,
    tracking: stringOrNull,
    deliveredAt: timeOrNull,
    invoicedAt: timeOrNull,
    paymentDueAt: timeOrNull.meta({
      description:
        "Set when invoiced: the invoice date plus the days of the order's payment terms in the seller's accounting data (order.status dueAt); null without terms.",
    }),
    cancelledAt: timeOrNull,
    cancelledBy: z
      .enum(['buyer', 'seller'])
      .nullable()
      .meta({ description: 'Null unless cancelled.' }),
    cancelReason: stringOrNull,
    cancelRequestedAt: timeOrNull,
    receivable: Receivable.nullable(),
    timeline: z.array(
      z.strictObject({
        type: z.enum(['placed', 'response', 'status', 'cancel_requested', 'payment']),
        side: z.enum(['self', 'partner']),
        by: stringOrNull,
        at: time,
        messageId: stringOrNull.meta({
          description: 'The message that carried it; null if none did.',
        }),
        code: stringOrNull.meta({ description: 'Response code, status, or payment amount.' }),
        detail: anyObject.nullable(),
        recordedAt: time,
      }),
    ),
  })
  .meta({ id: 'OrderDetail' });

const OrderPage = z.strictObject({ orders: z.array(Order), nextCursor }).meta({ id: 'OrderPage' });

const ReceivableDetail = z
  .strictObject({
    ...receivableFields,
    payments: z.array(
      z.strictObject({
        id: z.number().int(),
        amount: decimal,
        paidAt: time,
        note: stringOrNull,
        recordedAt: time,
      }),
    ),
  })
  .meta({ id: 'ReceivableDetail' });

const ReceivablePage = z
  .strictObject({
    openTotals: z
      .array(
        z.strictObject({
          partner: partnerOf,
          currency: z.string(),
          open: decimal,
          count: z.number().int(),
        }),
      )
      .meta({ description: 'Open amount per partner and currency (over all open receivables).' }),
    receivables: z.array(Receivable),
    nextCursor,
  })
  .meta({ id: 'ReceivablePage' });

const orderParams = recordIdParams('order');
const detail = jsonResponse('The order with its lines, answer and timeline.', OrderDetail);
const orderAnswer = { 200: detail, ...errors };

export const listOrders = declare(
  {
    method: 'get',
    path: '/orders',
    operationId: 'listOrders',
    roles: READ,
    summary: 'Orders, newest first: those we placed and those placed with us',
    description:
      'Orders in both directions with their status, totals and the answer code, optionally with one partner, in one status or one direction; page with `after`.',
  },
  {
    request: {
      query: z.strictObject({
        partner: partnerFilter,
        status: queryEnum(ORDER_STATUSES).optional(),
        direction: queryEnum(ORDER_DIRECTIONS).optional(),
        ...pageQuery,
      }),
    },
    responses: { 200: jsonResponse('A page.', OrderPage), 400: errors[400] },
  },
);

export const placeOrder = declare(
  {
    method: 'post',
    path: '/orders',
    operationId: 'placeOrder',
    roles: WRITE,
    body: 'required',
    summary: 'Place an order with a seller against its price list as we hold it (order.place)',
    description:
      "Prices the lines against the seller's price list as we hold it (the unit price defaults to the quantity break's), checks units, tax categories and payment terms against the seller's accounting data, and sends a signed order.place. drop_ship needs endCustomer and shipTo, cash_sale needs soldAt. 400 unknown_sku for a product the list lacks; 404 for an unknown price list; 409 when the seller is not active.",
  },
  {
    request: { body: jsonRequest(OrderPlace) },
    responses: { 201: detail, ...errors },
  },
);

export const getOrder = declare(
  {
    method: 'get',
    path: '/orders/{id}',
    operationId: 'getOrder',
    roles: READ,
    summary: 'One order with its lines, answer, milestones, receivable and timeline',
    description:
      'One order in either direction: the lines as placed and as accepted, the seller’s answer, shipping and invoicing milestones, the receivable it booked and every step with the message that carried it.',
  },
  {
    request: { params: orderParams, query: partnerNarrowing },
    responses: { 200: detail, 404: errors[404], 409: errors[409] },
  },
);

export const answerOrder = declare(
  {
    method: 'post',
    path: '/orders/{id}/response',
    operationId: 'answerOrder',
    roles: WRITE,
    body: 'required',
    summary: 'Seller: accept (AP), accept with changes (CA) or reject (RE) (order.response)',
    description:
      'Answers an order placed with us and sends the signed order.response: AP accepts, CA accepts with the changed lines (qty "0" drops a line), RE rejects with a reason. AB is sent on receipt by itself. 409 not_seller on an order we placed, or once answered.',
  },
  {
    request: { params: orderParams, query: partnerNarrowing, body: jsonRequest(OrderAnswer) },
    responses: orderAnswer,
  },
);

export const reportOrderStatus = declare(
  {
    method: 'post',
    path: '/orders/{id}/status',
    operationId: 'reportOrderStatus',
    roles: WRITE,
    body: 'required',
    summary: 'Seller: shipped, delivered, invoiced (books the receivable) or cancelled',
    description:
      'Reports a milestone of an accepted order to the buyer (order.status): shipped (with tracking), delivered, invoiced (books the receivable for the accepted total) or cancelled (with a reason). 409 not_accepted before the answer, not_seller on an order we placed.',
  },
  {
    request: {
      params: orderParams,
      query: partnerNarrowing,
      body: jsonRequest(OrderStatusUpdate),
    },
    responses: orderAnswer,
  },
);

export const cancelOrder = declare(
  {
    method: 'post',
    path: '/orders/{id}/cancel',
    operationId: 'cancelOrder',
    roles: WRITE,
    body: 'required',
    summary: 'Cancel: the buyer asks (order.cancel), the seller cancels; 409 once shipped',
    description:
      'As buyer: asks the seller to cancel with order.cancel (the order is cancelled when the seller confirms). As seller: cancels and tells the buyer. 409 once shipped or invoiced, or already cancelled.',
  },
  {
    request: { params: orderParams, query: partnerNarrowing, body: jsonRequest(OrderCancel) },
    responses: orderAnswer,
  },
);

export const listReceivables = declare(
  {
    method: 'get',
    path: '/receivables',
    operationId: 'listReceivables',
    roles: READ,
    summary: 'Receivables, newest first, with the open amount per partner',
    description:
      'The receivables invoicing booked (seller side), open or paid, optionally of one partner or status, with the open amount per partner and currency over all open ones; page with `after`.',
  },
  {
    request: {
      query: z.strictObject({
        partner: partnerFilter,
        status: queryEnum(RECEIVABLE_STATUSES).optional(),
        ...pageQuery,
      }),
    },
    responses: { 200: jsonResponse('A page.', ReceivablePage), 400: errors[400] },
  },
);

const receivableParams = rowIdParams('receivable');

export const getReceivable = declare(
  {
    method: 'get',
    path: '/receivables/{id}',
    operationId: 'getReceivable',
    roles: READ,
    summary: 'One receivable with its payments',
    description: 'One receivable with the order it was booked for and every payment recorded.',
  },
  {
    request: { params: receivableParams, query: z.strictObject({}) },
    responses: { 200: jsonResponse('The receivable.', ReceivableDetail), 404: errors[404] },
  },
);

export const recordPayment = declare(
  {
    method: 'post',
    path: '/receivables/{id}/payments',
    operationId: 'recordPayment',
    roles: FINANCE,
    body: 'required',
    summary: 'Record a payment (full or partial); more than is open is refused',
    description:
      'Records a payment against a receivable; the receivable is paid when nothing is open. 409 for more than is open or on a paid receivable.',
  },
  {
    request: {
      params: receivableParams,
      query: z.strictObject({}),
      body: jsonRequest(PaymentRecord),
    },
    responses: {
      201: jsonResponse('The receivable.', ReceivableDetail),
      404: errors[404],
      409: errors[409],
      400: errors[400],
    },
  },
);

export const ORDER_OPERATIONS = [
  listOrders,
  placeOrder,
  getOrder,
  answerOrder,
  reportOrderStatus,
  cancelOrder,
  listReceivables,
  getReceivable,
  recordPayment,
];
