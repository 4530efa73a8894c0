/** What the partner portal plugs into the node: its timed jobs (pages and admin routes are mounted apart). */
import type { Job } from '../jobs/job.ts';
import { leadReminderJob } from './lead-reminder-job.ts';
import { portalMailJob } from './mail-job.ts';

// Reminders first, so that a run of every job mails them at once.
export const PORTAL_JOBS: readonly Job[] = [leadReminderJob, portalMailJob];
