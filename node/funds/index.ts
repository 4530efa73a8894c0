/** What the marketing funds domain plugs into the node: message handlers, timed jobs, withdrawable records. */
import type { MessageHandler } from '../handlers/handler.ts';
import type { Job } from '../jobs/job.ts';
import type { WithdrawTargets } from '../records/withdraw.ts';

export const FUND_HANDLERS: readonly MessageHandler[] = [];
export const FUND_JOBS: readonly Job[] = [];
export const FUND_WITHDRAW: WithdrawTargets = {};
