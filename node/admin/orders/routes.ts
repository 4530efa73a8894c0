/**
 * The orders domain's admin API, mounted under /api, declared in ./order-operations.ts: orders
 * (`/orders`) and the seller's receivables (`/receivables`).
 */
import type { AppDeps } from '../../app.ts';
import { createOperationRouter } from '../operation.ts';
import { createOrderAdminRoutes } from './order-routes.ts';
import { createReceivableRoutes } from './receivable-routes.ts';

export function createOrderRoutes(deps: AppDeps) {
  const app = createOperationRouter();
  app.route('/', createOrderAdminRoutes(deps));
  app.route('/', createReceivableRoutes(deps));
  return app;
}
