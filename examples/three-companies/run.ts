/**
 * The three-company story (`npm run demo`): Helios Solar, a brand, runs a node; Nordlicht
 * Distribution runs its own node, connected to Helios; Sunny Roofs, an installer without a node,
 * works through the portal Helios serves. The script narrates each step as the companies would
 * do it through their admin APIs and the portal's pages, then prints what each side holds and
 * the installer's portal link. The nodes keep running until Ctrl-C (`--exit` stops at once).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, pad, show, startCompany, table, waitFor, type Company } from '../lib/company.ts';
import { runCli } from '../../node/cli/main.ts';
import { PortalVisitor } from '../lib/portal-visitor.ts';
import { langArg, storyFor } from './story.ts';

// `npm run demo -- --lang zh-CN`: the same story in Chinese (story.ts).
const { lang, story: S } = storyFor(langArg(process.argv));

const TODAY = new Date().toISOString().slice(0, 10);
const addDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

let stepNumber = 0;
function step(text: string): void {
  console.log(`\n${++stepNumber}. ${text}`);
}
function say(text: string): void {
  console.log(`   ${text}`);
}

async function main(): Promise<void> {
  const keepRunning = !process.argv.includes('--exit');
  const root = await mkdtemp(join(tmpdir(), 'partner-sync-demo-'));
  const companies: Company[] = [];
  const stop = async () => {
    for (const company of companies.reverse()) await company.node.close();
    await rm(root, { recursive: true, force: true });
  };
  try {
    step(S.steps.start);
    const brand = await startCompany(S.brand, join(root, 'helios'), 'error');
    companies.push(brand);
    const distributor = await startCompany(S.distributor, join(root, 'nordlicht'), 'error');
    companies.push(distributor);
    say(`${pad(S.summaryRows.brand, 30)} ${brand.url}`);
    say(`${pad(S.summaryRows.distributor, 30)} ${distributor.url}`);

    step(S.steps.connect);
    const ids = await connect(brand, distributor, {
      name: S.distributor,
      partnerType: 'reseller',
      relationship: 'strategic',
    });
    const nordlicht = ids.onHost;
    const helios = ids.onJoiner;
    say(S.say.knows(nordlicht, helios));

    step(S.steps.invite);
    const invited = await brand.api('POST', '/portal/partners', {
      name: S.installer,
      user: {
        email: 'maria@sunnyroofs.example',
        name: S.installerUser,
        ...(lang === 'zh-CN' && { language: 'zh-CN' }),
      },
    });
    const installer: number = invited.partner.id;
    const installerPortal = new PortalVisitor(brand.url);
    await installerPortal.signIn(invited.signInUrl);
    say(S.say.signedIn(brand.url));

    step(S.steps.leads);
    await brand.api('POST', '/leads', {
      id: 'L-1001',
      company: S.lead1.company,
      contact: { name: S.lead1.contact, email: 'j.berg@stadtwerke-kiel.example' },
      region: S.lead1.region,
      interest: ['inverter', 'battery'],
      estimatedValue: '180000.00',
      currency: 'EUR',
      source: S.lead1.source,
    });
    await brand.api('POST', '/leads/L-1001/offers', { partners: [nordlicht], offerHours: 72 });
    await waitFor('the offer at Nordlicht', () => distributor.api('GET', '/received-leads/L-1001'));
    await distributor.api('POST', '/received-leads/L-1001/accept');
    await distributor.api('POST', '/received-leads/L-1001/progress', {
      stage: 'qualified',
      note: S.lead1.note,
    });
    say(S.say.leadQualified);
    await brand.api('POST', '/leads', {
      id: 'L-1002',
      company: S.lead2.company,
      contact: { name: S.lead2.contact, email: 'eva@hansen.example' },
      region: S.lead2.region,
      interest: ['panel'],
      estimatedValue: '14500.00',
      currency: 'EUR',
      source: S.lead2.source,
    });
    await brand.api('POST', '/leads/L-1002/offers', { partners: [installer], offerHours: 48 });
    await installerPortal.get('/portal/leads/L-1002');
    await installerPortal.post('/portal/leads/L-1002/accept', {});
    const l1002 = await waitFor('the portal acceptance', async () => {
      const lead = await brand.api('GET', '/leads/L-1002');
      return lead.offers.some((o: { status: string }) => o.status === 'accepted') && lead;
    });
    say(S.say.portalAccepted(l1002.status));

    step(S.steps.prices);
    await brand.api('POST', '/price-lists', {
      id: 'helios-2027',
      name: S.priceList,
      currency: 'EUR',
    });
    await brand.api('POST', '/price-lists/helios-2027/versions', {
      validFrom: TODAY,
      lines: [
        { sku: 'PANEL-430', listPrice: '189.00', standardPrice: '171.00' },
        { sku: 'PANEL-430', listPrice: '179.00', standardPrice: '162.00', minQty: '50' },
        { sku: 'INV-10K', listPrice: '1890.00', standardPrice: '1720.00' },
        { sku: 'BATT-13', listPrice: '5200.00', standardPrice: '4780.00' },
      ],
    });
    await brand.api('POST', '/price-lists/helios-2027/push', { all: true });
    await waitFor('version 1 at Nordlicht', async () => holds(distributor, 'helios-2027', 1));
    await waitFor('version 1 delivered to both', async () => pushesDelivered(brand));
    await brand.api('POST', '/price-lists/helios-2027/versions', {
      baseVersion: 1,
      validFrom: TODAY,
      lines: [{ sku: 'INV-10K', listPrice: '1850.00', standardPrice: '1690.00' }],
    });
    await brand.api('POST', '/price-lists/helios-2027/push', { all: true });
    const copy = await waitFor('version 2 at Nordlicht', () =>
      holds(distributor, 'helios-2027', 2),
    );
    const v2 = copy.versions.find((v: { version: number }) => v.version === 2);
    say(S.say.holdsV2(v2.mode, v2.lineCount, v2.contentHash.slice(0, 20)));
    const portalList = await installerPortal.get('/portal/price-lists');
    say(S.say.portalSees(portalList.includes(S.priceList)));

    step(S.steps.order);
    const placed = await distributor.api('POST', '/orders', {
      seller: helios,
      type: 'standard',
      lines: [
        { sku: 'PANEL-430', qty: '60' },
        { sku: 'INV-10K', qty: '4' },
      ],
    });
    say(
      S.say.order(
        placed.orderId,
        placed.lines[0].unitPrice,
        placed.lines[1].unitPrice,
        placed.total,
      ),
    );
    await waitFor('the order at Helios', () => orderIn(brand, placed.orderId, 'acknowledged'));
    await brand.api('POST', `/orders/${placed.orderId}/response`, {
      code: 'CA',
      lines: [{ line: 2, qty: '3' }],
      reason: S.orderReason,
    });
    const answered = await waitFor('the answer at Nordlicht', () =>
      orderIn(distributor, placed.orderId, 'accepted'),
    );
    say(S.say.answered(answered.response.code, answered.acceptedTotal, answered.response.reason));
    await brand.api('POST', `/orders/${placed.orderId}/status`, {
      status: 'shipped',
      tracking: 'DHL 00340434161094042557',
    });
    await waitFor('shipped at Nordlicht', () => orderIn(distributor, placed.orderId, 'shipped'));
    say(S.say.shipped);

    step(S.steps.warranty);
    const claim = await distributor.api('POST', '/warranty/claims', {
      vendor: helios,
      product: 'INV-10K',
      serial: 'INV10K-2026-004417',
      purchaseDate: addDays(-200),
      failureDate: addDays(-3),
      failure: S.failure,
      claimedAmount: '640.00',
      currency: 'EUR',
    });
    await waitFor('the claim at Helios', async () =>
      (await brand.api('GET', '/warranty/claims')).claims.find(
        (c: { claimId: string }) => c.claimId === claim.claimId,
      ),
    );
    await brand.api('POST', `/warranty/claims/${claim.claimId}/decision`, {
      status: 'partial',
      approvedAmount: '480.00',
      reason: S.claimReason,
    });
    const decided = await waitFor('the decision at Nordlicht', async () => {
      const c = await distributor.api('GET', `/warranty/claims/${claim.claimId}`);
      return c.status === 'partial' && c;
    });
    say(S.say.claimDecided(decided.status, decided.approvedAmount));

    step(S.steps.funds);
    const allocation = await brand.api('POST', '/funds/allocations', {
      partner: nordlicht,
      amount: '5000.00',
      currency: 'EUR',
      validFrom: TODAY,
      validTo: addDays(180),
      claimDeadline: addDays(210),
      activities: ['trade_show', 'online_ads'],
      note: S.fundNote,
    });
    await waitFor('the allocation at Nordlicht', () =>
      distributor.api('GET', `/funds/allocations/${allocation.allocationId}`),
    );
    const expense = await distributor.api('POST', '/funds/claims', {
      allocation: allocation.allocationId,
      invoiceNumber: 'NL-2026-0917',
      invoiceDate: TODAY,
      activity: 'trade_show',
      lines: [
        { description: S.booth, amount: '1800.00' },
        { description: S.brochures, amount: '420.50' },
      ],
      total: '2220.50',
      proof: [{ sha256: 'c'.repeat(64), name: 'invoice-NL-2026-0917.pdf', size: 84211 }],
    });
    await waitFor('the expense claim at Helios', () =>
      brand.api('GET', `/funds/claims/${expense.claimId}`),
    );
    await brand.api('POST', `/funds/claims/${expense.claimId}/decision`, {
      status: 'partial',
      approvedAmount: '1800.00',
      reason: S.expenseReason,
    });
    const funds = await waitFor('the decision at Nordlicht', async () => {
      const a = await distributor.api('GET', `/funds/allocations/${allocation.allocationId}`);
      return a.claims.some((c: { status: string }) => c.status === 'partial') && a;
    });
    say(S.say.funds(funds.balance));

    step(S.steps.inventory);
    await brand.api('PUT', '/inventory/settings', {
      partner: nordlicht,
      sku: 'PANEL-430',
      policy: 'days_of_cover',
      days: 14,
      leadTimeDays: 7,
      packSize: '10',
    });
    for (const [n, start, end, onHand, sold] of [
      [1, addDays(-14), addDays(-8), '180', '70'],
      [2, addDays(-7), addDays(-1), '110', '84'],
    ] as const) {
      await distributor.api('POST', '/inventory/reports', {
        supplier: helios,
        reportId: `nordlicht-kiel-w${n}`,
        location: S.location,
        periodStart: start,
        periodEnd: end,
        lines: [{ sku: 'PANEL-430', onHand, sold, onOrder: '0' }],
      });
    }
    say(S.say.reported);
    await waitFor('both reports at Helios', async () => {
      const { reports } = await brand.api('GET', '/inventory/reports?role=supplier');
      return reports.length === 2;
    });
    const proposal = await brand.api('POST', '/inventory/proposals', {
      partner: nordlicht,
      location: S.location,
    });
    for (const line of proposal.details.lines) {
      say(S.say.proposed(line));
    }
    const onDistributor = await waitFor('the proposal at Nordlicht', async () => {
      const { proposals } = await distributor.api('GET', '/inventory/proposals?role=partner');
      return proposals.find((p: { proposalId: string }) => p.proposalId === proposal.proposalId);
    });
    const accepted = await distributor.api(
      'POST',
      `/inventory/proposals/${onDistributor.id}/decision`,
      { status: 'accepted' },
    );
    const replenishment = await waitFor('the replenishment order at Helios', () =>
      orderIn(brand, accepted.decision.orderId, 'acknowledged'),
    );
    say(S.say.replenished(replenishment.orderId, replenishment.total));

    step(S.steps.summary);
    console.log(
      table(S.summaryHeader, [
        await summaryRow(S.summaryRows.brand, brand),
        await summaryRow(S.summaryRows.distributor, distributor),
        await installerRow(brand, installer),
      ]),
    );

    const reader = await brand.api('POST', `/portal/partners/${installer}/users`, {
      email: 'you@sunnyroofs.example',
      name: S.you,
      ...(lang === 'zh-CN' && { language: 'zh-CN' }),
    });
    show(S.say.tryPortal, {
      [S.say.signInLink]: reader.signInUrl,
      [S.say.adminApi]: `${brand.url}/api/openapi.json`,
    });
    // Staff accounts are made with the CLI, as an operator would on the node's machine.
    const heliosDir = join(root, 'helios');
    await operatorCli(heliosDir, [
      'staff',
      'add',
      '--email',
      'chris@helios.example',
      '--name',
      S.channelManager,
      '--role',
      'channel_manager',
      '--language',
      lang,
    ]);
    const link = JSON.parse(
      await operatorCli(heliosDir, ['staff', 'link', '--email', 'chris@helios.example', '--json']),
    ) as { url: string };
    // The CLI builds the link from the node's settings, whose port is 0 (the system picked
    // one when the node started), so the link's path goes on the running node's URL.
    const consoleLink = new URL(new URL(link.url).pathname, brand.url).href;
    show(S.say.tryConsole, { [S.say.consoleLink]: consoleLink });
    if (keepRunning) {
      console.log(S.say.keepRunning);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await stop();
  }
}

/** Runs a `partner-sync` command on a company's data directory; returns what it printed. */
async function operatorCli(dataDir: string, argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli([...argv, '--data', dataDir], {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    env: {},
  });
  if (code !== 0) throw new Error(`partner-sync ${argv.join(' ')} failed: ${err}`);
  return out;
}

