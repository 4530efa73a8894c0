/**
 * What the catalog domain (centrally maintained products, price lists and accounting data) plugs into the node:
 * message handlers, withdrawable records.
 */
import type { MessageHandler } from '../handlers/handler.ts';
import type { WithdrawTargets } from '../records/record-withdraw-handler.ts';
import { accountingPushHandler } from './accounting-push-handler.ts';
import { catalogPushHandler } from './catalog-push-handler.ts';
import { pricelistPushHandler } from './pricelist-push-handler.ts';
import { syncRequestHandler } from './sync-request-handler.ts';
import { CATALOG_WITHDRAW_TARGETS } from './withdraw-targets.ts';

export const CATALOG_HANDLERS: readonly MessageHandler[] = [
  pricelistPushHandler,
  catalogPushHandler,
  accountingPushHandler,
  syncRequestHandler,
];
export const CATALOG_WITHDRAW: WithdrawTargets = CATALOG_WITHDRAW_TARGETS;
