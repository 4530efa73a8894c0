/** What the vendor-managed inventory domain plugs into the node: message handlers, withdrawable records. */
import type { MessageHandler } from '../handlers/handler.ts';
import type { WithdrawTargets } from '../records/record-withdraw-handler.ts';
import { replenishmentDecisionHandler } from './replenishment-decision-handler.ts';
import { replenishmentProposalHandler } from './replenishment-proposal-handler.ts';
import { inventoryReportHandler } from './inventory-report-handler.ts';

export const INVENTORY_HANDLERS: readonly MessageHandler[] = [
  inventoryReportHandler,
  replenishmentProposalHandler,
  replenishmentDecisionHandler,
];
export const INVENTORY_WITHDRAW: WithdrawTargets = {};
