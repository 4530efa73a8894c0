/** What the marketing funds domain plugs into the node: message handlers, withdrawable records. */
import type { MessageHandler } from '../handlers/handler.ts';
import type { WithdrawTargets } from '../records/record-withdraw-handler.ts';
import { expenseClaimHandler } from './expense-claim-handler.ts';
import { expenseDecisionHandler } from './expense-decision-handler.ts';
import { fundAllocationHandler } from './fund-allocation-handler.ts';
import { WITHDRAW_TARGETS } from './withdraw-targets.ts';

export const FUND_HANDLERS: readonly MessageHandler[] = [
  fundAllocationHandler,
  expenseClaimHandler,
  expenseDecisionHandler,
];
export const FUND_WITHDRAW: WithdrawTargets = WITHDRAW_TARGETS;
