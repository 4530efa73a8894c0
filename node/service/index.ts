/** What the service domain plugs into the node: message handlers, timed jobs, withdrawable records. */
import type { MessageHandler } from '../handlers/handler.ts';
import type { Job } from '../jobs/job.ts';
import type { WithdrawTargets } from '../records/withdraw.ts';

export const SERVICE_HANDLERS: readonly MessageHandler[] = [];
export const SERVICE_JOBS: readonly Job[] = [];
export const SERVICE_WITHDRAW: WithdrawTargets = {};
