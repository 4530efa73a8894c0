/** What the vendor-managed inventory domain plugs into the node: message handlers, timed jobs, withdrawable records. */
import type { MessageHandler } from '../handlers/handler.ts';
import type { Job } from '../jobs/job.ts';
import type { WithdrawTargets } from '../records/withdraw.ts';

export const INVENTORY_HANDLERS: readonly MessageHandler[] = [];
export const INVENTORY_JOBS: readonly Job[] = [];
export const INVENTORY_WITHDRAW: WithdrawTargets = {};
