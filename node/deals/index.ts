/** What the deals domain plugs into the node: message handlers, withdrawable records. */
import type { MessageHandler } from '../handlers/handler.ts';
import type { WithdrawTargets } from '../records/record-withdraw-handler.ts';
import { DEAL_RECORD_KIND } from './deal-bodies.ts';
import { dealDecisionHandler } from './deal-decision-handler.ts';
import { dealRegisterHandler } from './deal-register-handler.ts';
import { dealWithdrawTarget } from './withdraw-targets.ts';

export const DEAL_HANDLERS: readonly MessageHandler[] = [dealRegisterHandler, dealDecisionHandler];
export const DEAL_WITHDRAW: WithdrawTargets = { [DEAL_RECORD_KIND]: dealWithdrawTarget };
