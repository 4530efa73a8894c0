/** What the service domain plugs into the node: message handlers, withdrawable records. */
import type { MessageHandler } from '../handlers/handler.ts';
import type { WithdrawTargets } from '../records/record-withdraw-handler.ts';
import { serviceRequestHandler } from './service-request-handler.ts';
import { serviceUpdateHandler } from './service-update-handler.ts';
import { warrantyClaimHandler } from './warranty-claim-handler.ts';
import { warrantyDecisionHandler } from './warranty-decision-handler.ts';
import { WITHDRAW_TARGETS } from './withdraw-targets.ts';

export const SERVICE_HANDLERS: readonly MessageHandler[] = [
  serviceRequestHandler,
  serviceUpdateHandler,
  warrantyClaimHandler,
  warrantyDecisionHandler,
];
export const SERVICE_WITHDRAW: WithdrawTargets = WITHDRAW_TARGETS;
