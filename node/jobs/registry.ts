/** Every timed job of the node, the domains' included. */
import { CATALOG_JOBS } from '../catalog/index.ts';
import { DEAL_JOBS } from '../deals/index.ts';
import { FUND_JOBS } from '../funds/index.ts';
import { INVENTORY_JOBS } from '../inventory/index.ts';
import { LEAD_JOBS } from '../leads/index.ts';
import { ORDER_JOBS } from '../orders/index.ts';
import { PORTAL_JOBS } from '../portal/index.ts';
import { SERVICE_JOBS } from '../service/index.ts';
import { EVENT_JOBS } from '../events/retention-job.ts';
import { webhookDeliveryRetentionJob } from '../webhooks/delivery-retention-job.ts';
import type { Job } from './job.ts';
import { refusalMailJob } from './refusal-mail-job.ts';
import { responseSlaJob } from './response-sla-job.ts';
import { deriveStaffNotificationsJob } from '../staff/notifications/derive-notifications-job.ts';
import { staffDigestJob } from '../staff/notifications/digest-job.ts';
import { staffNotificationRetentionJob } from '../staff/notifications/notification-retention-job.ts';

export const JOBS: readonly Job[] = [
  ...LEAD_JOBS,
  ...DEAL_JOBS,
  ...SERVICE_JOBS,
  responseSlaJob,
  refusalMailJob,
  ...CATALOG_JOBS,
  ...PORTAL_JOBS,
  ...ORDER_JOBS,
  ...FUND_JOBS,
  ...INVENTORY_JOBS,
  ...EVENT_JOBS,
  webhookDeliveryRetentionJob,
  deriveStaffNotificationsJob,
  staffDigestJob,
  staffNotificationRetentionJob,
];
