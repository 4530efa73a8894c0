/**
 * A portal action the vendor's node refuses shows why, in the reader's language, on the page the
 * person acted from: the stable code (the finer one a refusal carries, such as
 * service_not_offered, before the protocol's forbidden) and the catalog's words for it. A new
 * record the vendor refused does not exist, so the person returns to the form with what they
 * typed rather than to a missing page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  expectApi,
  startTwoPartnerPortal,
  type Invited,
  type PortalClient,
} from './portal-fixture.ts';

let vendor: TestNode;
let a: Invited;
let asA: PortalClient;
beforeAll(async () => {
  ({ vendor, a, asA } = await startTwoPartnerPortal({}));
  await expectApi(vendor, 200, 'PUT', `/service/agreements/${a.partnerId}`, {
    categories: ['accounting'],
  });
});
afterAll(async () => {
  await vendor.stop();
  await removeTestDirs();
});

const REQUEST = {
  category: 'technical',
  subject: 'Router reboots nightly',
  description: 'Since the last firmware.',
  priority: 'high',
};

describe('portal › refusals in words', () => {
  it('a request in a category the agreement does not offer, in English and in Chinese', async () => {
    await asA.get('/portal/requests/new');
    const refused = await asA.post('/portal/requests', REQUEST);
    // Back on the form with what was typed, the finer code and its words; nothing was made.
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('does not offer this kind of request');
    expect(refused.text).toContain('<code>service_not_offered</code>');
    expect(refused.text).toContain('value="Router reboots nightly"');
    const held = await expectApi(vendor, 200, 'GET', `/service/requests?partner=${a.partnerId}`);
    expect(held.requests).toEqual([]);

    await asA.post('/portal/language', { lang: 'zh-CN', back: '/portal/requests/new' });
    await asA.get('/portal/requests/new');
    const zh = await asA.post('/portal/requests', REQUEST);
    expect(zh.status).toBe(409);
    expect(zh.text).toContain('您与供应商的服务协议不提供此类请求');
    expect(zh.text).toContain('<code>service_not_offered</code>');
  });
});
