/** GET /partners/{ref}/scorecard (scorecard-operations.ts). */
import type { AppDeps } from '../app.ts';
import { findPartner } from '../partners/partner-admin.ts';
import { partnerScorecard } from '../scorecard/partner-scorecard.ts';
import { createOperationRouter } from './operation.ts';
import { getPartnerScorecard } from './scorecard-operations.ts';

export function createScorecardRoutes(deps: AppDeps) {
  const app = createOperationRouter();
  app.openapi(getPartnerScorecard, async (c) => {
    const partner = await findPartner(c.var.deps.store, c.req.valid('param').ref);
    return c.json(
      await partnerScorecard(c.var.deps.store, partner.id, c.var.deps.clock.now()),
      200,
    );
  });
  return app;
}
