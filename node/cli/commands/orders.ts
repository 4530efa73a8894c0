/**
 * `partner-sync orders …`: orders placed with sellers and with us (list, show, place, answer,
 * report a milestone, cancel); the receivables commands are in receivables.ts. Flags are gathered into the admin API's input shape
 * and read by the same parsers.
 */
import { parseAnswer, parseCancel, parsePayment, parseStatus } from '../../orders/answer-input.ts';
import { checkPlaceInput, type PlaceOrderInput } from '../../orders/order-input.ts';
import {
  answerOrderNow,
  cancelOrderNow,
  placeOrderNow,
  reportStatusNow,
} from '../../orders/order-ops.ts';
import { orderView } from '../../orders/order-views.ts';
import {
  ORDER_DIRECTIONS,
  ORDER_STATUSES,
  ORDER_TYPES,
  STATUS_UPDATES,
  type OrderDirection,
  type OrderStatus,
} from '../../store/order-store.ts';
import { flagInteger, flagString, type CommandContext, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { findPartnerRef, withNode } from '../node-context.ts';
import { formatTime } from '../output.ts';
import { partnerCell, partnersById, printRecordListing } from '../record-listing.ts';
import { partnerFilter } from './outbox.ts';
import { RECEIVABLES_COMMANDS } from './receivables.ts';
import {
  asOrderFlags,
  orderStatusCell,
  parseChangesFlag,
  parseLinesFlag,
  printOrder,
} from './orders-output.ts';
import {
  flagInput,
  notRunningHint,
  oneOfFlag,
  PARTNER_NARROWING,
  REF_ARG,
  stringFlag,
  targetOf,
} from '../record-flags.ts';

const LIMIT = { min: 1, max: 500, fallback: 50 };
const REF_DETAILS = [
  '<ref> is the number "partner-sync orders" shows for the order, or its order id.',
];

export const ordersCommand: CommandSpec = {
  name: 'orders',
  summary: 'List orders, newest first: placed by you and placed with you',
  usage: [
    'orders [--partner REF] [--status STATUS] [--direction outgoing|incoming] [--limit N] [--json]',
  ],
  example: 'orders --direction incoming --status acknowledged',
  flags: [
    stringFlag('partner', 'REF', 'Only with this partner (its number or node id).'),
    stringFlag('status', 'STATUS', `Only this status: ${ORDER_STATUSES.join(', ')}.`),
    stringFlag('direction', 'DIR', 'outgoing: orders you placed; incoming: placed with you.'),
    stringFlag('limit', 'N', `Show at most N (default ${LIMIT.fallback}).`),
  ],
  json: true,
  async run(ctx) {
    const status = oneOfFlag<OrderStatus>(ctx, 'status', ORDER_STATUSES);
    const direction = oneOfFlag<OrderDirection>(ctx, 'direction', ORDER_DIRECTIONS);
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async (node) => {
      const partnerId = await partnerFilter(node.deps.store, ctx);
      const { orders, names } = await node.deps.store.read(async (tx) => ({
        orders: await tx.orders.listOrders(
          {
            ...(partnerId !== undefined && { partnerId }),
            ...(status && { status }),
            ...(direction && { direction }),
          },
          { limit },
        ),
        names: await partnersById(tx),
      }));
      return printRecordListing(ctx.out, {
        rows: orders,
        view: (o) => orderView(o, names.get(o.partnerId)),
        empty: 'No orders.',
        headers: ['ID', 'WITH', 'WE ARE', 'TYPE', 'TOTAL', 'STATUS', 'ORDERED'],
        cells: (o) => [
          String(o.id),
          partnerCell(names, o.partnerId),
          o.direction === 'outgoing' ? 'buyer' : 'seller',
          o.type,
          `${o.acceptedTotal ?? o.total} ${o.currency}`,
          orderStatusCell(o.status),
          formatTime(o.orderedAt),
        ],
      });
    });
  },
};

export const ordersShowCommand: CommandSpec = {
  name: 'orders show',
  summary: 'Show one order with its lines, answer, milestones and timeline',
  usage: ['orders show <ref> [--partner REF] [--json]'],
  example: 'orders show 12',
  args: REF_ARG,
  flags: [PARTNER_NARROWING],
  json: true,
  details: REF_DETAILS,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      await printOrder(ctx, node, await targetOf(ctx, node));
      return 0;
    });
  },
};

