/**
 * A registration waiting for the vendor's decision lists the registrations that arrived after it
 * and were answered `conflict` because of it: two (then three) registrations of one customer in
 * order, between real nodes. The earlier one's page (admin API, console, CLI) names the later
 * ones, oldest first, with the products they share; the later one's does not name itself; and the
 * registering partner's own copy shows none of it.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { issueStaffLink } from '../../node/staff/sign-in-links.ts';
import { pressConsoleLink } from '../support/console-session.ts';
import { runCliOn } from '../support/run-cli.ts';
import { nodeRows, nodeWrite } from '../support/node-database.ts';
import { removeTestDirs } from '../support/test-node.ts';
import {
  atVendor,
  getDeal,
  register,
  startDealNodes,
  statusBecomes,
  type DealNodes,
} from './deal-nodes.ts';

let n: DealNodes;

beforeAll(async () => {
  n = await startDealNodes();
  const added = await runCliOn(n.vendor, [
    'staff',
    'add',
    '--email',
    'cara@vendor.example',
    '--name',
    'Cara Channel',
    '--role',
    'channel_manager',
  ]);
  expect(added.code, added.err).toBe(0);
}, 60_000);

afterAll(async () => {
  await n?.stop();
  await removeTestDirs();
});

async function consolePage(path: string): Promise<string> {
  const { url } = await issueStaffLink(n.vendor.deps, 'cara@vendor.example', CLI_ACTOR);
  const signIn = await pressConsoleLink(url);
  const cookie = signIn.headers
    .getSetCookie()
    .find((c) => c.startsWith('pss_session='))!
    .split(';')[0]!;
  const res = await fetch(`${n.vendor.url}/console${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The last statement of the migration that made deal_conflict_links: its backfill. */
async function backfillOfLinks(postgres: boolean): Promise<string> {
  const dir = postgres ? 'pg-migrations/0006' : 'migrations/0016';
  const file = new URL(`../../node/db/${dir}_deal_conflict_links.sql`, import.meta.url);
  return (await readFile(file, 'utf8')).split('--> statement-breakpoint').at(-1)!;
}

// Real nodes: a few seconds on SQLite, much slower on PostgreSQL on a busy machine.
describe('deals › later conflicts', { timeout: 120_000 }, () => {
  it('lists on a waiting registration the ones that clashed with it later', async () => {
    const customer = { name: 'Umbrella Corp', country: 'US', domain: 'umbrella.example' };
    const first = await register(n.alpha, n.ids.vendorOnAlpha, {
      endCustomer: customer,
      products: ['SRV-1', 'SRV-2'],
    });
    const firstOnVendor = await atVendor(n, first.dealId);
    // Nothing clashed with it yet.
    expect(firstOnVendor.laterConflicts).toEqual([]);

    const second = await register(n.beta, n.ids.vendorOnBeta, {
      endCustomer: { name: 'UMBRELLA CORPORATION', country: 'us' },
      products: ['srv-2', 'LAPTOP-9'],
    });
    await statusBecomes(n.beta, second.id, 'conflict');
    const secondOnVendor = await atVendor(n, second.dealId);
    expect(secondOnVendor.status).toBe('conflict');

    const beta = { id: n.ids.betaOnVendor, name: 'Beta Solutions', nodeId: n.beta.url };
    const later = {
      id: secondOnVendor.id,
      dealId: second.dealId,
      partner: beta,
      status: 'conflict',
      registeredAt: secondOnVendor.registeredAt,
      products: ['srv-2'],
    };
    const waiting = await getDeal(n.vendor, firstOnVendor.id);
    expect(waiting.status).toBe('submitted');
    expect(waiting.laterConflicts).toEqual([later]);
    // The later one names the first among its own conflicts, not among the later ones.
    expect((await getDeal(n.vendor, secondOnVendor.id)).laterConflicts).toEqual([]);
    // The registering partner's copy carries nothing of the vendor's conflict check.
    expect((await getDeal(n.alpha, first.id)).laterConflicts).toBeNull();

    // A third, later still, for the same customer by domain: listed after the second.
    const third = await register(n.beta, n.ids.vendorOnBeta, {
      id: 'UMB-3',
      endCustomer: { name: 'Umbrella Holdings', country: 'GB', domain: 'UMBRELLA.example' },
      products: ['SRV-1'],
    });
    await statusBecomes(n.beta, third.id, 'conflict');
    const thirdOnVendor = await atVendor(n, 'UMB-3');
    const listed = await n.vendor.api('GET', `/deals?role=vendor&partner=${n.ids.alphaOnVendor}`);
    const inList = listed.body.deals.find((d: { id: number }) => d.id === firstOnVendor.id);
    expect(inList.laterConflicts.map((l: { id: number }) => l.id)).toEqual([
      secondOnVendor.id,
      thirdOnVendor.id,
    ]);
    expect(inList.laterConflicts[1].products).toEqual(['SRV-1']);
    const waitingAfterThird = await getDeal(n.vendor, firstOnVendor.id);

    // The console's page of the waiting registration shows both beside it, each linked.
    const html = await consolePage(`/deals/${firstOnVendor.id}`);
    const cards = [...html.matchAll(/data-conflict="later" data-deal="(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(cards).toEqual([secondOnVendor.id, thirdOnVendor.id]);
    expect(html).toContain(`href="/console/deals/${secondOnVendor.id}"`);
    expect(html).toContain('Registered later, clashing with this one: Beta Solutions');

    // And the CLI's view of it.
    const shown = await runCliOn(n.vendor, ['deals', 'show', String(firstOnVendor.id)]);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain(
      `deal ${secondOnVendor.id} of Beta Solutions (srv-2); deal ${thirdOnVendor.id} of Beta Solutions (SRV-1)`,
    );

    // Registrations decided before the links table existed: its migration rebuilds the links
    // from each registration's recorded conflicts, and the list reads the same.
    const links = `SELECT CAST(earlier_row_id AS INTEGER) AS "earlier",
      CAST(later_row_id AS INTEGER) AS "later" FROM deal_conflict_links ORDER BY 1, 2`;
    const written = await nodeRows(n.vendor, links);
    expect(written).toEqual(
      expect.arrayContaining([
        { earlier: firstOnVendor.id, later: secondOnVendor.id },
        { earlier: firstOnVendor.id, later: thirdOnVendor.id },
      ]),
    );
    await nodeWrite(n.vendor, 'DELETE FROM deal_conflict_links');
    expect((await getDeal(n.vendor, firstOnVendor.id)).laterConflicts).toEqual([]);
    await nodeWrite(n.vendor, await backfillOfLinks(Boolean(n.vendor.databaseUrl)));
    expect(await nodeRows(n.vendor, links)).toEqual(written);
    expect((await getDeal(n.vendor, firstOnVendor.id)).laterConflicts).toEqual(
      waitingAfterThird.laterConflicts,
    );
  });
});
