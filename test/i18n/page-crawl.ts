/**
 * Every page of an app a browser can reach: the given paths, then every link on every page visited
 * that stays under the app's base path, so that a page added later is crawled without anyone
 * listing it. Links differing only in their query values (sorting, paging) count once per path;
 * files (CSV exports, proof files) are left out by their content type.
 */
import type { Page } from 'playwright-core';

export interface CrawlOptions {
  /** The app's root, e.g. `http://127.0.0.1:1234/console`. */
  base: string;
  /** Paths under `base` to start from (records' pages the links may not reach, refusals). */
  seeds: string[];
  /** Stop with an error beyond this many pages (a loop of ever-new links). */
  max?: number;
}

/** A page's place in the crawl: its path and the names (not values) of its query. */
function keyOf(url: URL): string {
  const names = [...new Set(url.searchParams.keys())].sort();
  return names.length > 0 ? `${url.pathname}?${names.join('&')}` : url.pathname;
}

/**
 * Visits each page in the browser and calls `check` on it with its path under `base` (query
 * included); returns the paths visited in order.
 */
export async function crawlPages(
  page: Page,
  options: CrawlOptions,
  check: (path: string, status: number) => Promise<void>,
): Promise<string[]> {
  const base = new URL(options.base);
  const max = options.max ?? 200;
  const seen = new Set<string>();
  const queue: URL[] = [];
  const add = (href: string) => {
    const url = new URL(href, base);
    url.hash = '';
    const inside =
      url.origin === base.origin &&
      (url.pathname === base.pathname || url.pathname.startsWith(`${base.pathname}/`));
    if (!inside || url.pathname.startsWith(`${base.pathname}/assets/`)) return;
    const key = keyOf(url);
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(url);
  };
  for (const path of options.seeds) add(`${base.pathname}${path}`);
  const visited: string[] = [];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (visited.length >= max) throw new Error(`more than ${max} pages under ${base.href}`);
    // A file is fetched, not opened: the browser would download it.
    const head = await page.request.get(url.href);
    if (!(head.headers()['content-type'] ?? '').startsWith('text/html')) continue;
    const res = await page.goto(url.href);
    const path = `${url.pathname.slice(base.pathname.length)}${url.search}`;
    visited.push(path);
    await check(path, res?.status() ?? 0);
    const links: string[] = await page.evaluate(() =>
      [...(globalThis as any).document.querySelectorAll('a[href]')].map((a: any) => a.href),
    );
    for (const href of links) add(href);
  }
  return visited;
}
