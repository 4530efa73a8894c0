/** The portal shows a portal partner the accounting data the vendor pushed to it, read-only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  deliveredTo,
  expectApi,
  type Invited,
  PortalClient,
  startTwoPartnerPortal,
} from './portal-fixture.ts';

describe('portal › accounting data', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let a: Invited;
  let asA: PortalClient;
  let asB: PortalClient;

  beforeAll(async () => {
    ({ vendor, a, asA, asB } = await startTwoPartnerPortal({ clock }));
    await expectApi(vendor, 201, 'POST', '/accounting', { id: 'std', name: 'Acme terms' });
    await expectApi(vendor, 201, 'POST', '/accounting/std/versions', {
      entries: [
        { type: 'payment_terms', code: 'NET30', name: '30 days net', days: '30' },
        { type: 'account', code: '6400', name: 'Marketing', use: 'expense_claim' },
      ],
    });
    await expectApi(vendor, 202, 'POST', '/accounting/std/push', { partners: [a.partnerId] });
    await deliveredTo(vendor, a.partnerId, 'accounting.push');
  });
  afterAll(async () => {
    await vendor.stop();
    await removeTestDirs();
  });

  it('lists and shows the data set to the partner it was pushed to, and to no other', async () => {
    const list = await asA.get('/portal/accounting');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Acme terms');
    expect(list.text).toContain('Version 1 · 2 lines');
    const page = await asA.get('/portal/accounting/std');
    expect(page.text).toContain('<td>NET30</td>');
    expect(page.text).toContain('<td>expense claim</td>');
    expect(page.text).toContain('<td>payment terms</td>');
    const csv = await asA.get('/portal/accounting/std/export.csv');
    expect(csv.text.split('\r\n')[0]).toBe('type,code,name,rate,days,use');
    expect((await asB.get('/portal/accounting')).text).not.toContain('Acme terms');
    expect((await asB.get('/portal/accounting/std')).status).toBe(404);
  });
});
