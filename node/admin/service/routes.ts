/**
 * The service domain's admin API, mounted under /api, declared in ./service-operations.ts and
 * ./shared-service-operations.ts: service requests (`/service/requests`), service agreements
 * (`/service/agreements`), charges of billable requests (`/service/charges`) and warranty claims
 * (`/warranty/claims`).
 */
import type { AppDeps } from '../../app.ts';
import { createOperationRouter } from '../operation.ts';
import { createAgreementRoutes } from './agreement-routes.ts';
import { createChargeRoutes } from './charge-routes.ts';
import { createClaimRoutes } from './claim-routes.ts';
import { createRequestRoutes } from './request-routes.ts';

export function createServiceRoutes(deps: AppDeps) {
  const app = createOperationRouter();
  app.route('/', createRequestRoutes(deps));
  app.route('/', createAgreementRoutes(deps));
  app.route('/', createChargeRoutes(deps));
  app.route('/', createClaimRoutes(deps));
  return app;
}
