/**
 * INTERIM, until every admin operation declares its roles: refuses a change (any method but GET
 * and HEAD) on /api to a caller whose roles only allow reading. The per-operation check
 * (`mayPerform(principal, operation.roles)`) replaces this file.
 */
import type { MiddlewareHandler } from 'hono';
import type { AdminEnv } from '../admin/admin-env.ts';
import { mayPerform } from '../domain-kernel/roles.ts';
import { STAFF_CODES } from './staff-errors.ts';

/** Every role but viewer may change something. */
const WRITE_ROLES = ['channel_manager', 'service_agent', 'order_desk', 'finance'] as const;

export function interimWriteGuard(): MiddlewareHandler<AdminEnv> {
  return async function interimWriteGuardMiddleware(c, next) {
    const reading = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (!reading && !mayPerform(c.get('principal'), WRITE_ROLES)) {
      return c.json(
        { error: { code: STAFF_CODES.forbiddenRole, message: 'your roles do not allow changes' } },
        403,
      );
    }
    await next();
  };
}
