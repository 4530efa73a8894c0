/** The Hono environment of the admin routers: what the middleware hands to the handlers. */
import type { AppDeps } from '../app.ts';
import type { Principal } from '../domain-kernel/roles.ts';

export interface AdminEnv {
  Variables: {
    /** The request's JSON object, set by `jsonBody()`; `{}` when an optional body is absent. */
    body: Record<string, unknown>;
    /** Who is calling, set by `adminAuth()`; each operation checks its roles against it. */
    principal: Principal;
    /**
     * The node's deps for this request, set by `auditApiChanges()`: their store passes the
     * request's scope with every unit (the staff cause, and for a change the audit scope).
     */
    deps: AppDeps;
  };
}
