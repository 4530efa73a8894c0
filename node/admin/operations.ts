/**
 * Every admin operation: the declared ones, and (until they move) those the domains still
 * describe by hand. A role-matrix test walks `OPERATIONS`.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import { CORE_OPERATIONS } from './core-operations.ts';
import { DEAL_OPERATIONS } from './deals/deal-operations.ts';
import { LEAD_OPERATIONS } from './leads/lead-operations.ts';
import { PORTAL_OPERATIONS } from './portal/portal-operations.ts';
import { searchRecords } from './search-operations.ts';
import { getPartnerScorecard } from './scorecard-operations.ts';
import { LEGACY_PATHS, legacyRoles } from './legacy-openapi.ts';
import { summaryOf, type OperationSummary } from './operation.ts';

/** The declared operations, in the order the document lists them. */
export const OPERATION_ROUTES: ReadonlyArray<RouteConfig> = [
  ...CORE_OPERATIONS,
  ...LEAD_OPERATIONS,
  ...DEAL_OPERATIONS,
  ...PORTAL_OPERATIONS,
  searchRecords,
  getPartnerScorecard,
];

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Hand-described operations with the roles of their domain. */
export const LEGACY_OPERATIONS: OperationSummary[] = Object.entries(LEGACY_PATHS).flatMap(
  ([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      if (!op) return [];
      return [
        {
          method: method.toUpperCase(),
          path,
          operationId: op.operationId,
          roles: legacyRoles(op.tags[0] ?? '', method, path),
        },
      ];
    }),
);

export const OPERATIONS: ReadonlyArray<OperationSummary> = [
  ...OPERATION_ROUTES.map((route) => summaryOf(route)),
  ...LEGACY_OPERATIONS,
];
