/**
 * Marks the admin API's writes as caused by staff: the e-mail of the `principal` the admin guard
 * put on the Hono context (node/admin/admin-auth.ts). The node's admin token acts as the first
 * owner once there is one; before, it has no e-mail and the cause is `admin-token`.
 */
import type { MiddlewareHandler } from 'hono';
import { withEventCause } from './event-cause.ts';

function principalName(principal: unknown): string {
  if (typeof principal === 'string' && principal !== '') return principal;
  if (principal !== null && typeof principal === 'object') {
    const p = principal as Record<string, unknown>;
    for (const key of ['email', 'name', 'id', 'userId']) {
      const value = p[key];
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    }
  }
  return 'admin-token';
}

export function staffEventCause(): MiddlewareHandler {
  return async function staffEventCauseMiddleware(c, next) {
    const principal = (c.var as Record<string, unknown>)['principal'];
    await withEventCause(
      {
        kind: 'staff',
        principal: principalName(principal),
        requestId: c.res.headers.get('x-request-id') ?? c.req.header('x-request-id'),
      },
      next,
    );
  };
}
