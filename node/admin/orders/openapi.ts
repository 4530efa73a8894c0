/** The orders and receivables admin API in the OpenAPI document: its paths and record schemas. */
import {
  ORDER_DIRECTIONS,
  ORDER_STATUSES,
  ORDER_TYPES,
  RECEIVABLE_STATUSES,
  STATUS_UPDATES,
} from '../../store/order-store.ts';
import {
  closedObject,
  ok,
  operation,
  param,
  partnerNarrowingQuery,
  partnerOf,
  recordIdParam,
  response,
  stringOrNull,
  time,
  timeOrNull,
} from '../openapi-builders.ts';
import { ref } from '../openapi-components.ts';
import type { PathItemObject, SchemaObject } from '../openapi-types.ts';

const decimal: SchemaObject = {
  type: 'string',
  pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$',
  maxLength: 40,
};
const decimalOrNull: SchemaObject = { ...decimal, type: ['string', 'null'] };
const text500: SchemaObject = { type: 'string', minLength: 1, maxLength: 500 };
const anyObject: SchemaObject = { type: 'object' };
const anyObjectOrNull: SchemaObject = { type: ['object', 'null'] };

const idParam = recordIdParam('order');
const receivableParam = {
  name: 'id',
  in: 'path' as const,
  required: true,
  description: "This node's number for the receivable.",
  schema: { type: 'string' as const, pattern: '^[0-9]+$' },
};

const line: SchemaObject = closedObject({
  line: { type: 'integer' },
  sku: { type: 'string' },
  qty: decimal,
  unitPrice: decimal,
  amount: decimal,
  uom: { type: 'string' },
  taxCategory: { type: 'string' },
});
const responseLine: SchemaObject = {
  type: 'object',
  properties: {
    line: { type: 'integer' },
    sku: { type: 'string' },
    qty: { ...decimal, description: 'With CA: the quantity accepted; 0 drops the line.' },
    unitPrice: decimal,
    code: { type: 'string', description: 'With RE: why the line failed.' },
    reason: { type: 'string' },
  },
  required: ['line', 'sku', 'qty', 'unitPrice'],
  additionalProperties: false,
};

const order: Record<string, SchemaObject> = {
  id: { type: 'integer', description: "This node's number for the order." },
  orderId: { type: 'string', description: "The buyer's id for it, on the wire." },
  partner: partnerOf,
  direction: {
    type: 'string',
    enum: ORDER_DIRECTIONS,
    description: 'outgoing: we placed it (buyer); incoming: placed with us (seller).',
  },
  role: { type: 'string', enum: ['buyer', 'seller'] },
  type: { type: 'string', enum: ORDER_TYPES },
  status: { type: 'string', enum: ORDER_STATUSES },
  priceListId: { type: 'string' },
  priceListVersion: { type: 'integer' },
  currency: { type: 'string' },
  total: { ...decimal, description: 'The lines as placed, summed exactly.' },
  acceptedTotal: { ...decimalOrNull, description: 'After AP or CA: the lines as accepted.' },
  lineCount: { type: 'integer' },
  orderedAt: { ...time, description: 'The order date: soldAt for a cash sale.' },
  responseCode: {
    type: ['string', 'null'],
    enum: ['AB', 'AP', 'CA', 'RE'],
    description: 'Null before the seller answers.',
  },
  cancelRequested: {
    type: 'boolean',
    description: 'Buyer side: we asked the seller to cancel (its order.status confirms).',
  },
  createdAt: time,
  updatedAt: time,
  refusal: {
    type: ['object', 'null'],
    description:
      'The counterpart refused our last message about this order: status refused, code, reason, kind, messageId, at.',
  },
};

const receivable: Record<string, SchemaObject> = {
  id: { type: 'integer' },
  partner: partnerOf,
  orderRowId: { type: 'integer' },
  orderId: stringOrNull,
  currency: { type: 'string' },
  amount: decimal,
  paid: decimal,
  open: decimal,
  status: { type: 'string', enum: RECEIVABLE_STATUSES },
  bookedAt: time,
  dueAt: {
    ...timeOrNull,
    description:
      "When payment is due under the order's payment terms (seller's accounting data); null without terms.",
  },
  paidAt: timeOrNull,
};

const payment = closedObject({
  id: { type: 'integer' },
  amount: decimal,
  paidAt: time,
  note: stringOrNull,
  recordedAt: time,
});

