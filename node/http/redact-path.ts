/**
 * A request path as it may be logged: the secret of a one-time sign-in link (portal and
 * console, `/sign-in/<token>`) is replaced, since whoever reads the log could otherwise use it.
 */
const SIGN_IN_TOKEN = /\/sign-in\/(?!oidc(?:\/|$))[A-Za-z0-9_-]{20,}/g;

export function redactPath(path: string): string {
  return path.replace(SIGN_IN_TOKEN, '/sign-in/[redacted]');
}
