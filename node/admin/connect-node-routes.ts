/** POST /connect: join another company's node with the invitation token it gave us. */
import type { AppDeps } from '../app.ts';
import { connectToNode } from '../connect/connect-to-node.ts';
import {
  CONNECT_DEFAULT_PARTNER_TYPE,
  CONNECT_DEFAULT_RELATIONSHIP,
} from '../partners/partner-schemas.ts';
import * as ops from './core-operations.ts';
import { knownKinds } from './known-kinds.ts';
import { createOperationRouter } from './operation.ts';
import { parseProfileChanges } from './profile-changes.ts';
import { showPartner } from './partner-routes.ts';

export function createConnectNodeRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  app.openapi(ops.connect, async (c) => {
    // Shape only in the schema; connectToNode judges the URL itself (scheme, SSRF policy).
    const { url, token, ...profile } = c.req.valid('json');
    const changes = parseProfileChanges(
      profile,
      // The base name is never used: the node's published name applies unless one is given.
      {
        name: 'unnamed',
        partnerType: CONNECT_DEFAULT_PARTNER_TYPE,
        relationship: CONNECT_DEFAULT_RELATIONSHIP,
      },
      knownKinds(c.var.deps),
    );
    const partner = await connectToNode(c.var.deps, {
      url,
      token,
      profile: {
        partnerType: CONNECT_DEFAULT_PARTNER_TYPE,
        relationship: CONNECT_DEFAULT_RELATIONSHIP,
        ...changes,
      },
    });
    c.var.deps.log.info({ category: 'admin', partnerId: partner.id }, 'connected to a node');
    return c.json(await showPartner(c.var.deps.store, partner.id), 201);
  });

  return app;
}
