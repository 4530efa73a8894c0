import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminGuard } from '../../../node/admin/admin-auth.ts';
import { createAdminRoutes } from '../../../node/admin/admin-routes.ts';
import { OPENAPI_DOCUMENT } from '../../../node/admin/openapi.ts';
import { createAdminFixture, type AdminFixture } from './admin-fixture.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

describe('admin api › openapi', () => {
  let fx: AdminFixture;
  beforeEach(async () => {
    fx = await createAdminFixture();
  });
  afterEach(() => fx.close());

  it('describes every route of the admin router, and only those', () => {
    const registered = new Set(
      createAdminRoutes(fx.deps, adminGuard(fx.deps))
        .routes.filter((r) => r.method !== 'ALL') // middleware
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, item]) =>
        METHODS.filter((m) => item[m] !== undefined).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    expect([...documented].sort()).toEqual([...registered].sort());
    // The introspection itself works: nested routers' routes, with their parameters.
    expect(registered).toContain('PATCH /partners/{ref}');
    expect(registered).toContain('POST /dead-letters/retry');
  });

  it('resolves every $ref and secures every operation but its own', () => {
    const text = JSON.stringify(OPENAPI_DOCUMENT);
    for (const [, kind, name] of text.matchAll(/"#\/components\/(\w+)\/(\w+)"/g)) {
      const section = OPENAPI_DOCUMENT.components[kind as keyof typeof OPENAPI_DOCUMENT.components];
      expect(section, `${kind}/${name}`).toHaveProperty(name!);
    }
    expect(OPENAPI_DOCUMENT.components.securitySchemes.adminToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const [path, item] of Object.entries(OPENAPI_DOCUMENT.paths)) {
      for (const m of METHODS) {
        const op = item[m];
        if (!op) continue;
        if (path === '/openapi.json') expect(op.security).toEqual([]);
        else expect(op.responses['401'], `${m} ${path}`).toBeDefined();
      }
    }
  });

  it('is served as JSON at /api/openapi.json', async () => {
    const res = await fx.api('/openapi.json', { token: null });
    expect(res.body).toEqual(JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)));
  });
});
