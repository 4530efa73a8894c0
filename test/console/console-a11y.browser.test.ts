/**
 * Accessibility of every console page (the registry in console-pages.ts) with axe-core in
 * Chromium, at 1280 and 390 px wide, signed in as an owner: no serious or critical violation,
 * and at 390 px nothing sticks out of the screen. PARTNER_SYNC_SCREENSHOTS=<dir> keeps a picture
 * of each page at each width (test/support/screenshots.ts). Record pages are opened with records the
 * fixture made, and the registry is checked against the console's router: every page it serves.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PAGES, CONSOLE_RECORD_PAGES } from '../../node/staff/web/console-pages.ts';
import type { VmiNodes } from '../inventory/vmi-nodes.ts';
import { HAVE_CHROMIUM, launchChromium, PHONE } from '../portal/browser.ts';
import { pageRoutesOf } from '../support/page-routes.ts';
import { removeTestDirs, type TestNode } from '../support/test-node.ts';
import { screenshotIfAsked, shotName } from '../support/screenshots.ts';
import { axeViolations } from './axe.ts';
import {
  addPartnerWork,
  signInOn,
  startAreaNodes,
  type AreaRecords,
  type PartnerWork,
} from './console-areas-fixture.ts';
import { overflowAt390 } from './phone-width.ts';

/** Console routes that are not pages of the registry: a file and the sign-in steps. */
const NOT_PAGES = new Set([
  '/console/assets/portal.css',
  '/console/sign-in',
  '/console/sign-in/:token',
  '/console/sign-in/oidc',
  '/console/sign-in/oidc/callback',
]);

describe.skipIf(!HAVE_CHROMIUM)('console › axe-core on every page at 1280 and 390 px', () => {
  let n: VmiNodes;
  let records: AreaRecords;
  let work: PartnerWork;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [{ n, records }, browser] = await Promise.all([startAreaNodes(), launchChromium()]);
    work = await addPartnerWork(n);
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await n?.stop();
    await removeTestDirs();
  });

  it(
    'finds no serious or critical violation, and nothing wider than a phone',
    { timeout: 180_000 },
    async () => {
      const samples: Record<string, [TestNode, string]> = {
        '/partners/:id': [n.supplier, String(n.ids.alphaOnSupplier)],
        '/catalog/price-lists/:id': [n.supplier, String(records.priceList)],
        '/catalog/catalogs/:id': [n.supplier, String(work.catalog)],
        '/funds/claims/:id': [n.supplier, String(records.claim)],
        '/inventory/proposals/:id': [n.alpha, String(records.proposal)],
        '/deals/:id': [n.supplier, String(work.clashingDeal)],
        '/service/:id': [n.supplier, String(work.requestRow)],
        '/orders/:id': [n.supplier, String(work.orderRow)],
      };
      // Every record page of the registry is walked here.
      for (const p of CONSOLE_RECORD_PAGES) expect(samples[p.path], p.path).toBeDefined();
      const visits: Array<[TestNode, string]> = [
        ...CONSOLE_PAGES.map((p) => [n.supplier, p.path] as [TestNode, string]),
        ...CONSOLE_RECORD_PAGES.flatMap((p) => {
          const sample = samples[p.path];
          return sample
            ? [[sample[0], p.path.replace(':id', sample[1])] as [TestNode, string]]
            : [];
        }),
        // A waiting registration: the decision form, and the later one that clashed with it.
        [n.supplier, `/deals/${work.waitingDeal}`],
      ];
      // Every page the router serves is one of them (a new page joins the registry).
      const routes = await pageRoutesOf(n.supplier, '/console');
      const visited = visits.map(([, path]) => `/console${path.split('?')[0]}`);
      const unwalked = routes
        .filter((r) => !NOT_PAGES.has(r.path) && !visited.some((v) => r.matches(v)))
        .map((r) => r.path);
      expect(unwalked, 'console routes the registry (console-pages.ts) lacks').toEqual([]);

      for (const [width, options] of [
        [1280, { viewport: { width: 1280, height: 900 } }],
        [390, PHONE],
      ] as const) {
        const pages = new Map<TestNode, Page>([
          [
            n.supplier,
            await signInOn(browser, contexts, n.supplier, 'olga@supplier.example', options),
          ],
          [n.alpha, await signInOn(browser, contexts, n.alpha, 'ada@alpha.example', options)],
        ]);
        for (const [node, path] of visits) {
          const page = pages.get(node)!;
          const res = await page.goto(`${node.url}/console${path}`);
          expect(res?.status(), `${path} at ${width}`).toBe(200);
          expect(await axeViolations(page), `${path} at ${width}`).toEqual([]);
          await screenshotIfAsked(page, `console-${shotName(path, width)}`);
          if (width === 390) {
            expect(await overflowAt390(page), path).toEqual({ wide: [], scrollWidth: 390 });
          }
        }
      }
    },
  );
});
