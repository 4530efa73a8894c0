/**
 * Records every change made through /api (any method but GET and HEAD) in the audit trail, after
 * the handler answered: who (the principal), from where (the client address), the operation
 * (method and route path), the record (the route's last parameter, or the id of what was
 * created), the outcome (ok, or the refusal's code) and the message ids the answer names.
 * Refused changes are recorded too: a viewer's write is an attempt worth seeing.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AdminEnv } from '../admin/admin-env.ts';
import type { ClientAddressOf } from '../http/client-address.ts';
import { actorOf } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import type { StaffDeps } from './staff-accounts.ts';

const MAX_MESSAGE_IDS = 100;
/** Answers larger than this are not read for ids: the audit row must stay cheap. */
const MAX_SCANNED_BYTES = 256 * 1024;

export function auditApiChanges(
  deps: Pick<StaffDeps, 'store' | 'clock'>,
  clientAddress: ClientAddressOf,
): MiddlewareHandler<AdminEnv> {
  return async function auditApiChangesMiddleware(c, next) {
    await next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return;
    const principal = c.get('principal');
    if (!principal) return;
    const route = routePath(c, -1);
    const answer = await readAnswer(c.res);
    const status = c.res.status;
    const outcome = status < 400 ? 'ok' : (errorCode(answer) ?? `http_${status}`);
    await deps.store.transact((tx) =>
      appendAudit(tx, {
        ...actorOf(principal, clientAddress(c)),
        at: deps.clock.now(),
        operation: `${c.req.method} ${route}`,
        record: recordOf(route, c.req.path, status < 400 ? answer : null),
        outcome,
        messageIds: messageIdsIn(answer),
        detail: { status },
      }),
    );
  };
}

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

/**
 * `partners/5` for `/api/partners/:id/suspend` called as `/api/partners/5/suspend`: the last
 * parameter with the segment before it. Without a parameter, the id of what the answer created.
 */
export function recordOf(route: string, path: string, answer: unknown): string | null {
  const pattern = route.split('/');
  const actual = path.split('/');
  for (let i = Math.min(pattern.length, actual.length) - 1; i > 0; i--) {
    if (pattern[i]!.startsWith(':')) {
      const value = decodeURIComponent(actual[i]!).slice(0, 200);
      const before = pattern[i - 1] && !pattern[i - 1]!.startsWith(':') ? `${pattern[i - 1]}/` : '';
      return `${before}${value}`;
    }
  }
  const id =
    idIn(answer) ??
    Object.values((answer ?? {}) as object)
      .map(idIn)
      .find((v) => v !== null);
  if (id === null || id === undefined) return null;
  const resource = pattern.filter((s) => s !== '' && s !== 'api').at(-1);
  return resource ? `${resource}/${id}` : String(id);
}

function idIn(value: unknown): string | number | null {
  const id =
    value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/** Every `messageId` / `messageIds` in the answer, a few levels deep. */
export function messageIdsIn(answer: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, depth: number) => {
    if (depth > 4 || found.size >= MAX_MESSAGE_IDS || value === null || typeof value !== 'object')
      return;
    if (Array.isArray(value)) {
      for (const item of value.slice(0, 200)) walk(item, depth + 1);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      if (key === 'messageId' && typeof v === 'string') found.add(v);
      else if (key === 'messageIds' && Array.isArray(v)) {
        for (const id of v) if (typeof id === 'string') found.add(id);
      } else walk(v, depth + 1);
    }
  };
  walk(answer, 0);
  return [...found].slice(0, MAX_MESSAGE_IDS);
}
