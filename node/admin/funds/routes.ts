/**
 * The marketing funds domain's admin API, mounted under /api, declared in ./fund-operations.ts:
 * allocations and balances (`/funds/allocations`, `/funds/balances`) and expense claims
 * (`/funds/claims`).
 */
import type { AppDeps } from '../../app.ts';
import { createOperationRouter } from '../operation.ts';
import { createAllocationRoutes } from './allocation-routes.ts';
import { createClaimRoutes } from './claim-routes.ts';

export function createFundRoutes(deps: AppDeps) {
  const app = createOperationRouter();
  app.route('/', createAllocationRoutes(deps));
  app.route('/', createClaimRoutes(deps));
  return app;
}
