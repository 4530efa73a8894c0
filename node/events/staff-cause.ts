/**
 * The cause of the admin API's writes: the e-mail of the `principal` the admin guard put on the
 * Hono context (node/admin/admin-auth.ts). The node's admin token acts as the first owner once
 * there is one; before, it has no e-mail and the cause is `admin-token`. The request's store
 * passes it with each unit (node/staff/audit-api-changes.ts).
 */
import type { Context } from 'hono';
import type { EventCause } from './event-cause.ts';

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

export function staffCauseOf(c: Context): EventCause {
  const principal = (c.var as Record<string, unknown>)['principal'];
  return {
    kind: 'staff',
    principal: principalName(principal),
    requestId: c.res.headers.get('x-request-id') ?? c.req.header('x-request-id'),
  };
}
