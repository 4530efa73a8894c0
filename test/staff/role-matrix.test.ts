/**
 * The role matrix on the running node: every route it serves under /api (declared operations and
 * the hand-described ones alike) is called over HTTP with a personal token of each role, and
 * answers 403 forbidden_role exactly when the operation's declared roles leave that role out.
 * So no route can skip authorization, whichever way it was written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../node/app.ts';
import { routesOf } from '../../node/http/lazy-routes.ts';
import { OPERATIONS } from '../../node/admin/operations.ts';
import { mayPerform, ROLES, type Role } from '../../node/domain-kernel/roles.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

let node: TestNode;
const tokens = new Map<Role, string>();

async function cliJson(argv: string[]) {
  const result = await runCliOn(node, [...argv, '--json']);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out);
}

beforeAll(async () => {
  node = await createTestNode({ name: 'role-matrix' });
  for (const role of ROLES) {
    const email = `${role.replace('_', '-')}@vendor.example`;
    await cliJson(['staff', 'add', '--email', email, '--name', role, '--role', role]);
    tokens.set(role, (await cliJson(['tokens', 'create', '--email', email])).token);
  }
});
afterAll(async () => {
  await node?.stop();
  await removeTestDirs();
});

describe('staff › role matrix over every served route', () => {
  it('answers forbidden_role exactly where the declared roles say so', async () => {
    const declared = new Map(
      OPERATIONS.map((op) => [
        `${op.method} /api${op.path.replace(/\{(\w+)\}/g, ':$1')}`,
        op.roles,
      ]),
    );
    const routes = [
      ...new Set(
        (await routesOf(createApp(node.deps)))
          .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
          .map((r) => `${r.method} ${r.path}`),
      ),
    ].filter((r) => r !== 'GET /api/openapi.json');
    expect(routes.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const route of routes) {
      const roles = declared.get(route);
      if (!roles) {
        wrong.push(`${route}: served but not declared`);
        continue;
      }
      const [method, path] = route.split(' ') as [string, string];
      // Owner and admin last: what they may change should not hide the others' answers.
      for (const role of [...ROLES].sort(
        (a, b) => Number(a === 'owner' || a === 'admin') - Number(b === 'owner' || b === 'admin'),
      )) {
        const write = method !== 'GET';
        const res = await fetch(`${node.url}${path.replace(/:(\w+)/g, '1')}`, {
          method,
          headers: {
            authorization: `Bearer ${tokens.get(role)}`,
            ...(write && { 'content-type': 'application/json' }),
          },
          ...(write && { body: '{}' }),
          signal: AbortSignal.timeout(10_000),
        });
        const json = /json/.test(res.headers.get('content-type') ?? '');
        const code = json
          ? ((await res.json()) as { error?: { code?: string } }).error?.code
          : null;
        if (!json) await res.body?.cancel();
        const refused = res.status === 403 && code === 'forbidden_role';
        if (refused === mayPerform({ roles: [role] }, roles)) {
          wrong.push(
            `${route} as ${role}: ${res.status} ${code ?? ''} (declared ${roles.join(', ')})`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
