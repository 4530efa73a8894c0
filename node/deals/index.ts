/** What the deals domain plugs into the node: message handlers, timed jobs, withdrawable records. */
import type { MessageHandler } from '../handlers/handler.ts';
import type { Job } from '../jobs/job.ts';
import type { WithdrawTargets } from '../records/withdraw.ts';

export const DEAL_HANDLERS: readonly MessageHandler[] = [];
export const DEAL_JOBS: readonly Job[] = [];
export const DEAL_WITHDRAW: WithdrawTargets = {};
