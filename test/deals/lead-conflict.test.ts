/**
 * The conflict check against leads, through the leads domain's real admin API: a lead the vendor
 * offered to one partner blocks another partner's registration for that customer and product.
 */
import { DEAL_CONFLICT_REASON } from '../../node/deals/find-conflicts.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTestDirs } from '../support/test-node.ts';
import { atVendor, register, startDealNodes, statusBecomes, type DealNodes } from './deal-nodes.ts';

let n: DealNodes;
let leadId: string;

beforeAll(async () => {
  n = await startDealNodes();
  const created = await n.vendor.api('POST', '/leads', {
    company: 'Vandelay Industries Inc.',
    contact: { name: 'Art Vandelay' },
    region: 'NA',
    interest: ['LATEX-1', 'IMPORT-2'],
    source: 'Website form',
    domain: 'vandelay.example',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  leadId = created.body.lead.id;
  const offered = await n.vendor.api('POST', `/leads/${leadId}/offers`, {
    partners: [n.ids.alphaOnVendor],
  });
  expect(offered.status, JSON.stringify(offered.body)).toBe(200);
});

afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

describe('deals › conflicts with leads', () => {
  it('answers conflict when the customer is a lead offered to another partner', async () => {
    const deal = await register(n.beta, n.ids.vendorOnBeta, {
      endCustomer: { name: 'Vandelay', country: 'US', domain: 'www.vandelay.example' },
      products: ['latex-1'],
    });
    const answered = await statusBecomes(n.beta, deal.id, 'conflict');
    // The same fixed reason as a clash with a registration: the partner cannot tell which.
    expect(answered.reason).toBe(DEAL_CONFLICT_REASON);
    const onVendor = await atVendor(n, deal.dealId);
    expect(onVendor.conflicts).toEqual([
      {
        type: 'lead',
        leadId,
        partner: { id: n.ids.alphaOnVendor, name: 'Alpha Systems', nodeId: n.alpha.url },
      },
    ]);
  });

  it('lets the partner the lead was offered to register it', async () => {
    const deal = await register(n.alpha, n.ids.vendorOnAlpha, {
      endCustomer: { name: 'Vandelay Industries', country: 'US', domain: 'vandelay.example' },
      products: ['LATEX-1'],
    });
    expect((await atVendor(n, deal.dealId)).status).toBe('submitted');
  });

  it('sees no conflict without a product in common with the lead', async () => {
    const deal = await register(n.beta, n.ids.vendorOnBeta, {
      endCustomer: { name: 'Vandelay', country: 'US', domain: 'vandelay.example' },
      products: ['OTHER-9'],
    });
    // Alpha's registration above covers LATEX-1 only, the lead LATEX-1 and IMPORT-2.
    expect((await atVendor(n, deal.dealId)).status).toBe('submitted');
  });
});
