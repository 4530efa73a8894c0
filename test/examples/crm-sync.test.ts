/**
 * examples/crm-sync against real nodes: the vendor's webhook reaches the example receiver, which
 * verifies each request with `standardwebhooks` and mirrors the lead and its offer status.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCrmSync } from '../../examples/crm-sync/receiver.ts';
import { connectPair } from '../support/federation.ts';
import { createTestNode, eventually, freePort, type TestNode } from '../support/test-node.ts';
import { expectApi, newLead } from '../leads/lead-nodes.ts';

const nodes: TestNode[] = [];
let server: Server | undefined;
afterAll(async () => {
  server?.close();
  await Promise.all(nodes.map((n) => n.stop()));
});

describe('examples › crm-sync', () => {
  it('mirrors leads and their status from signed webhooks', async () => {
    const vendor = await createTestNode({ name: 'crm-vendor' });
    const reseller = await createTestNode({ name: 'crm-reseller' });
    nodes.push(vendor, reseller);
    const resellerId = (await connectPair(vendor, reseller)).onHost.id;
    const port = await freePort();
    const file = join(await mkdtemp(join(tmpdir(), 'crm-sync-')), 'leads.json');
    const { secret } = await expectApi(vendor, 201, 'POST', '/webhooks', {
      url: `http://127.0.0.1:${port}/`,
      events: ['lead.'],
      description: 'CRM mirror',
    });
    server = startCrmSync({ port, secret, file });

    await expectApi(vendor, 201, 'POST', '/leads', newLead('CRM1'));
    await expectApi(vendor, 201, 'POST', '/leads', newLead('CRM2', { company: 'Initech' }));
    await expectApi(vendor, 200, 'POST', '/leads/CRM1/offers', { partners: [resellerId] });
    await eventually(async () => {
      const res = await reseller.api('GET', '/received-leads/CRM1');
      return res.status === 200;
    });
    await expectApi(reseller, 200, 'POST', '/received-leads/CRM1/accept');
    await expectApi(vendor, 200, 'POST', '/leads/CRM2/withdraw', { reason: 'duplicate' });
    const mirror = await eventually(async () => {
      const m = JSON.parse(await readFile(file, 'utf8'));
      return m.leads.CRM1?.status === 'accepted' && m.leads.CRM2?.status === 'withdrawn' ? m : null;
    }, 15_000);
    expect(mirror.leads).toEqual({
      CRM1: { company: 'Globex Logistics GmbH', status: 'accepted' },
      CRM2: { company: 'Initech', status: 'withdrawn' },
    });
    // Each webhook-id was applied once.
    expect(new Set(mirror.seen).size).toBe(mirror.seen.length);
  });
});
