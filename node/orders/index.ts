/**
 * What the orders domain plugs into the node: message handlers, withdrawable records.
 * Orders have no record.withdraw target: an order is a commercial document both sides keep; the
 * buyer ends it with order.cancel and the seller with RE or order.status cancelled, each with the
 * state rules those kinds carry, so withdrawing one would only be a way around them.
 */
import type { MessageHandler } from '../handlers/handler.ts';
import type { WithdrawTargets } from '../records/record-withdraw-handler.ts';
import { orderCancelHandler } from './order-cancel-handler.ts';
import { orderPlaceHandler } from './order-place-handler.ts';
import { orderResponseHandler } from './order-response-handler.ts';
import { orderStatusHandler } from './order-status-handler.ts';

export const ORDER_HANDLERS: readonly MessageHandler[] = [
  orderPlaceHandler,
  orderResponseHandler,
  orderStatusHandler,
  orderCancelHandler,
];
export const ORDER_WITHDRAW: WithdrawTargets = {};
