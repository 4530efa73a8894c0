/** Discovery: who this node is, where its inbox is, and which keys it signs with. */
import { Hono } from 'hono';
import {
  buildDiscoveryDocument,
  buildJwks,
  JWKS_PATH,
  WELL_KNOWN_PATH,
} from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';

export function createWellKnownRoutes(deps: NodeDeps): Hono {
  const app = new Hono();
  const discovery = buildDiscoveryDocument({
    nodeId: deps.nodeId,
    name: deps.config.name,
    kinds: deps.handlers.kinds(),
    maxBatch: deps.config.maxBatch,
    maxBodyBytes: deps.config.maxBodyBytes,
  });
  app.get(WELL_KNOWN_PATH, (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(discovery);
  });
  app.get(JWKS_PATH, (c) => {
    // Short: partners refetch after a rotation and must see the new key soon.
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(buildJwks(deps.keys.published(deps.clock.now())));
  });
  return app;
}
