/**
 * The console's replenishment proposal page explains each line in the reader's language, from
 * the computation the node keeps for its own proposals (issue #18), as the portal does: a person
 * reading the console in Chinese sees no English reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translatorFor } from '../../node/i18n/index.ts';
import type { LineExplanation } from '../../node/inventory/compute-proposal.ts';
import { explainLine } from '../../node/inventory/explain-reason.ts';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { issueStaffLink } from '../../node/staff/sign-in-links.ts';
import {
  deliveredTo,
  expectApi,
  PortalClient,
  pushEuPriceList,
  startVendor,
} from '../portal/portal-fixture.ts';
import { runCliOn } from '../support/run-cli.ts';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';

const STAFF = 'li@vendor.example';
let vendor: TestNode;
let proposal: { id: number; details: { lines: LineExplanation[] } };

/** The page's text as a reader sees it (Hono's JSX escapes these). */
const unescaped = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

beforeAll(async () => {
  vendor = await startVendor({ clock: new ManualClock(new Date('2027-03-01T09:00:00Z')) });
  const invited = await expectApi(vendor, 201, 'POST', '/portal/partners', {
    name: '华东智联科技有限公司',
    user: { email: 'wang@huadong.example', name: '王丽', language: 'zh-CN' },
  });
  const partnerId = invited.partner.id as number;
  await pushEuPriceList(vendor, partnerId, [
    { sku: 'KB-100', listPrice: '12499.90', standardPrice: '11000.00' },
  ]);
  await deliveredTo(vendor, partnerId, 'pricelist.push');
  await expectApi(vendor, 200, 'PUT', '/inventory/settings', {
    partner: partnerId,
    sku: 'KB-100',
    policy: 'days_of_cover',
    days: 14,
    leadTimeDays: 7,
    packSize: '10',
  });
  const client = new PortalClient(vendor.url);
  await client.signIn(invited.signInUrl);
  await client.get('/portal/stock/reports/new');
  const report = await client.post('/portal/stock/reports', {
    location: '苏州仓',
    periodStart: '2027-02-15',
    periodEnd: '2027-02-28',
    csvText: 'sku,onHand,sold,onOrder\nKB-100,10,28,0\n',
  });
  expect(report.status).toBe(303);
  proposal = await expectApi(vendor, 201, 'POST', '/inventory/proposals', {
    partner: partnerId,
    location: '苏州仓',
  });
  const added = await runCliOn(vendor, [
    'staff',
    'add',
    '--email',
    STAFF,
    '--name',
    '李娜',
    '--role',
    'order_desk',
    '--language',
    'zh-CN',
  ]);
  expect(added.code, added.err).toBe(0);
});
afterAll(async () => {
  await vendor?.stop();
  await removeTestDirs();
});

describe('console › inventory proposal in Chinese', () => {
  it('explains each line in Chinese from the stored computation, not the English reason', async () => {
    // A link from the node's own (manual) clock, as the CLI's would be on that day.
    const staff = new PortalClient(vendor.url);
    expect(
      (await staff.signIn((await issueStaffLink(vendor.deps, STAFF, CLI_ACTOR)).url)).status,
    ).toBe(303);
    const res = await staff.get(`/console/inventory/proposals/${proposal.id}`);
    expect(res.status).toBe(200);
    const html = unescaped(res.text);
    expect(html).toContain('<html lang="zh-CN"');
    const [line] = proposal.details.lines;
    expect(line?.sku).toBe('KB-100');
    expect(html).toContain(explainLine(translatorFor('zh-CN'), line!));
    expect(html).not.toContain(line!.reason);
  });
});
