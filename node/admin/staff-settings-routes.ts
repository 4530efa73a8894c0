/**
 * GET and PATCH /staff/settings, declared in ./staff-settings-operations.ts: the CLI's
 * `staff settings` for owners and admins over the API (and so the console). The change audits
 * itself as settings.staff, with the caller of the request as the actor.
 */
import type { AppDeps } from '../app.ts';
import { scopeOf } from '../store/unit-scope.ts';
import { changeStaffSettings } from '../staff/change-staff-settings.ts';
import { readStaffSettings, staffSettingsView } from '../staff/staff-settings.ts';
import { createOperationRouter } from './operation.ts';
import * as ops from './staff-settings-operations.ts';

export function createStaffSettingsRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  app.openapi(ops.getStaffSettings, async (c) => {
    const settings = await c.var.deps.store.read((tx) => readStaffSettings(tx));
    return c.json(staffSettingsView(settings), 200);
  });

  app.openapi(ops.changeStaffSettings, async (c) => {
    // Every /api change's store carries the audit scope of its caller (audit-api-changes.ts).
    const scope = scopeOf(c.var.deps.store)?.audit;
    if (!scope) throw new Error('staff settings changed outside an audit scope');
    const after = await changeStaffSettings(c.var.deps, c.req.valid('json'), scope.actor);
    return c.json(after, 200);
  });

  return app;
}
