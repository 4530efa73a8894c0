/**
 * A partner's scorecard (GET /partners/{ref}/scorecard and the console's partner page): three
 * leads offered to a reseller over real nodes, one accepted after four hours and won, one
 * declined, one still open. The API's figures, the page read without script (facts, two SVG
 * charts from the server with their tables, the relationship timeline), axe-core and a phone's
 * width; a partner with nothing to rate says so instead of 0 %.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyWhere,
  expectApi,
  leadWhere,
  newLead,
  offerOf,
  startLeadNodes,
  type LeadNodes,
} from '../leads/lead-nodes.ts';
import { HAVE_CHROMIUM, launchChromium, PHONE } from '../portal/browser.ts';
import { runCliOn } from '../support/run-cli.ts';
import { removeTestDirs } from '../support/test-node.ts';
import { screenshotIfAsked } from '../support/screenshots.ts';
import { axeViolations } from './axe.ts';
import { signInOn } from './console-areas-fixture.ts';
import { overflowAt390 } from './phone-width.ts';

const HOUR = 3_600_000;

describe.skipIf(!HAVE_CHROMIUM)('console › partner scorecard', () => {
  let n: LeadNodes;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [n, browser] = await Promise.all([startLeadNodes(), launchChromium()]);
    const { vendor, p1, p1Id, clock } = n;
    const added = await runCliOn(vendor, [
      'staff',
      'add',
      '--email',
      'cara@vendor.example',
      '--name',
      'Cara',
      '--role',
      'channel_manager',
    ]);
    expect(added.code, added.err).toBe(0);
    for (const id of ['S1', 'S2', 'S3']) {
      await expectApi(vendor, 201, 'POST', '/leads', newLead(id));
      await expectApi(vendor, 200, 'POST', `/leads/${id}/offers`, { partners: [p1Id] });
      await copyWhere(p1, id, (c) => c.status === 'offered');
    }
    clock.advance(4 * HOUR);
    await expectApi(p1, 200, 'POST', '/received-leads/S1/accept');
    await expectApi(p1, 200, 'POST', '/received-leads/S1/progress', {
      stage: 'won',
      amount: '45500.50',
    });
    await expectApi(p1, 200, 'POST', '/received-leads/S2/decline', { reasonCode: 'no_capacity' });
    await leadWhere(vendor, 'S1', (l) => offerOf(l, p1Id).progress?.stage === 'won');
    await leadWhere(vendor, 'S2', (l) => offerOf(l, p1Id).status === 'declined');
  }, 90_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await n?.stop();
    await removeTestDirs();
  });

  it('answers the figures of the last twelve months, rates null where nothing was rated', async () => {
    const card = await expectApi(n.vendor, 200, 'GET', `/partners/${n.p1Id}/scorecard`);
    expect(card.since).toBe('2026-04-01T00:00:00.000Z');
    expect(card.leads).toEqual({
      offered: 3,
      accepted: 1,
      declined: 1,
      expired: 0,
      open: 1,
      acceptanceRate: 0.5,
      averageHoursToAccept: 4,
      won: 1,
      lost: 0,
      winRate: 1,
      pipeline: [],
      wonValue: [{ currency: 'EUR', amount: '45500.50' }],
    });
    expect(card.months.map((m: { month: string }) => m.month)).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
    ]);
    expect(card.months.at(-1)).toMatchObject({ leadsOffered: 3, leadsAccepted: 1 });
    expect(
      card.months.slice(0, -1).every((m: { leadsOffered: number }) => m.leadsOffered === 0),
    ).toBe(true);
    expect(card.messages).toMatchObject({ dead: 0 });
    expect(card.messages.delivered).toBeGreaterThanOrEqual(3);
    const types = card.timeline.map((e: { type: string }) => e.type);
    expect(types.at(-1)).toBe('connected');
    expect(card.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'out', kind: 'lead.offer' }),
        expect.objectContaining({ type: 'in', kind: 'lead.accept' }),
      ]),
    );

    const quiet = await expectApi(n.vendor, 200, 'GET', `/partners/${n.p2Id}/scorecard`);
    expect(quiet.leads).toMatchObject({ offered: 0, acceptanceRate: null, winRate: null });
    expect(quiet.service.slaCompliance).toBeNull();

    const unknown = await n.vendor.api('GET', '/partners/999/scorecard');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });

  it(
    'shows the scorecard, server-drawn charts with their tables and the timeline, without script',
    { timeout: 240_000 },
    async () => {
      // Without script at 1280 px; on a phone with script, for axe-core to run in the page.
      for (const options of [
        { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false },
        PHONE,
      ]) {
        const page = await signInOn(browser, contexts, n.vendor, 'cara@vendor.example', options);
        const res = await page.goto(`${n.vendor.url}/console/partners/${n.p1Id}`);
        expect(res?.status()).toBe(200);
        const fact = (id: string) => page.locator(`[data-fact="${id}"]`).textContent();
        expect(await fact('acceptance')).toBe('50% (1 of 2 answered)');
        expect(await fact('time-to-accept')).toBe('4 h');
        expect(await fact('win-rate')).toBe('100% (1 won, 0 lost)');
        expect(await fact('won-value')).toBe('€45,500.50');

        const chart = page.locator('#chart-leads svg');
        expect(await chart.getAttribute('role')).toBe('img');
        expect(await chart.getAttribute('aria-label')).toBe('Leads offered and accepted per month');
        // Plot drew a bar for each month and series; the table holds the same numbers.
        expect(await chart.locator('rect').count()).toBe(24);
        const march = page.locator('#chart-leads tr[data-month="2027-03"] td');
        expect(await march.allTextContents()).toEqual(['3', '1']);
        expect(await page.locator('#chart-leads tbody tr').count()).toBe(12);
        // Whole-number ticks, each once; a chart of zeros still has an axis from 0 to 1.
        const ticks = async (id: string) =>
          (await page.locator(`#${id} svg text`).allTextContents()).filter((t) => /^\d+$/.test(t));
        expect(await ticks('chart-leads')).toEqual(['0', '1', '2', '3']);
        expect(await ticks('chart-activity')).toEqual(['0', '1']);
        expect(await page.locator('#chart-activity svg[role=img]').count()).toBe(1);

        const events = page.locator('#relationship li');
        expect(await events.count()).toBeGreaterThan(3);
        expect(await events.last().getAttribute('data-event')).toBe('connected');
        expect(await page.locator('#relationship').textContent()).toContain('Sent lead.offer');

        await screenshotIfAsked(page, `console-partner-scorecard-${options.viewport.width}`);
        if (options === PHONE) {
          expect(await axeViolations(page)).toEqual([]);
          expect(await overflowAt390(page)).toEqual({ wide: [], scrollWidth: 390 });
        }
      }

      const page = await signInOn(browser, contexts, n.vendor, 'cara@vendor.example');
      await page.goto(`${n.vendor.url}/console/partners/${n.p2Id}`);
      expect(await page.locator('[data-fact="acceptance"]').textContent()).toBe(
        'nothing to rate yet (0 of 0 answered)',
      );
    },
  );
});