const timelineEvent = closedObject({
  type: {
    type: 'string',
    enum: ['placed', 'response', 'status', 'cancel_requested', 'payment'],
  },
  side: { type: 'string', enum: ['self', 'partner'] },
  by: stringOrNull,
  at: time,
  messageId: { ...stringOrNull, description: 'The message that carried it; null if none did.' },
  code: { ...stringOrNull, description: 'Response code, status, or payment amount.' },
  detail: anyObjectOrNull,
  recordedAt: time,
});

const placeLine = closedObject(
  {
    sku: { type: 'string', minLength: 1, maxLength: 100 },
    qty: { ...decimal, description: 'More than 0.' },
    unitPrice: {
      ...decimal,
      description: 'Defaults to the price the held version gives for the quantity.',
    },
    uom: {
      type: 'string',
      description: "A uom of the seller's accounting data (400 unknown_code otherwise).",
    },
    taxCategory: {
      type: 'string',
      description: "A tax_category of the seller's accounting data (400 unknown_code otherwise).",
    },
  },
  ['sku', 'qty'],
);

export const ORDER_OPENAPI_SCHEMAS: Record<string, SchemaObject> = {
  Order: closedObject(order),
  OrderDetail: closedObject({
    ...order,
    lines: { type: 'array', items: line },
    acceptedLines: { type: ['array', 'null'], items: line },
    shipTo: anyObjectOrNull,
    endCustomer: anyObjectOrNull,
    soldAt: stringOrNull,
    paymentTerms: stringOrNull,
    note: stringOrNull,
    response: {
      type: ['object', 'null'],
      properties: {
        code: { type: 'string', enum: ['AB', 'AP', 'CA', 'RE'] },
        lines: { type: 'array', items: responseLine },
        reason: stringOrNull,
        reasonCode: stringOrNull,
        at: time,
      },
    },
    shippedAt: timeOrNull,
    tracking: stringOrNull,
    deliveredAt: timeOrNull,
    invoicedAt: timeOrNull,
    paymentDueAt: {
      ...timeOrNull,
      description:
        "Set when invoiced: the invoice date plus the days of the order's payment terms in the seller's accounting data (order.status dueAt); null without terms.",
    },
    cancelledAt: timeOrNull,
    cancelledBy: {
      type: ['string', 'null'],
      enum: ['buyer', 'seller'],
      description: 'Null unless cancelled.',
    },
    cancelReason: stringOrNull,
    cancelRequestedAt: timeOrNull,
    receivable: { oneOf: [ref('Receivable'), { type: 'null' }] },
    timeline: { type: 'array', items: timelineEvent },
  }),
  OrderPage: closedObject({
    orders: { type: 'array', items: ref('Order') },
    nextCursor: { type: ['integer', 'null'] },
  }),
  OrderPlace: closedObject(
    {
      seller: ref('PartnerRef'),
      type: { type: 'string', enum: ORDER_TYPES },
      lines: { type: 'array', minItems: 1, maxItems: 500, items: placeLine },
      priceListId: {
        type: 'string',
        description: "The seller's price list; optional when we hold only one of the seller's.",
      },
      shipTo: {
        ...anyObject,
        description: 'name, street, postalCode?, city, country (ISO 3166); drop_ship needs it.',
      },
      endCustomer: {
        ...anyObject,
        description: 'name, email?, phone?, domain?; drop_ship needs it.',
      },
      soldAt: { ...time, description: 'Cash sales only (required there): when handed over.' },
      paymentTerms: {
        type: 'string',
        description:
          "A payment_terms code of the seller's accounting data (400 unknown_code otherwise).",
      },
      note: { type: 'string', minLength: 1, maxLength: 5000 },
      orderId: { type: 'string', description: 'Our id for the order; a new UUIDv7 when absent.' },
    },
    ['seller', 'type', 'lines'],
  ),
  OrderAnswer: closedObject(
    {
      code: { type: 'string', enum: ['AP', 'CA', 'RE'] },
      lines: {
        type: 'array',
        description: 'CA only (required): the changed lines; qty "0" drops a line.',
        items: closedObject({ line: { type: 'integer' }, qty: decimal, unitPrice: decimal }, [
          'line',
          'qty',
        ]),
      },
      reason: { ...text500, description: 'Required with RE.' },
      reasonCode: { type: 'string', description: 'RE only; default rejected_by_seller.' },
    },
    ['code'],
  ),
  OrderStatusUpdate: closedObject(
    {
      status: { type: 'string', enum: STATUS_UPDATES },
      tracking: { type: 'string', description: 'With shipped.' },
      reason: { ...text500, description: 'With cancelled.' },
    },
    ['status'],
  ),
  OrderCancel: closedObject({ reason: text500 }),
  Receivable: closedObject(receivable),
  ReceivableDetail: closedObject({ ...receivable, payments: { type: 'array', items: payment } }),
  ReceivablePage: closedObject({
    openTotals: {
      type: 'array',
      description: 'Open amount per partner and currency (over all open receivables).',
      items: closedObject({
        partner: partnerOf,
        currency: { type: 'string' },
        open: decimal,
        count: { type: 'integer' },
      }),
    },
    receivables: { type: 'array', items: ref('Receivable') },
    nextCursor: { type: ['integer', 'null'] },
  }),
  PaymentRecord: closedObject(
    {
      amount: { ...decimal, description: 'More than 0, at most what is open.' },
      paidAt: time,
      note: text500,
    },
    ['amount'],
  ),
};

