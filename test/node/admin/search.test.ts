/**
 * GET /api/search on a vendor node with two resellers: partners by name, deal registrations by
 * their customer, leads by company; LIKE's wildcards are taken literally; a role searches only
 * the kinds it may list (a service agent finds no leads or deals); the query is bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atVendor, register, startDealNodes, type DealNodes } from '../../deals/deal-nodes.ts';
import { searchableKinds } from '../../../node/admin/search-routes.ts';
import { runCliOn } from '../../support/run-cli.ts';
import { removeTestDirs } from '../../support/test-node.ts';

describe('admin api › search', () => {
  let n: DealNodes;
  let deal: number;
  let agentToken: string;

  const withToken = async (token: string, path: string) => {
    const res = await fetch(`${n.vendor.url}/api${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    n = await startDealNodes();
    const registered = await register(n.alpha, n.ids.vendorOnAlpha);
    deal = (await atVendor(n, registered.dealId)).id;
    const lead = await n.vendor.api('POST', '/leads', {
      company: 'Initech 100% Ltd',
      contact: { name: 'Bill Lumbergh' },
      region: 'NA',
      interest: ['TPS-1'],
      source: 'web',
    });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    for (const argv of [
      ['staff', 'add', '--email', 'sam@vendor.example', '--name', 'Sam', '--role', 'service_agent'],
    ]) {
      const res = await runCliOn(n.vendor, argv);
      expect(res.code, res.err).toBe(0);
    }
    const token = await runCliOn(n.vendor, [
      'tokens',
      'create',
      '--email',
      'sam@vendor.example',
      '--json',
    ]);
    expect(token.code, token.err).toBe(0);
    agentToken = JSON.parse(token.out).token;
  });
  afterAll(async () => {
    await n?.stop();
    await removeTestDirs();
  });

  it('finds partners, deals and leads by what people remember, in any case', async () => {
    const partners = await n.vendor.api('GET', '/search?q=ALPHA');
    expect(partners.status).toBe(200);
    expect(partners.body.kinds).toEqual(['partner', 'lead', 'deal', 'request', 'order']);
    expect(partners.body.hits).toEqual([
      expect.objectContaining({
        kind: 'partner',
        id: String(n.ids.alphaOnVendor),
        status: 'active',
      }),
    ]);
    const deals = await n.vendor.api('GET', '/search?q=acme');
    expect(deals.body.hits).toEqual([
      expect.objectContaining({ kind: 'deal', id: String(deal), title: 'ACME GmbH' }),
    ]);
    const leads = await n.vendor.api('GET', '/search?q=initech');
    expect(leads.body.hits.map((h: { kind: string }) => h.kind)).toEqual(['lead']);
  });

  it("takes LIKE's wildcards literally", async () => {
    expect((await n.vendor.api('GET', '/search?q=__')).body.hits).toEqual([]);
    const percent = await n.vendor.api('GET', `/search?q=${encodeURIComponent('100%')}`);
    expect(percent.body.hits.map((h: { title: string }) => h.title)).toEqual(['Initech 100% Ltd']);
    expect((await n.vendor.api('GET', `/search?q=${encodeURIComponent('%%')}`)).body.hits).toEqual(
      [],
    );
  });

  it('searches only the kinds the caller may list', async () => {
    const res = await withToken(agentToken, '/search?q=a');
    expect(res.status).toBe(400);
    const agent = await withToken(agentToken, '/search?q=acme');
    expect(agent.status).toBe(200);
    // The kinds follow the roles of each kind's own list (role-rule.ts decides them), and a kind
    // left out is not searched: the deal 'ACME GmbH' is a hit exactly when deals are searched.
    const kinds = searchableKinds({ roles: ['service_agent'] });
    expect(agent.body.kinds).toEqual(kinds);
    expect(agent.body.hits.map((h: { kind: string }) => h.kind)).toEqual(
      kinds.includes('deal') ? ['deal'] : [],
    );
  });

  it('refuses a query too short, too long or with unknown parameters', async () => {
    for (const q of ['q=a', `q=${'x'.repeat(101)}`, 'q=acme&limit=0', 'q=acme&kind=lead']) {
      const res = await n.vendor.api('GET', `/search?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe('invalid_field');
    }
  });
});
