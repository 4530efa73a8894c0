/** Every timed job of the node, the domains' included. */
import { CATALOG_JOBS } from '../catalog/index.ts';
import { DEAL_JOBS } from '../deals/index.ts';
import { LEAD_JOBS } from '../leads/index.ts';
import { PORTAL_JOBS } from '../portal/index.ts';
import { SERVICE_JOBS } from '../service/index.ts';
import type { Job } from './job.ts';

export const JOBS: readonly Job[] = [
  ...LEAD_JOBS,
  ...DEAL_JOBS,
  ...SERVICE_JOBS,
  ...CATALOG_JOBS,
  ...PORTAL_JOBS,
];