export const ordersPlaceCommand: CommandSpec = {
  name: 'orders place',
  summary: "Place an order against a seller's price list you hold (order.place)",
  usage: [
    'orders place --seller REF --type TYPE --lines SKU:QTY[@PRICE],… [--price-list ID] [--sold-at TIME] [--customer NAME --ship-to-name … ] [--note TEXT] [--json]',
  ],
  example: 'orders place --seller 1 --type standard --lines KB-100:12,MS-200:3',
  flags: [
    { ...stringFlag('seller', 'REF', 'The seller (its number or node id).'), required: true },
    { ...stringFlag('type', 'TYPE', `One of ${ORDER_TYPES.join(', ')}.`), required: true },
    {
      ...stringFlag('lines', 'LINES', 'SKU:QTY, or SKU:QTY@PRICE, comma-separated.'),
      required: true,
    },
    stringFlag('price-list', 'ID', "The seller's price list, when you hold more than one."),
    stringFlag('sold-at', 'TIME', 'cash_sale: when the goods were handed over (UTC time).'),
    stringFlag('customer', 'NAME', 'drop_ship: the end customer.'),
    stringFlag('customer-email', 'EMAIL', "The end customer's email."),
    stringFlag('ship-to-name', 'NAME', 'drop_ship: the recipient of the goods.'),
    stringFlag('ship-to-street', 'TEXT', 'Street and number.'),
    stringFlag('ship-to-postal', 'CODE', 'Postal code.'),
    stringFlag('ship-to-city', 'TEXT', 'City.'),
    stringFlag('ship-to-country', 'CC', 'ISO 3166 country code (DE).'),
    stringFlag('note', 'TEXT', 'A note for the seller.'),
  ],
  json: true,
  details: [
    'Unit prices default to what the held version gives for each quantity (quantity breaks).',
    'drop_ship needs --customer and the --ship-to-* address; cash_sale needs --sold-at.',
  ],
  async run(ctx) {
    const input: Record<string, unknown> = {
      ...flagInput(ctx, [
        ['type', 'type'],
        ['price-list', 'priceListId'],
        ['sold-at', 'soldAt'],
        ['note', 'note'],
      ]),
      lines: parseLinesFlag(ctx, flagString(ctx, 'lines') ?? ''),
    };
    const customer = flagInput(ctx, [
      ['customer', 'name'],
      ['customer-email', 'email'],
    ]);
    if (Object.keys(customer).length > 0) input.endCustomer = customer;
    const shipTo = flagInput(ctx, [
      ['ship-to-name', 'name'],
      ['ship-to-street', 'street'],
      ['ship-to-postal', 'postalCode'],
      ['ship-to-city', 'city'],
      ['ship-to-country', 'country'],
    ]);
    if (Object.keys(shipTo).length > 0) input.shipTo = shipTo;
    return withNode(ctx, async (node) => {
      const seller = await findPartnerRef(node.deps.store, flagString(ctx, 'seller') ?? '');
      const placed = await asOrderFlags(ctx, async () =>
        placeOrderNow(
          node.deps,
          checkPlaceInput({ ...input, sellerPartnerId: seller.id } as unknown as PlaceOrderInput),
        ),
      );
      if (ctx.out.json) {
        ctx.out.data(orderView(placed.order, seller));
        return 0;
      }
      ctx.out.line(
        `Placed order ${placed.id} (${placed.orderId}) with ${seller.name}: ${placed.order.total} ${placed.order.currency}.`,
      );
      notRunningHint(ctx, node, 'the order');
      return 0;
    });
  },
};

