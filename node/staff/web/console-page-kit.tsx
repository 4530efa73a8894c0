/**
 * What every console area shares: the area guard (a page the person's roles do not allow is
 * refused, not just left out of the navigation), the action guard, a refusal page, and links
 * that keep a list's filters.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { t } from '../../i18n/index.ts';
import { STAFF_CODES } from '../staff-errors.ts';
import type { ApiRefusal } from './console-api.ts';
import { mayCall, type OperationMethod } from './console-operations.ts';
import { ACTION_ROLES, areaOf, mayAct, mayDo, maySee, type AreaKey } from '../console-areas.ts';
import type { ConsoleEnv } from './console-env.ts';
import { ConsoleLayout, Refusal, refusalWords, sendPage, siteOf } from './console-layout.tsx';

/** The title of a refusal page by status. */
const titleOf = (status: number) =>
  status === 403 ? t('error.title.403') : t('console.failedTitle');

/**
 * A page that shows only a refusal, with its stable code. `error.message` is the admin API's
 * (English) message, or the console's own words when `translated`.
 */
export function refusalPage(
  c: Context<ConsoleEnv>,
  status: number,
  error: ApiRefusal,
  area?: AreaKey,
  translated = false,
): Promise<Response> {
  return sendPage(
    c,
    <ConsoleLayout
      site={siteOf(c)}
      title={titleOf(status)}
      viewer={c.var.staffViewer}
      {...(area && { area })}
    >
      <h1>{titleOf(status)}</h1>
      <Refusal
        code={error.code}
        message={translated ? error.message : refusalWords(error.code, error.message)}
      />
    </ConsoleLayout>,
    status,
  );
}

/**
 * A request the person's roles do not allow: 403 forbidden_role. Marked on the context so that
 * a refused change (a forged form) is recorded in the audit trail as the API records one
 * (console-routes.tsx, auditRefusedChanges): the console refuses before it calls the API.
 */
function roleRefusal(c: Context<ConsoleEnv>, message: string, area?: AreaKey) {
  c.set('refusedRole', true);
  return refusalPage(c, 403, { code: STAFF_CODES.forbiddenRole, message }, area, true);
}

/** Pages of an area only for the roles that may see it. */
export function requireArea(key: AreaKey): MiddlewareHandler<ConsoleEnv> {
  return async function requireAreaMiddleware(c, next) {
    if (!maySee(c.var.staffViewer.user, key)) return roleRefusal(c, t('console.mayNotSee'));
    await next();
  };
}

/** An area's actions only for the roles that may take them (the API checks again). */
export function requireAct(key: AreaKey): MiddlewareHandler<ConsoleEnv> {
  return async function requireActMiddleware(c, next) {
    if (!mayAct(c.var.staffViewer.user, key)) return roleRefusal(c, t('console.mayNotAct'), key);
    await next();
  };
}

/** An action narrower than its area (ACTION_ROLES) only for its roles. */
export function requireAction(
  key: AreaKey,
  action: keyof typeof ACTION_ROLES,
): MiddlewareHandler<ConsoleEnv> {
  return async function requireActionMiddleware(c, next) {
    if (!mayDo(c.var.staffViewer.user, action)) {
      return roleRefusal(c, t('console.mayNotAct'), key);
    }
    await next();
  };
}

/**
 * A console action only for the roles of the admin operation it calls (console-operations.ts);
 * the API checks again when it is called.
 */
export function requireOperation(
  key: AreaKey,
  method: OperationMethod,
  path: string,
): MiddlewareHandler<ConsoleEnv> {
  return async function requireOperationMiddleware(c, next) {
    if (!mayCall(c.var.staffViewer.user, method, path)) {
      return roleRefusal(c, t('console.mayNotAct'), key);
    }
    await next();
  };
}

/** The console address of an area's page with query parameters (empty ones left out). */
export function areaHref(
  c: Context<ConsoleEnv>,
  key: AreaKey,
  rest = '',
  query: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const q = params.toString();
  return `${siteOf(c).base}${areaOf(key).path}${rest}${q ? `?${q}` : ''}`;
}

/** A query string for the admin API, from the values given. */
export function apiQuery(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const q = params.toString();
  return q ? `?${q}` : '';
}
