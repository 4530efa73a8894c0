/**
 * Each admin operation declares the roles that may perform it, and the declaration is what is
 * enforced: a caller without one of them (owner and admin aside) gets 403 forbidden_role before
 * anything else is read. The node's admin token speaks for the owner.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../node/errors.ts';
import type { AdminEnv } from '../../../node/admin/admin-env.ts';
import { OPERATION_ROUTES, OPERATIONS } from '../../../node/admin/operations.ts';
import { validationHook } from '../../../node/admin/operation.ts';
import { mayPerform, ROLES, type Principal, type Role } from '../../../node/domain-kernel/roles.ts';
import { READ, SENSITIVE } from '../../../node/admin/role-rule.ts';
import { createApiToken } from '../../../node/staff/api-tokens.ts';
import { CLI_ACTOR } from '../../../node/staff/audit-actor.ts';
import { addStaff } from '../../../node/staff/staff-accounts.ts';
import { createAdminFixture, type AdminFixture } from './admin-fixture.ts';

function appFor(roles: readonly Role[]) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  const principal: Principal = {
    kind: 'session',
    staffId: 's1',
    email: null,
    roles,
    tokenId: null,
  };
  app.use('*', async (c, next) => {
    c.set('principal', principal);
    await next();
  });
  for (const route of OPERATION_ROUTES) {
    app.openapi(route, ((c: { body: (b: null, s: 204) => Response }) =>
      c.body(null, 204)) as never);
  }
  app.onError((error, c) =>
    error instanceof AppError ? c.json(error.toJSON(), error.status as 403) : c.text('boom', 500),
  );
  return app;
}

describe('admin api › roles', () => {
  let fx: AdminFixture;
  beforeAll(async () => {
    fx = await createAdminFixture();
  });
  afterAll(() => fx.close());

  it('lists every operation with its roles; reads outside the owner-only areas open to viewers', () => {
    expect(OPERATIONS.length).toBeGreaterThan(100);
    for (const op of OPERATIONS) {
      expect(
        op.roles.every((r) => (ROLES as readonly string[]).includes(r)),
        op.operationId,
      ).toBe(true);
      if (op.method === 'GET' && op.roles.length > 0) {
        expect(op.roles, op.operationId).toContain('viewer');
      } else expect(op.roles, op.operationId).not.toContain('viewer');
    }
  });

  it.each(ROLES.map((r) => [r]))(
    'lets %s perform exactly the declared operations',
    async (role) => {
      const app = appFor([role]);
      for (const route of OPERATION_ROUTES) {
        const path = route.path.replace(/\{\w+\}/g, '1');
        const res = await app.request(path, { method: route.method.toUpperCase() });
        const declared = (route as { 'x-roles'?: readonly Role[] })['x-roles']!;
        const allowed = mayPerform({ roles: [role] }, declared);
        expect(res.status === 403, `${role} ${route.method} ${route.path}`).toBe(!allowed);
        if (!allowed) expect(((await res.json()) as any).error.code).toBe('forbidden_role');
      }
    },
  );

  it('follows one rule: reads for every staff role unless sensitive, writes for the domain role', () => {
    const byId = new Map(OPERATIONS.map((op) => [op.operationId, op]));
    const sorted = (roles: readonly Role[]) => [...roles].sort();
    for (const op of OPERATIONS) {
      if (op.method === 'GET') {
        // Every staff role, or owner and admin only (keys, people's accounts, the audit trail).
        if (op.roles.length > 0) expect(sorted(op.roles), op.operationId).toEqual(sorted(READ));
      } else {
        // One domain role besides owner and admin, or owner and admin only.
        expect(op.roles.length, op.operationId).toBeLessThanOrEqual(1);
      }
    }
    // A bulk import is the single create of its domain, many times.
    expect(byId.get('importLeads')!.roles).toEqual(byId.get('createLead')!.roles);
    expect(byId.get('importInvitations')!.roles).toEqual(byId.get('createInvitation')!.roles);
    expect(byId.get('importLeads')!.roles).not.toEqual(SENSITIVE);
    // A product import is a new version of one of our catalogs, like creating one by hand.
    expect(byId.get('importProducts')!.roles).toEqual(byId.get('createCatalogVersion')!.roles);
    // Leads and deals are read like every other domain.
    for (const id of ['listLeads', 'getLead', 'listDeals', 'getDeal', 'listOrders']) {
      expect(sorted(byId.get(id)!.roles), id).toEqual(sorted(READ));
    }
  });

  it('enforces the rule over HTTP: a finance token reads leads, a channel manager imports them', async () => {
    const tokenFor = async (email: string, role: Role) => {
      const staff = { store: fx.deps.store, clock: fx.deps.clock, nodeId: fx.deps.nodeId };
      await addStaff(staff, { email, name: email, language: 'en', roles: [role] }, CLI_ACTOR);
      return (await createApiToken(staff, { email, roles: null, expiresDays: 1 }, CLI_ACTOR)).token;
    };
    const finance = await tokenFor('fin@acme.example', 'finance');
    expect((await fx.api('/leads', { token: finance })).status).toBe(200);
    expect((await fx.api('/deals', { token: finance })).status).toBe(200);
    const csv = 'name,email\nJo,jo@example.com\n';
    const asFinance = await fx.api('/leads/import', {
      token: finance,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(asFinance.body.error.code).toBe('forbidden_role');
    const manager = await tokenFor('cm@acme.example', 'channel_manager');
    const asManager = await fx.api('/leads/import', {
      token: manager,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(asManager.status, JSON.stringify(asManager.body)).not.toBe(403);
  });

  it('treats the admin token as the owner', async () => {
    const res = await fx.api('/keys/rotate', { method: 'POST' });
    expect(res.status).toBe(200);
  });
});
