/**
 * GET /refusals and POST /refusals/seen, declared in ./refusal-operations.ts: messages partners
 * refused, for the operator; with `mine=true`, those the caller's own changes sent (how a person
 * learns of theirs).
 */
import { partnersNamedIn } from '../partners/partners-by-id.ts';
import type { AppDeps } from '../app.ts';
import { refusalRecordView } from '../records/refusal-view.ts';
import { invalidField } from './fields.ts';
import { createOperationRouter } from './operation.ts';
import { pageOf } from './record-schemas.ts';
import * as ops from './refusal-operations.ts';

export function createRefusalRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  app.openapi(ops.listRefusals, async (c) => {
    const { all, mine, ...query } = c.req.valid('query');
    const { limit } = pageOf(query);
    const staffId = c.get('principal')?.staffId ?? null;
    if (mine === 'true' && staffId === null) {
      throw invalidField('mine', 'mine needs a personal API token or a console session');
    }
    const filter = { unseen: all !== 'true', ...(mine === 'true' && { sentBy: staffId! }) };
    const refusals = await c.var.deps.store.read(async (tx) => {
      const rows = await tx.refusals.list(filter, limit);
      const names = await partnersNamedIn(tx, rows);
      return rows.map((r) => refusalRecordView(r, names.get(r.partnerId)?.name ?? null));
    });
    return c.json({ refusals }, 200);
  });

  app.openapi(ops.acknowledgeRefusals, async (c) => {
    const { ids } = c.req.valid('json');
    const now = c.var.deps.clock.now();
    const seen = await c.var.deps.store.transact((tx) => tx.refusals.markSeen(ids, now));
    return c.json({ seen }, 200);
  });

  return app;
}
