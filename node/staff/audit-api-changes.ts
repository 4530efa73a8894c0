/**
 * Records every change made through /api (any method but GET and HEAD) in the audit trail: who
 * (the principal), from where (the client address), the operation (method and route path), the
 * record (the route's last parameter, or the id of what was created) and the message ids caused.
 *
 * The handler's store (`c.var.deps.store`) passes the request's audit scope and staff cause with
 * every unit, so each unit of work that changes the store appends its row in the same
 * transaction (audit-scope.ts) and its events name the person. A request that changed nothing, such as a
 * refusal, is recorded afterwards as an attempt, with the refusal's code as its outcome: a
 * viewer's write is an attempt worth seeing. A change that failed (5xx) leaves no row.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AdminEnv } from '../admin/admin-env.ts';
import type { ClientAddressOf } from '../http/client-address.ts';
import { actorOf } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { messageIdsIn, recordOf } from './audit-record.ts';
import type { AuditScope } from './audit-scope.ts';
import type { AppDeps } from '../app.ts';
import { staffCauseOf } from '../events/staff-cause.ts';
import { scopedStore, type UnitScope } from '../store/unit-scope.ts';

/** Answers larger than this are not read for ids: the audit row must stay cheap. */
const MAX_SCANNED_BYTES = 256 * 1024;

export function auditApiChanges(
  deps: AppDeps,
  clientAddress: ClientAddressOf,
): MiddlewareHandler<AdminEnv> {
  const scoped = (scope: UnitScope): AppDeps => ({
    ...deps,
    store: scopedStore(deps.store, scope),
  });
  return async function auditApiChangesMiddleware(c, next) {
    const principal = c.get('principal');
    if (
      c.req.method === 'GET' ||
      c.req.method === 'HEAD' ||
      c.req.method === 'OPTIONS' ||
      !principal
    ) {
      c.set('deps', scoped({ cause: staffCauseOf(c) }));
      return next();
    }
    // The console calls the admin app in-process, without the /api it is mounted at on the
    // node: the operation is named alike either way, so that one filter finds both.
    const route = apiPath(routePath(c, -1));
    const path = apiPath(c.req.path);
    const scope: AuditScope = {
      actor: actorOf(principal, clientAddress(c)),
      operation: `${c.req.method} ${route}`,
      recordOf: (result) => recordOf(route, path, result),
      now: () => deps.clock.now(),
      recorded: 0,
    };
    c.set('deps', scoped({ cause: staffCauseOf(c), audit: scope }));
    await next();
    const status = c.res.status;
    // A node fault (5xx) changed nothing and is in the node's log; only a person's refusal or a
    // change that stored nothing is recorded on its own.
    if (scope.recorded > 0 || status >= 500) return;
    const answer = await readAnswer(c.res);
    await deps.store.transact((tx) =>
      appendAudit(tx, {
        ...scope.actor,
        at: deps.clock.now(),
        operation: scope.operation,
        record: recordOf(route, path, status < 400 ? answer : null),
        outcome: status < 400 ? 'ok' : (errorCode(answer) ?? `http_${status}`),
        messageIds: messageIdsIn(answer),
        detail: { status },
      }),
    );
  };
}

const API_PREFIX = '/api';
const apiPath = (path: string) =>
  path === API_PREFIX || path.startsWith(`${API_PREFIX}/`) ? path : `${API_PREFIX}${path}`;

async function readAnswer(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  const length = Number(res.headers.get('content-length') ?? '0');
  if (!type.includes('json') || length > MAX_SCANNED_BYTES) return null;
  try {
    const text = await res.clone().text();
    return text.length > MAX_SCANNED_BYTES ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

function errorCode(answer: unknown): string | null {
  const code = (answer as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code.slice(0, 100) : null;
}
