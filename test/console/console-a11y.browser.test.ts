/**
 * Accessibility of every console page (the registry in console-pages.ts) with axe-core in
 * Chromium, at 1280 and 390 px wide, signed in as an owner: no serious or critical violation,
 * and at 390 px nothing sticks out of the screen. PARTNER_SYNC_SCREENSHOTS=<dir> keeps a picture
 * of each page at each width (test/support/screenshots.ts). Record pages are opened with records the
 * fixture made; those it has none for are named with the file that walks them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PAGES, CONSOLE_RECORD_PAGES } from '../../node/staff/web/console-pages.ts';
import type { VmiNodes } from '../inventory/vmi-nodes.ts';
import { HAVE_CHROMIUM, launchChromium, PHONE } from '../portal/browser.ts';
import { removeTestDirs, type TestNode } from '../support/test-node.ts';
import { screenshotIfAsked, shotName } from '../support/screenshots.ts';
import { axeViolations } from './axe.ts';
import { signInOn, startAreaNodes, type AreaRecords } from './console-areas-fixture.ts';
import { overflowAt390 } from './phone-width.ts';

/** Record pages whose records this file's nodes do not hold: checked in the file named. */
const RECORD_PAGES_ELSEWHERE: Record<string, string> = {
  '/deals/:id': 'console-journey.browser.test.ts (390 px)',
  '/service/:id': 'service-desk.browser.test.ts (phone width only)',
  '/orders/:id': 'order-answer.browser.test.ts (phone width only)',
};

describe.skipIf(!HAVE_CHROMIUM)('console › axe-core on every page at 1280 and 390 px', () => {
  let n: VmiNodes;
  let records: AreaRecords;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [{ n, records }, browser] = await Promise.all([startAreaNodes(), launchChromium()]);
  }, 90_000);
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
        '/funds/claims/:id': [n.supplier, String(records.claim)],
        '/inventory/proposals/:id': [n.alpha, String(records.proposal)],
      };
      // Every record page of the registry is walked here or named with the file that walks it.
      for (const p of CONSOLE_RECORD_PAGES) {
        expect(samples[p.path] ?? RECORD_PAGES_ELSEWHERE[p.path], p.path).toBeDefined();
      }
      const visits: Array<[TestNode, string]> = [
        ...CONSOLE_PAGES.map((p) => [n.supplier, p.path] as [TestNode, string]),
        ...CONSOLE_RECORD_PAGES.flatMap((p) => {
          const sample = samples[p.path];
          return sample
            ? [[sample[0], p.path.replace(':id', sample[1])] as [TestNode, string]]
            : [];
        }),
      ];
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
