/** Every admin operation, each declared once. A role-matrix test walks `OPERATIONS`. */
import type { RouteConfig } from '@hono/zod-openapi';
import { CORE_OPERATIONS } from './core-operations.ts';
import { REFUSAL_OPERATIONS } from './refusal-operations.ts';
import { STAFF_SETTINGS_OPERATIONS } from './staff-settings-operations.ts';
import { DEAL_OPERATIONS } from './deals/deal-operations.ts';
import { LEAD_OPERATIONS } from './leads/lead-operations.ts';
import { PORTAL_OPERATIONS } from './portal/portal-operations.ts';
import { ORDER_OPERATIONS } from './orders/order-operations.ts';
import { FUND_OPERATIONS } from './funds/fund-operations.ts';
import { SERVICE_OPERATIONS } from './service/service-operations.ts';
import { SHARED_SERVICE_OPERATIONS } from './service/shared-service-operations.ts';
import { searchRecords } from './search-operations.ts';
import { INVENTORY_OPERATIONS } from './inventory/inventory-operations.ts';
import { CATALOG_OPERATIONS } from './catalog/list-operations.ts';
import { EXTENSION_OPERATIONS } from './central-data/extension-operations.ts';
import { getPartnerScorecard } from './scorecard-operations.ts';
import { AUDIT_OPERATIONS } from '../staff/audit-operations.ts';
import { WEBHOOK_OPERATIONS } from '../webhooks/webhook-operations.ts';
import { EVENT_OPERATIONS } from '../events/event-operations.ts';
import { BULK_OPERATIONS } from '../bulk/bulk-operations.ts';
import { summaryOf, type OperationSummary } from './operation.ts';

/** The declared operations, in the order the document lists them. */
export const OPERATION_ROUTES: ReadonlyArray<RouteConfig> = [
  ...CORE_OPERATIONS,
  ...REFUSAL_OPERATIONS,
  ...STAFF_SETTINGS_OPERATIONS,
  ...LEAD_OPERATIONS,
  ...DEAL_OPERATIONS,
  ...PORTAL_OPERATIONS,
  ...ORDER_OPERATIONS,
  ...FUND_OPERATIONS,
  ...SERVICE_OPERATIONS,
  ...SHARED_SERVICE_OPERATIONS,
  searchRecords,
  ...INVENTORY_OPERATIONS,
  ...CATALOG_OPERATIONS,
  ...EXTENSION_OPERATIONS,
  getPartnerScorecard,
  ...AUDIT_OPERATIONS,
  ...BULK_OPERATIONS,
  ...EVENT_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
];

export const OPERATIONS: ReadonlyArray<OperationSummary> = OPERATION_ROUTES.map((route) =>
  summaryOf(route),
);
