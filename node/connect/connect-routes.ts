/** POST /connect: one `partner.connect` message per request, answered like the inbox. */
import { Hono } from 'hono';
import type { NodeDeps } from '../deps.ts';
import { limitBody, readMessageBatch } from '../http/read-message-batch.ts';
import { clientAddressOf } from '../http/client-address.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { requestError } from '../http/request-error.ts';
import { acceptConnect } from './accept-connect.ts';

export const CONNECT_PATH = '/connect';
/** Connecting is rare; a tight limit keeps the endpoint from being used to make us fetch URLs. */
const CONNECT_REQUESTS_PER_MINUTE = 30;

export function createConnectRoutes(deps: NodeDeps & { isReady(): boolean }): Hono {
  const app = new Hono();
  app.post(
    CONNECT_PATH,
    async function readiness(c, next) {
      if (!deps.isReady()) return requestError(c, 'not_ready', 'the node is not ready');
      await next();
    },
    rateLimit({
      perMinute: CONNECT_REQUESTS_PER_MINUTE,
      clock: deps.clock,
      clientAddress: clientAddressOf(deps.config.trustedProxies),
      nodeWide: { rateBuckets: deps.store.rateBuckets, name: 'connect-address' },
    }),
    limitBody(Math.min(deps.config.maxBodyBytes, 64 * 1024)),
    async (c) => {
      const batch = await readMessageBatch(c, 1);
      if (!batch.ok) return batch.response;
      try {
        const result = await acceptConnect(deps, batch.messages[0]);
        return c.json({ results: [result] });
      } catch (error) {
        deps.log.error({ err: error }, 'connect could not be stored');
        return requestError(c, 'not_ready', 'the node could not store the connection; retry later');
      }
    },
  );
  return app;
}
