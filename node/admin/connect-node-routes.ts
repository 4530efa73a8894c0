/** POST /connect: join another company's node with the invitation token it gave us. */
import { Hono } from 'hono';
import { PARTNER_TYPES, RELATIONSHIPS } from '../../protocol/index.ts';
import type { AppDeps } from '../app.ts';
import { connectToNode } from '../connect/connect-to-node.ts';
import type { AdminEnv } from './admin-env.ts';
import { rejectUnknownFields, requiredString } from './fields.ts';
import { jsonBody } from './json-body.ts';
import { knownKinds } from './known-kinds.ts';
import { parseProfileChanges, PROFILE_FIELDS } from './profile-changes.ts';
import { showPartner } from './partner-routes.ts';

/**
 * How the API classifies a node we join when the operator does not say. Passed to connectToNode
 * explicitly, so the defaults documented in the OpenAPI document are the ones applied.
 */
export const CONNECT_DEFAULT_PARTNER_TYPE: (typeof PARTNER_TYPES)[number] = 'value_added_supplier';
export const CONNECT_DEFAULT_RELATIONSHIP: (typeof RELATIONSHIPS)[number] = 'strategic';

export function createConnectNodeRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.post('/connect', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['url', 'token', ...PROFILE_FIELDS]);
    // Shape only here; connectToNode judges the URL itself (scheme, SSRF policy) with field "url".
    const url = requiredString(body, 'url', { min: 1, max: 2048 });
    const token = requiredString(body, 'token', { min: 16, max: 200 });
    const changes = parseProfileChanges(
      body,
      // The base name is never used: the node's published name applies unless one is given.
      {
        name: 'unnamed',
        partnerType: CONNECT_DEFAULT_PARTNER_TYPE,
        relationship: CONNECT_DEFAULT_RELATIONSHIP,
      },
      knownKinds(deps),
    );
    const partner = await connectToNode(deps, {
      url,
      token,
      profile: {
        partnerType: CONNECT_DEFAULT_PARTNER_TYPE,
        relationship: CONNECT_DEFAULT_RELATIONSHIP,
        ...changes,
      },
    });
    deps.log.info({ category: 'admin', partnerId: partner.id }, 'connected to a node');
    return c.json(await showPartner(deps.store, partner.id), 201);
  });

  return app;
}
