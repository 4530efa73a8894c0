/** What the leads domain plugs into the node: message handlers, withdrawable records. */
import type { MessageHandler } from '../handlers/handler.ts';
import type { WithdrawTargets } from '../records/record-withdraw-handler.ts';
import { leadAcceptHandler } from './lead-accept-handler.ts';
import { leadDeclineHandler } from './lead-decline-handler.ts';
import { leadOfferHandler } from './lead-offer-handler.ts';
import { leadProgressHandler } from './lead-progress-handler.ts';
import { leadRecallHandler } from './lead-recall-handler.ts';
import { leadWithdrawTarget } from './withdraw-targets.ts';

export const LEAD_HANDLERS: readonly MessageHandler[] = [
  leadOfferHandler,
  leadAcceptHandler,
  leadDeclineHandler,
  leadProgressHandler,
  leadRecallHandler,
];
export const LEAD_WITHDRAW: WithdrawTargets = { lead: leadWithdrawTarget };
