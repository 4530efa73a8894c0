/**
 * A request answered before its body was read (refused for its size, its type, its route or its
 * caller) is answered with `Connection: close`. Without it the client sends its next request on a
 * connection the server is about to drop: after answering, @hono/node-server discards an unread
 * body for at most half a second and then destroys the socket, failing whatever request came next
 * on it with a network error.
 */
import type { MiddlewareHandler } from 'hono';
import type { IncomingMessage, ServerResponse } from 'node:http';

interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

export function closeUnreadBodies(): MiddlewareHandler {
  return async function closeUnreadBodiesMiddleware(c, next) {
    await next();
    // Absent when the app is called without a Node server (app.request in tests).
    const { incoming, outgoing } = (c.env ?? {}) as NodeBindings;
    if (!incoming || !outgoing || outgoing.headersSent) return;
    if (incoming.readableEnded || !carriesBody(incoming)) return;
    outgoing.setHeader('Connection', 'close');
  };
}

function carriesBody(incoming: IncomingMessage): boolean {
  const length = incoming.headers['content-length'];
  return (
    incoming.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}
