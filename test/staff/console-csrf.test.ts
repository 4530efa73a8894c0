/**
 * CSRF tokens on every console form: every form route the running node serves under /console is
 * posted by a signed-in owner (who may do anything) without the session's token and with a wrong
 * one, and answers 403 with nothing changed; the sign-in forms, before any session, refuse a post
 * without their own double-submit token. The routes come from the app, so a new page cannot
 * forget its check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../node/app.ts';
import { routesOf } from '../../node/http/lazy-routes.ts';
import {
  consoleForm,
  consoleLinkFor,
  consoleSession,
  pressConsoleLink,
} from '../support/console-session.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

let node: TestNode;
const OWNER = 'olga@vendor.example';

beforeAll(async () => {
  node = await createTestNode({ name: 'console-csrf' });
  const r = await runCliOn(node, [
    'staff',
    'add',
    '--email',
    OWNER,
    '--name',
    'Olga Owner',
    '--role',
    'owner',
  ]);
  expect(r.code, r.err).toBe(0);
});
afterAll(async () => {
  await node?.stop();
  await removeTestDirs();
});

/**
 * `/console/deals/:id{[1-9][0-9]{0,15}}/decision` → `/console/deals/1/decision`; a parameter that
 * is one of some words (`:kind{price-lists|catalogs}`) takes the first.
 */
const concrete = (path: string) =>
  path.replace(/:\w+(\{((?:[^{}]|\{[^{}]*\})*)\})?/g, (_, _braces, pattern?: string) =>
    pattern && /^[a-z-]+(\|[a-z-]+)+$/.test(pattern) ? pattern.split('|')[0]! : '1',
  );

/** The console's form routes: every method but GET and HEAD, as the app serves them. */
async function formRoutes(): Promise<Array<{ method: string; path: string }>> {
  const seen = new Set<string>();
  return (await routesOf(createApp(node.deps)))
    .filter((r) => r.path.startsWith('/console') && !['GET', 'HEAD', 'ALL'].includes(r.method))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map((r) => ({ method: r.method, path: r.path }));
}

const SIGN_IN = /^\/console\/sign-in(-link)?(\/|$)/;
const auditRows = async () => (await node.api('GET', '/audit?limit=1')).body.entries[0]?.seq ?? 0;

describe('staff › CSRF tokens on every console form', () => {
  it('a signed-in form without the session’s token, or with another, is refused and changes nothing', async () => {
    const routes = (await formRoutes()).filter((r) => !SIGN_IN.test(r.path));
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/console/password', '/console/sign-out-everywhere']),
    );
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const s = await consoleSession(node, OWNER);
    const before = await auditRows();
    const wrong: string[] = [];
    for (const { method, path } of routes) {
      for (const csrf of [null, 'not-the-token', `${s.csrf.slice(0, -1)}x`]) {
        const fields: Record<string, string> = {
          password: 'a long enough password',
          decision: 'approved',
          lang: 'en',
          ...(csrf !== null && { _csrf: csrf }),
        };
        const res = await fetch(`${node.url}${concrete(path)}`, {
          ...consoleForm(fields, s.cookie),
          method,
        });
        await res.body?.cancel();
        if (res.status !== 403) wrong.push(`${method} ${path} (_csrf ${csrf}): ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    // Nothing was recorded, so nothing changed; and the session was not signed out.
    expect(await auditRows()).toBe(before);
    const home = await fetch(`${node.url}/console`, {
      headers: { cookie: s.cookie },
      redirect: 'manual',
    });
    expect(home.status).toBe(200);
  });

  it('the sign-in forms refuse a post without their double-submit token', async () => {
    const routes = (await formRoutes()).filter((r) => SIGN_IN.test(r.path));
    expect(routes.map((r) => r.path).sort()).toEqual([
      '/console/sign-in',
      '/console/sign-in-link',
      '/console/sign-in/:token',
    ]);
    const link = await consoleLinkFor(node, OWNER);
    const token = link.split('/').at(-1)!;
    for (const { method, path } of routes) {
      const res = await fetch(`${node.url}${path.replace(':token', token)}`, {
        ...consoleForm({ email: OWNER, password: 'a long enough password', address: OWNER }, ''),
        method,
      });
      await res.body?.cancel();
      expect(res.status, path).toBe(403);
    }
    // The link was not spent by the refused post.
    expect((await pressConsoleLink(link)).status).toBe(303);
  });
});
