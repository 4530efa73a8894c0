/** What the leads domain plugs into the node: message handlers, timed jobs, withdrawable records. */
import type { MessageHandler } from '../handlers/handler.ts';
import type { Job } from '../jobs/job.ts';
import type { WithdrawTargets } from '../records/withdraw.ts';

export const LEAD_HANDLERS: readonly MessageHandler[] = [];
export const LEAD_JOBS: readonly Job[] = [];
export const LEAD_WITHDRAW: WithdrawTargets = {};
