/**
 * What of a request's path and query may be logged. Sign-in and invitation links carry their
 * secret in the path, and a query may carry one (`?token=`); a log line is read by more people,
 * and kept longer, than the secret should be. One function, used by every log line that names a
 * request, so that a new kind of link is covered by naming its path segment here once.
 */

export const REDACTED = '[redacted]';

/** A path segment after one of these is a secret (`/portal/sign-in/<token>`). */
const SECRET_AFTER = new Set([
  'sign-in',
  'invitations',
  'invitation',
  'invite',
  'connect',
  'token',
  'tokens',
  'reset',
  'verify',
]);

/** A query parameter whose name holds one of these carries a secret. */
const SECRET_PARAM = /token|secret|password|passwd|key|sig|code|auth|session|csrf|cookie/i;

/**
 * Any segment that looks like a random secret is hidden too, wherever it stands: 32 or more
 * base64url characters (the node's tokens are 43), except UUIDs, which name records.
 */
const TOKEN_LIKE = /^[A-Za-z0-9_-]{32,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The path with its secret segments replaced by `[redacted]`. */
export function redactPath(path: string): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      if (segment === '') return segment;
      const previous = segments[i - 1]?.toLowerCase();
      if (previous !== undefined && SECRET_AFTER.has(previous)) return REDACTED;
      if (TOKEN_LIKE.test(segment) && !UUID.test(segment)) return REDACTED;
      return segment;
    })
    .join('/');
}

/** The query string (without `?`) with the values of secret-named parameters replaced. */
export function redactQuery(query: string): string {
  if (query === '') return query;
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      if (eq < 0) return pair;
      const value = pair.slice(eq + 1);
      let decodedName = name;
      try {
        decodedName = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: judge the name as written.
      }
      const secret = SECRET_PARAM.test(decodedName) || TOKEN_LIKE.test(value);
      return secret ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/** A request's path and query as a log line may show them: `/portal/sign-in/[redacted]?x=1`. */
export function redactUrl(url: string): string {
  // Scheme, host and fragment cut off by hand: logging must not throw on a URL `new URL` refuses.
  const pathAndQuery = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/#.*$/s, '');
  const q = pathAndQuery.indexOf('?');
  if (q < 0) return redactPath(pathAndQuery);
  const query = redactQuery(pathAndQuery.slice(q + 1));
  return `${redactPath(pathAndQuery.slice(0, q))}${query === '' ? '' : `?${query}`}`;
}
