/**
 * Two companies' nodes on this machine, end to end: a vendor and a reseller start in temporary
 * data directories, connect by invitation, and the vendor offers the reseller a lead, which the
 * reseller accepts. Everything goes through the node's public pieces: `initNode`, `startNode`
 * and the admin API over HTTP, as an operator's scripts would. Prints both sides' view.
 *
 *   npm run example:two-nodes
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, startCompany, show, waitFor, type Company } from '../lib/company.ts';

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'partner-sync-two-nodes-'));
  const companies: Company[] = [];
  try {
    const vendor = await startCompany('ACME Networks (vendor)', join(root, 'vendor'));
    companies.push(vendor);
    const reseller = await startCompany('Bolt Reseller', join(root, 'reseller'));
    companies.push(reseller);
    console.log(`vendor   ${vendor.url}  (data in ${join(root, 'vendor')})`);
    console.log(`reseller ${reseller.url}  (data in ${join(root, 'reseller')})`);

    // 1. The vendor invites the reseller; the reseller's node connects with the one-time token.
    const ids = await connect(vendor, reseller, {
      name: 'Bolt Reseller',
      partnerType: 'reseller',
      relationship: 'strategic',
    });
    const partner = { id: ids.onHost };
    console.log(`\nconnected: the vendor knows the reseller as partner ${partner.id}`);

    // 2. The vendor creates a lead and offers it to the reseller alone.
    await vendor.api('POST', '/leads', {
      id: 'L-1',
      company: 'Globex Ltd',
      contact: { name: 'Ada Lovelace', email: 'ada@globex.example' },
      region: 'DE',
      interest: ['firewalls'],
      source: 'trade fair',
    });
    await vendor.api('POST', '/leads/L-1/offers', { partners: [partner.id], offerHours: 72 });
    console.log('offered lead L-1 to the reseller');

    // 3. The offer arrives as a signed message; the reseller accepts it.
    await waitFor('the offer to arrive', () => reseller.api('GET', '/received-leads/L-1'));
    await reseller.api('POST', '/received-leads/L-1/accept');
    console.log('the reseller accepted lead L-1');
    const owned = await waitFor('the acceptance to arrive', async () => {
      const lead = await vendor.api('GET', '/leads/L-1');
      return lead.offers?.some((o: { status: string }) => o.status === 'accepted')
        ? lead
        : undefined;
    });
    const received = await reseller.api('GET', '/received-leads/L-1');

    show("The vendor's view (GET /api/leads/L-1)", {
      lead: `${owned.lead.id}, ${owned.lead.company}, ${owned.lead.region}`,
      status: owned.status,
      offers: owned.offers
        .map((o: { partnerId: number; status: string }) => `partner ${o.partnerId}: ${o.status}`)
        .join('; '),
    });
    show("The reseller's view (GET /api/received-leads/L-1)", {
      lead: `${received.lead.id}, ${received.lead.company}, ${received.lead.region}`,
      status: received.status,
      owner: received.ownerNodeId,
      contact: `${received.lead.contact.name} <${received.lead.contact.email}>`,
    });

    const out = await vendor.api('GET', '/messages/out');
    show('Messages the vendor sent, each with a signed receipt', {
      messages: (out.messages ?? [])
        .map((m: { kind: string; status: string }) => `${m.kind} ${m.status}`)
        .join(', '),
    });
    console.log('\ndone: both nodes agree.');
  } finally {
    for (const company of companies.reverse()) await company.node.close();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
