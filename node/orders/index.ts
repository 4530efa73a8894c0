/** What the orders domain plugs into the node: message handlers, timed jobs, withdrawable records. */
import type { MessageHandler } from '../handlers/handler.ts';
import type { Job } from '../jobs/job.ts';
import type { WithdrawTargets } from '../records/withdraw.ts';

export const ORDER_HANDLERS: readonly MessageHandler[] = [];
export const ORDER_JOBS: readonly Job[] = [];
export const ORDER_WITHDRAW: WithdrawTargets = {};
