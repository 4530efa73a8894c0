/** The Hono environment of the admin routers: what the middleware hands to the handlers. */
export interface AdminEnv {
  Variables: {
    /** The request's JSON object, set by `jsonBody()`; `{}` when an optional body is absent. */
    body: Record<string, unknown>;
  };
}
