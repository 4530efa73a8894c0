import type { Agent, Dispatcher } from 'undici';
import { once } from '../load-once.ts';
import type { AddressPolicy } from './address-policy.ts';
import { SSRF_BLOCKED, checkUrl, createGuardedAgent } from './ssrf-guard.ts';
import type { AddressChecker, ResolveAll } from './ssrf-guard.ts';
import { loadUndici } from './load-undici.ts';

export { parseRetryAfter } from './retry-after.ts';

export interface HttpClientOptions {
  policy: AddressPolicy;
  /** Deadline for the whole exchange: connect, headers, body and every redirect hop. */
  timeoutMs: number;
  maxResponseBytes: number;
  /** GET only; POST never follows redirects. Default 3. */
  maxRedirects?: number;
  userAgent: string;
  /** For tests only: replaces the connect-time address check (see GuardedAgentOptions). */
  checkAddress?: AddressChecker;
  /** For tests only: replaces DNS resolution (see GuardedAgentOptions). */
  resolveAll?: ResolveAll;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  bodyText: string;
}

export type HttpFailureCode =
  'bad_url' | 'ssrf_blocked' | 'timeout' | 'too_large' | 'network' | 'too_many_redirects';

export type HttpFailure = { ok: false; code: HttpFailureCode; detail: string };

export type HttpResult = { ok: true; response: HttpResponse } | HttpFailure;

export interface HttpClient {
  get(url: string, opts?: { accept?: string; signal?: AbortSignal }): Promise<HttpResult>;
  postJson(
    url: string,
    body: string,
    opts?: { signal?: AbortSignal; headers?: Record<string, string> },
  ): Promise<HttpResult>;
  close(): Promise<void>;
}

const DEFAULT_MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// A redirect's own body is read (so the connection can be reused) only up to this much.
const REDIRECT_BODY_LIMIT = 16 * 1024;

function fail(code: HttpFailureCode, detail: string): HttpFailure {
  return { ok: false, code, detail };
}

// undici and Node put a string code on the errors they raise (ECONNREFUSED, UND_ERR_SOCKET, and
// the guard's SSRF_BLOCKED), on the error itself: the connector's error is passed on unwrapped.
function codeOf(err: Error): unknown {
  return (err as { code?: unknown }).code;
}

// One line of at most 200 characters, code first: `UND_ERR_SOCKET other side closed`. A name
// with several addresses fails with an AggregateError, one error per address tried and no message
// of its own, so its members' messages say which addresses refused.
function shortDetail(err: Error): string {
  const code = codeOf(err);
  const message =
    err instanceof AggregateError
      ? (err.errors as Error[]).map((e) => e.message).join('; ')
      : err.message;
  return `${typeof code === 'string' ? `${code} ` : ''}${message}`.slice(0, 200);
}

function classifyError(
  err: Error,
  deadline: AbortSignal,
  signal: AbortSignal,
  timeoutMs: number,
): HttpFailure {
  if (codeOf(err) === SSRF_BLOCKED) return fail('ssrf_blocked', err.message);
  if (deadline.aborted) return fail('timeout', `no complete response within ${timeoutMs} ms`);
  // A caller's abort (e.g. shutdown) ends the request the same way as the deadline.
  if (signal.aborted) return fail('timeout', 'aborted by caller');
  return fail('network', shortDetail(err));
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const { policy, timeoutMs, maxResponseBytes, userAgent } = opts;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  // undici and the agent come on the first request (load-undici.ts), then are kept for good.
  type Undici = { request: typeof import('undici').request; agent: Agent };
  let undici: Undici | undefined;
  const loadClient = once(async (): Promise<Undici> => {
    const [{ request }, agent] = await Promise.all([
      loadUndici(),
      createGuardedAgent(policy, {
        connectTimeoutMs: timeoutMs,
        ...(opts.checkAddress ? { checkAddress: opts.checkAddress } : {}),
        ...(opts.resolveAll ? { resolveAll: opts.resolveAll } : {}),
      }),
    ]);
    undici = { request, agent };
    return undici;
  });
  let started = false;
  let closed = false;
  let closing: Promise<void> | undefined;

  // Streams the body and stops as soon as it passes the cap, so at most the cap is buffered.
  async function readBody(res: Dispatcher.ResponseData): Promise<HttpResult> {
    const headers = flattenHeaders(res.headers);
    const tooLarge = () => fail('too_large', `response body exceeds ${maxResponseBytes} bytes`);
    // A declared length over the cap is refused before any of the body is read. (No header, or
    // one that is not a number, gives NaN: then the count below decides.)
    if (Number(headers['content-length']) > maxResponseBytes) {
      res.body.destroy();
      return tooLarge();
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxResponseBytes) {
        res.body.destroy();
        return tooLarge();
      }
      chunks.push(chunk);
    }
    const bodyText = new TextDecoder().decode(Buffer.concat(chunks, total));
    return { ok: true, response: { status: res.statusCode, headers, bodyText } };
  }

  async function exchange(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    callerSignal: AbortSignal | undefined,
  ): Promise<HttpResult> {
    if (closed && undici === undefined) return fail('network', 'the HTTP client is closed');
    started = true;
    const { request, agent } = undici ?? (await loadClient());
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([deadline, callerSignal]) : deadline;
    let current = url;
    for (let hop = 0; ; hop++) {
      // Every hop is checked statically here and at connect time by the guarded agent.
      const checked = checkUrl(current, policy);
      if (!checked.ok) return fail(checked.code, checked.detail);
      try {
        const res = await request(checked.url, {
          dispatcher: agent,
          method,
          headers,
          body,
          signal,
        });
        const location = res.headers.location;
        if (method === 'GET' && REDIRECT_STATUSES.has(res.statusCode) && location !== undefined) {
          await res.body.dump({ limit: REDIRECT_BODY_LIMIT }).catch(() => undefined);
          if (hop >= maxRedirects) {
            return fail('too_many_redirects', `more than ${maxRedirects} redirects`);
          }
          const target = Array.isArray(location) ? location[0] : location;
          try {
            current = new URL(target ?? '', checked.url).href;
          } catch {
            return fail('bad_url', 'redirect with an invalid Location');
          }
          continue;
        }
        return await readBody(res);
      } catch (err) {
        return classifyError(err as Error, deadline, signal, timeoutMs);
      }
    }
  }

  return {
    get(url, getOpts = {}) {
      const headers = { 'user-agent': userAgent, accept: getOpts.accept ?? 'application/json' };
      return exchange('GET', url, headers, undefined, getOpts.signal);
    },
    postJson(url, body, postOpts = {}) {
      const headers = {
        'user-agent': userAgent,
        accept: 'application/json',
        'content-type': 'application/json',
        ...lowerCaseKeys(postOpts.headers),
      };
      return exchange('POST', url, headers, body, postOpts.signal);
    },
    close() {
      closed = true;
      // Once: a second close waits for the first instead of closing a closed agent. Never used:
      // there is no agent to close, and none is made only to be closed.
      closing ??= started ? loadClient().then(({ agent }) => agent.close()) : Promise.resolve();
      return closing;
    },
  };
}
