/**
 * Every timed job of the node, the domains' included. Each is imported from its own file, not
 * from its domain's index (which also holds the domain's message handlers): the scheduler loads
 * this list when the node starts, and a job loads what only its work needs (input schemas, mail
 * texts) when it first finds work, so that an idle node loads neither.
 */
import { distributeJob } from '../catalog/distribute-job.ts';
import { expirePartsJob } from '../catalog/expire-parts-job.ts';
import { expireProtectionJob } from '../deals/expire-protection-job.ts';
import { EVENT_JOBS } from '../events/retention-job.ts';
import { autoProposeJob } from '../inventory/auto-propose-job.ts';
import { offerExpiryJob } from '../leads/offer-expiry-job.ts';
import { leadReminderJob } from '../portal/lead-reminder-job.ts';
import { portalMailJob } from '../portal/mail-job.ts';
import { overdueJob } from '../service/overdue-job.ts';
import { deriveStaffNotificationsJob } from '../staff/notifications/derive-notifications-job.ts';
import { staffDigestJob } from '../staff/notifications/digest-job.ts';
import { staffNotificationRetentionJob } from '../staff/notifications/notification-retention-job.ts';
import { webhookDeliveryRetentionJob } from '../webhooks/delivery-retention-job.ts';
import type { Job } from './job.ts';
import { refusalMailJob } from './refusal-mail-job.ts';
import { responseSlaJob } from './response-sla-job.ts';

export const JOBS: readonly Job[] = [
  offerExpiryJob,
  expireProtectionJob,
  overdueJob,
  responseSlaJob,
  refusalMailJob,
  distributeJob,
  expirePartsJob,
  // Reminders before the portal's mail, so that a run of every job mails them at once.
  leadReminderJob,
  portalMailJob,
  autoProposeJob,
  ...EVENT_JOBS,
  webhookDeliveryRetentionJob,
  deriveStaffNotificationsJob,
  staffDigestJob,
  staffNotificationRetentionJob,
];
