/** /healthz: the process answers. /readyz: it can take messages (store reachable, not stopping). */
import { Hono } from 'hono';
import type { Store } from '../store/store.ts';

export function createHealthRoutes(deps: { store: Store; isReady(): boolean }): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const ready = deps.isReady() && (await deps.store.ping());
    return c.json({ status: ready ? 'ready' : 'not_ready' }, ready ? 200 : 503);
  });
  return app;
}
