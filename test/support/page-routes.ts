/**
 * The pages of the console and the portal as their routers declare them, for the walks that must
 * cover every page (accessibility, screenshots): the GET routes of the node's app under a prefix,
 * each as a pattern that tells which route an address opens. A walk follows the links of the
 * pages themselves, so record pages are opened with records the test made, and then checks that
 * it opened every route but those named as not being pages (files, JSON, redirects, sign-in).
 */
import type { Page } from 'playwright-core';
import { createApp } from '../../node/app.ts';
import { routesOf } from '../../node/http/lazy-routes.ts';
import type { TestNode } from './test-node.ts';

export interface PageRoute {
  /** As the router declares it: `/portal/orders/:id`, `/console/deals/:id{[1-9][0-9]{0,15}}`. */
  path: string;
  /** Whether an address (path only) opens this route. */
  matches(pathname: string): boolean;
  params: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patternOf(path: string): PageRoute {
  let params = 0;
  const source = path
    .split('/')
    .map((segment) => {
      const param = /^:(\w+)(?:\{(.+)\})?$/.exec(segment);
      if (!param) return escape(segment);
      params++;
      return param[2] ? `(?:${param[2]})` : '[^/]+';
    })
    .join('/');
  const regex = new RegExp(`^${source}/?$`);
  return { path, params, matches: (pathname) => regex.test(pathname) };
}

/** The GET routes of the node's app under `prefix` (`/portal`, `/console`), fixed ones first. */
export async function pageRoutesOf(node: TestNode, prefix: string): Promise<PageRoute[]> {
  // The portal and the console are mounted lazily: routesOf loads them to list their routes.
  const routes = await routesOf(createApp(node.deps));
  const paths = new Set(
    routes
      .filter((r) => r.method === 'GET' && (r.path === prefix || r.path.startsWith(`${prefix}/`)))
      .map((r) => r.path),
  );
  // An empty list would let a walk pass without checking anything.
  if (paths.size === 0) throw new Error(`no GET routes under ${prefix}`);
  return [...paths].map(patternOf).sort((a, b) => a.params - b.params);
}

/** The route an address opens: a fixed route before one with parameters (`/new` before `/:id`). */
export function routeOf(routes: readonly PageRoute[], pathname: string): PageRoute | undefined {
  return routes.find((r) => r.matches(pathname));
}

/**
 * Opens `start`, then every same-site link below `prefix` whose route is not opened yet (one
 * address per route), breadth first, calling `visit` on each page as it stands. Returns the
 * routes opened. Links to routes in `skip` (downloads, JSON) are not followed.
 */
export async function walkLinks(
  page: Page,
  origin: string,
  start: readonly string[],
  routes: readonly PageRoute[],
  skip: ReadonlySet<string>,
  visit: (path: string, route: PageRoute) => Promise<void>,
): Promise<Set<string>> {
  const opened = new Set<string>();
  const queue = [...start];
  const prefix = new URL(start[0]!, origin).pathname.split('/').slice(0, 2).join('/');
  while (queue.length > 0) {
    const next = queue.shift()!;
    const { pathname, search } = new URL(next, origin);
    const route = routeOf(routes, pathname);
    if (!route || opened.has(route.path) || skip.has(route.path)) continue;
    opened.add(route.path);
    await page.goto(`${origin}${pathname}${search}`);
    await visit(`${pathname}${search}`, route);
    const hrefs = await page
      .locator('a[href]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      const target = new URL(href, `${origin}${pathname}`);
      if (target.origin !== origin || !target.pathname.startsWith(`${prefix}/`)) continue;
      queue.push(`${target.pathname}${target.search}`);
    }
  }
  return opened;
}