/** The partner's copy of a list once it holds `version`. */
async function holds(company: Company, listId: string, version: number) {
  const list = await company.api('GET', `/price-lists/${listId}`);
  return list.versions.some((v: { version: number }) => v.version === version) ? list : undefined;
}

/** True when every price list message the brand sent is delivered (a delta needs the base). */
async function pushesDelivered(company: Company): Promise<boolean> {
  const { messages } = await company.api('GET', '/messages/out');
  const pushes = messages.filter((m: { kind: string }) => m.kind === 'pricelist.push');
  return pushes.length > 0 && pushes.every((m: { status: string }) => m.status === 'delivered');
}

async function orderIn(company: Company, orderId: string, status: string) {
  const order = await company.api('GET', `/orders/${orderId}`);
  return order.status === status ? order : undefined;
}

async function summaryRow(label: string, company: Company): Promise<string[]> {
  // Listings page at 50 by default; the price lists listing is never paged.
  const count = async (path: string, key: string, paged = true) =>
    String((await company.api('GET', paged ? `${path}?limit=500` : path))[key].length);
  const owned = await count('/leads', 'leads');
  const received = await count('/received-leads', 'leads');
  return [
    label,
    S.leadCounts(Number(owned), Number(received)),
    await count('/price-lists', 'lists', false),
    await count('/orders', 'orders'),
    await count('/warranty/claims', 'claims'),
    await count('/funds/claims', 'claims'),
    await count('/inventory/reports', 'reports'),
    await count('/messages/in', 'messages'),
    await count('/messages/out', 'messages'),
  ];
}

/** The installer has no node: what Helios's node holds of its portal work. */
async function installerRow(brand: Company, installer: number): Promise<string[]> {
  const { leads } = await brand.api('GET', '/leads');
  const offered = leads.filter((l: { offers?: { partnerId: number }[] }) =>
    (l.offers ?? []).some((o) => o.partnerId === installer),
  );
  const portalIn = (await brand.api('GET', '/messages/in?limit=500')).messages.filter(
    (m: { partnerId: number }) => m.partnerId === installer,
  );
  return [
    S.summaryRows.installer,
    S.leadCounts(null, offered.length),
    '1',
    '0',
    '0',
    '0',
    '0',
    String(portalIn.length),
    '-',
  ];
}

await main();
