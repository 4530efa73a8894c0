/** The Hono environment of the admin routers: what the middleware hands to the handlers. */
import type { Principal } from '../domain-kernel/roles.ts';

export interface AdminEnv {
  Variables: {
    /** The request's JSON object, set by `jsonBody()`; `{}` when an optional body is absent. */
    body: Record<string, unknown>;
    /** Who is calling, set by `adminAuth()`; each operation checks its roles against it. */
    principal: Principal;
  };
}