const notFound = response('NotFound');
const conflict = response('Conflict');
const detail = ok('The order with its lines, answer and timeline.', ref('OrderDetail'));

export const ORDER_OPENAPI_PATHS: Record<string, PathItemObject> = {
  '/orders': {
    get: operation('listOrders', {
      summary: 'Orders, newest first: those we placed and those placed with us',
      tag: 'orders',
      parameters: [
        param('partnerFilter'),
        { name: 'status', in: 'query', schema: { type: 'string', enum: ORDER_STATUSES } },
        { name: 'direction', in: 'query', schema: { type: 'string', enum: ORDER_DIRECTIONS } },
        param('limit'),
        param('after'),
      ],
      responses: { '200': ok('A page.', ref('OrderPage')), '400': response('BadRequest') },
    }),
    post: operation('placeOrder', {
      summary: 'Place an order with a seller against its price list as we hold it (order.place)',
      tag: 'orders',
      body: { schema: ref('OrderPlace') },
      responses: { '201': detail, '404': notFound, '409': conflict },
    }),
  },
  '/orders/{id}': {
    get: operation('getOrder', {
      summary: 'One order with its lines, answer, milestones, receivable and timeline',
      tag: 'orders',
      parameters: [idParam, partnerNarrowingQuery],
      responses: { '200': detail, '404': notFound, '409': conflict },
    }),
  },
  '/orders/{id}/response': {
    post: operation('answerOrder', {
      summary: 'Seller: accept (AP), accept with changes (CA) or reject (RE) (order.response)',
      tag: 'orders',
      parameters: [idParam, partnerNarrowingQuery],
      body: { schema: ref('OrderAnswer') },
      responses: { '200': detail, '404': notFound, '409': conflict },
    }),
  },
  '/orders/{id}/status': {
    post: operation('reportOrderStatus', {
      summary: 'Seller: shipped, delivered, invoiced (books the receivable) or cancelled',
      tag: 'orders',
      parameters: [idParam, partnerNarrowingQuery],
      body: { schema: ref('OrderStatusUpdate') },
      responses: { '200': detail, '404': notFound, '409': conflict },
    }),
  },
  '/orders/{id}/cancel': {
    post: operation('cancelOrder', {
      summary: 'Cancel: the buyer asks (order.cancel), the seller cancels; 409 once shipped',
      tag: 'orders',
      parameters: [idParam, partnerNarrowingQuery],
      body: { schema: ref('OrderCancel') },
      responses: { '200': detail, '404': notFound, '409': conflict },
    }),
  },
  '/receivables': {
    get: operation('listReceivables', {
      summary: 'Receivables, newest first, with the open amount per partner',
      tag: 'orders',
      parameters: [
        param('partnerFilter'),
        { name: 'status', in: 'query', schema: { type: 'string', enum: RECEIVABLE_STATUSES } },
        param('limit'),
        param('after'),
      ],
      responses: { '200': ok('A page.', ref('ReceivablePage')), '400': response('BadRequest') },
    }),
  },
  '/receivables/{id}': {
    get: operation('getReceivable', {
      summary: 'One receivable with its payments',
      tag: 'orders',
      parameters: [receivableParam],
      responses: { '200': ok('The receivable.', ref('ReceivableDetail')), '404': notFound },
    }),
  },
  '/receivables/{id}/payments': {
    post: operation('recordPayment', {
      summary: 'Record a payment (full or partial); more than is open is refused',
      tag: 'orders',
      parameters: [receivableParam],
      body: { schema: ref('PaymentRecord') },
      responses: {
        '201': ok('The receivable.', ref('ReceivableDetail')),
        '404': notFound,
        '409': conflict,
      },
    }),
  },
};