export const ordersRespondCommand: CommandSpec = {
  name: 'orders respond',
  summary: 'Answer an order placed with you: AP, CA or RE (order.response)',
  usage: ['orders respond <ref> --code AP|CA|RE [--changes LINE:QTY[@PRICE],…] [--reason TEXT]'],
  example: 'orders respond 12 --code CA --changes 2:0,1:5 --reason "MS-200 is sold out"',
  args: REF_ARG,
  flags: [
    {
      ...stringFlag('code', 'CODE', 'AP accept, CA accept with changes, RE reject.'),
      required: true,
    },
    stringFlag('changes', 'CHANGES', 'CA: LINE:QTY or LINE:QTY@PRICE; QTY 0 drops the line.'),
    stringFlag('reason', 'TEXT', 'Why (required with RE).'),
    stringFlag('reason-code', 'CODE', 'RE: a code for the buyer (default rejected_by_seller).'),
    PARTNER_NARROWING,
  ],
  details: REF_DETAILS,
  async run(ctx) {
    const input: Record<string, unknown> = flagInput(ctx, [
      ['code', 'code'],
      ['reason', 'reason'],
      ['reason-code', 'reasonCode'],
    ]);
    const changes = flagString(ctx, 'changes');
    if (changes !== undefined) input.lines = parseChangesFlag(ctx, changes);
    const answer = await asOrderFlags(ctx, async () => parseAnswer(input));
    return withNode(ctx, async (node) => {
      const order = await asOrderFlags(ctx, async () =>
        answerOrderNow(node.deps, await targetOf(ctx, node), answer),
      );
      ctx.out.line(`Order ${order.id} is ${order.status} (${answer.code}).`);
      notRunningHint(ctx, node, 'the answer');
      return 0;
    });
  },
};

export const ordersStatusCommand: CommandSpec = {
  name: 'orders status',
  summary: 'Report shipped, delivered, invoiced or cancelled (order.status)',
  usage: ['orders status <ref> --status STATUS [--tracking TEXT] [--reason TEXT]'],
  example: 'orders status 12 --status shipped --tracking "DHL 00340434161094022115"',
  args: REF_ARG,
  flags: [
    { ...stringFlag('status', 'STATUS', `One of ${STATUS_UPDATES.join(', ')}.`), required: true },
    stringFlag('tracking', 'TEXT', 'With shipped: the tracking number.'),
    stringFlag('reason', 'TEXT', 'With cancelled: why.'),
    PARTNER_NARROWING,
  ],
  details: [...REF_DETAILS, 'invoiced books the receivable for the accepted total.'],
  async run(ctx) {
    const input = await asOrderFlags(ctx, async () =>
      parseStatus(
        flagInput(ctx, [
          ['status', 'status'],
          ['tracking', 'tracking'],
          ['reason', 'reason'],
        ]),
      ),
    );
    return withNode(ctx, async (node) => {
      const order = await reportStatusNow(node.deps, await targetOf(ctx, node), input);
      ctx.out.line(`Order ${order.id} is ${order.status}.`);
      notRunningHint(ctx, node, 'the status');
      return 0;
    });
  },
};

export const ordersCancelCommand: CommandSpec = {
  name: 'orders cancel',
  summary: 'Cancel an order (as buyer: ask the seller with order.cancel)',
  usage: ['orders cancel <ref> --reason TEXT'],
  example: 'orders cancel 12 --reason "The customer withdrew"',
  args: REF_ARG,
  flags: [
    { ...stringFlag('reason', 'TEXT', 'Why, for the partner.'), required: true },
    PARTNER_NARROWING,
  ],
  details: [...REF_DETAILS, 'An order that was shipped or invoiced cannot be cancelled.'],
  async run(ctx) {
    const reason = await asOrderFlags(ctx, async () =>
      parseCancel(flagInput(ctx, [['reason', 'reason']])),
    );
    return withNode(ctx, async (node) => {
      const order = await cancelOrderNow(node.deps, await targetOf(ctx, node), reason);
      ctx.out.line(
        order.status === 'cancelled'
          ? `Order ${order.id} is cancelled.`
          : `Asked the seller to cancel order ${order.id}; it is cancelled when the seller confirms.`,
      );
      notRunningHint(ctx, node, 'the cancellation');
      return 0;
    });
  },
};

export const ORDERS_COMMANDS: readonly CommandSpec[] = [
  ordersCommand,
  ordersShowCommand,
  ordersPlaceCommand,
  ordersRespondCommand,
  ordersStatusCommand,
  ordersCancelCommand,
  ...RECEIVABLES_COMMANDS,
];
