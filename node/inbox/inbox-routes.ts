/** POST /inbox: the request-level checks, then the per-message pipeline. */
import { Hono } from 'hono';
import { limitBody, readMessageBatch } from '../http/read-message-batch.ts';
import { clientAddressOf } from '../http/client-address.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { requestError } from '../http/request-error.ts';
import { requestIdOf, requestLog } from '../http/request-id.ts';
import type { RequestErrorCode } from '../../protocol/index.ts';
import { PartnerLimitError } from './partner-limits.ts';
import { processInbound, type InboxDeps } from './process-inbound.ts';
import { createPartnerWakeups } from './partner-wakeups.ts';
import { createRejectionLog } from './rejection-log.ts';
import { createArrivalGate } from './arrival-gate.ts';

export const INBOX_PATH = '/inbox';

/**
 * Longest a checked request waits for the requests checked beside it (arrival-gate.ts): one disk
 * sync (some 1-2 ms with synchronous=FULL) saved per request that joins is worth about as much.
 */
const GATE_MAX_WAIT_MS = 2;

export function createInboxRoutes(deps: InboxDeps & { isReady(): boolean }): Hono {
  const app = new Hono();
  const rejections = createRejectionLog(deps.log);
  const wakeups = createPartnerWakeups();
  const gate = createArrivalGate(GATE_MAX_WAIT_MS);
  app.post(
    INBOX_PATH,
    async function readiness(c, next) {
      if (!deps.isReady()) return requestError(c, 'not_ready', 'the node is not ready');
      await next();
    },
    rateLimit({
      perMinute: deps.config.inboxRateLimit,
      clock: deps.clock,
      clientAddress: clientAddressOf(deps.config.trustedProxies),
      nodeWide: { rateBuckets: deps.store.rateBuckets, name: 'inbox-address' },
    }),
    limitBody(deps.config.maxBodyBytes),
    async (c) => {
      const batch = await readMessageBatch(c, deps.config.maxBatch);
      if (!batch.ok) return batch.response;
      try {
        const results = await processInbound(deps, batch.messages, {
          rejections,
          wakeups,
          gate,
          requestId: requestIdOf(c),
        });
        return c.json({ results });
      } catch (error) {
        if (error instanceof PartnerLimitError) {
          c.header('Retry-After', String(error.retryAfterSeconds));
          return requestError(c, error.code as RequestErrorCode, error.message);
        }
        // Nothing was committed: the sender keeps its messages and retries.
        requestLog(c, deps.log).error({ err: error }, 'inbox could not store a batch');
        return requestError(c, 'not_ready', 'the node could not store the messages; retry later');
      }
    },
  );
  return app;
}
