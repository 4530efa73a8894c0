/**
 * The console's only way to read or change anything: the admin API's own operation, called
 * in-process with the person's session cookie and CSRF token. Authentication, roles, validation
 * and the audit trail are therefore exactly the API's; the console only renders the answer.
 */
import { Hono, type Context } from 'hono';
import { appErrorHandler } from '../../http/error-response.ts';
import type { Logger } from '../../logger.ts';
import type { FormError } from '../../portal/web/components.tsx';
import { AppError } from '../../errors.ts';
import { t, useTranslator } from '../../i18n/index.ts';
import { formErrorOf } from '../../portal/web/portal-action.ts';
import type { ConsoleEnv } from './console-env.ts';
import { refusalWords } from './console-layout.tsx';

/** What the console needs of the admin API: Hono's `request`. */
export interface AdminApi {
  request(path: string, init: RequestInit, env?: unknown): Response | Promise<Response>;
}

export interface ApiRefusal {
  code: string;
  message: string;
  field?: string;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  /** `data`: the whole answer, for refusals that carry more (an import's row report). */
  | { ok: false; status: number; error: ApiRefusal; data: unknown };

/**
 * The admin routes behind the node's error handler, as the root app serves them: a refusal
 * answers with its stable code instead of Hono's bare 500.
 */
export function inProcessAdminApi(admin: Hono, log: Logger): AdminApi {
  const api = new Hono();
  api.route('/', admin);
  api.onError(appErrorHandler(log));
  return api;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls `/api{path}` as the signed-in person. The body goes as JSON, or as is with
 * `contentType` (a CSV import).
 */
export async function callAdminApi<T = unknown>(
  c: Context<ConsoleEnv>,
  method: Method,
  path: string,
  body?: unknown,
  contentType?: string,
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {
    cookie: c.req.header('cookie') ?? '',
    // The console checked the form's own token already; the API wants the session's in a header.
    'x-csrf-token': c.var.staffViewer.session.csrfToken,
  };
  // The same client address in the audit trail as a direct call would record.
  const forwarded = c.req.header('x-forwarded-for');
  if (forwarded !== undefined) headers['x-forwarded-for'] = forwarded;
  if (body !== undefined) headers['content-type'] = contentType ?? 'application/json';
  const sent = contentType === undefined ? JSON.stringify(body) : String(body);
  const res = await c.var.adminApi.request(
    path,
    { method, headers, ...(body !== undefined && { body: sent }) },
    c.env,
  );
  const data = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return { ok: true, status: res.status, data: data as T };
  const error = (data as { error?: ApiRefusal } | null)?.error;
  return {
    ok: false,
    status: res.status,
    error: error ?? { code: `http_${res.status}`, message: 'the request failed' },
    data,
  };
}

/**
 * A refusal as the error summary shows it: linked to its field, or to the form's first one. On
 * pages not in English, a problem with a field the form names in `labels` reads as the portal's
 * forms read the same kind of problem ("Currency must be a currency code such as EUR.").
 */
export function refusalAsFormError(
  error: ApiRefusal,
  fallbackField: string,
  labels: Record<string, string> = {},
): FormError {
  const field = error.field ?? fallbackField;
  const label = labels[field];
  const words =
    useTranslator().locale !== 'en' && label && error.field
      ? formErrorOf(new AppError(400, error.code, error.message, { field }), {}, { [field]: label })
          .message
      : refusalWords(error.code, error.message);
  return {
    field,
    message: t('console.refusalWithCode', { message: words, code: error.code }),
  };
}
