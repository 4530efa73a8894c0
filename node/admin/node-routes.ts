/** The node itself: who it is, how it is doing, and rotating its signing key. */
import type { AppDeps } from '../app.ts';
import { nodeStatus } from '../node-status.ts';
import { rotateSigningKey } from '../identity/rotate-signing-key.ts';
import { getNode, getStatus, rotateKey } from './core-operations.ts';
import { createOperationRouter } from './operation.ts';

export function createNodeRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  app.openapi(getNode, (c) =>
    c.json(
      {
        nodeId: c.var.deps.nodeId,
        name: c.var.deps.config.name,
        kinds: c.var.deps.handlers.kinds(),
        signingKid: c.var.deps.keys.signing().kid,
        publishedKids: c.var.deps.keys.published(c.var.deps.clock.now()).map((k) => k.kid),
      },
      200,
    ),
  );

  app.openapi(getStatus, async (c) => c.json(await nodeStatus(c.var.deps), 200));

  app.openapi(rotateKey, async (c) => {
    const now = c.var.deps.clock.now();
    // The old key stays published for the grace period, so messages already signed still verify;
    // partners meeting the new kid refetch our keys on their own.
    const kid = await rotateSigningKey(c.var.deps, now);
    c.var.deps.log.info({ category: 'admin', kid }, 'signing key rotated');
    return c.json({ kid, publishedKids: c.var.deps.keys.published(now).map((k) => k.kid) }, 200);
  });

  return app;
}
