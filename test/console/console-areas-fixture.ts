/**
 * Real nodes for the console's catalog, funds, inventory, messages and settings pages: a
 * supplier with two resellers (its EU price list pushed to both), staff of each role on the
 * supplier and on alpha, a marketing fund claim filed by alpha with the supplier, a
 * replenishment proposal from the supplier waiting for alpha's decision, and a dead letter.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { issueStaffLink } from '../../node/staff/sign-in-links.ts';
import { atVendor, register, type DealNodes } from '../deals/deal-nodes.ts';
import { call, settle } from '../funds/fund-nodes.ts';
import { orderOn } from '../orders/order-nodes.ts';
import {
  proposalOn,
  report,
  reportAtSupplier,
  startVmiNodes,
  type VmiNodes,
} from '../inventory/vmi-nodes.ts';
import { runCliOn } from '../support/run-cli.ts';
import { eventually, type TestNode } from '../support/test-node.ts';

export const SUPPLIER_STAFF = [
  ['olga@supplier.example', 'Olga Owner', 'owner'],
  ['odin@supplier.example', 'Odin Orders', 'order_desk'],
  ['fina@supplier.example', 'Fina Finance', 'finance'],
  ['cara@supplier.example', 'Cara Channel', 'channel_manager'],
  ['vic@supplier.example', 'Vic Viewer', 'viewer'],
] as const;

export const ALPHA_STAFF = [
  ['ada@alpha.example', 'Ada Desk', 'order_desk'],
  ['val@alpha.example', 'Val Viewer', 'viewer'],
] as const;

export interface AreaRecords {
  /** The supplier's EU price list (row id). */
  priceList: number;
  /** Alpha's claim as the supplier holds it (row id). */
  claim: number;
  /** The supplier's proposal as alpha holds it (row id). */
  proposal: number;
  /** A dead letter on the supplier, to beta. */
  deadLetter: string;
}

export async function startAreaNodes(): Promise<{ n: VmiNodes; records: AreaRecords }> {
  const n = await startVmiNodes();
  for (const [node, staff] of [
    [n.supplier, SUPPLIER_STAFF],
    [n.alpha, ALPHA_STAFF],
  ] as const) {
    for (const [email, name, role] of staff) {
      const added = await runCliOn(node, [
        'staff',
        'add',
        '--email',
        email,
        '--name',
        name,
        '--role',
        role,
      ]);
      expect(added.code, added.err).toBe(0);
    }
  }

  const priceList = (await call(n.supplier, 'GET', '/price-lists/eu')).id as number;

  const allocation = await call(n.supplier, 'POST', '/funds/allocations', {
    partner: n.ids.alphaOnSupplier,
    amount: '5000.00',
    currency: 'EUR',
    validFrom: '2027-01-01',
    validTo: '2027-06-30',
    claimDeadline: '2027-07-31',
    activities: ['trade_show'],
  });
  await settle(n.supplier);
  const filed = await call(n.alpha, 'POST', '/funds/claims', {
    allocation: allocation.allocationId,
    invoiceNumber: 'INV-1',
    invoiceDate: '2027-01-15',
    activity: 'trade_show',
    lines: [{ description: 'Booth', amount: '1000.00' }],
    total: '1000.00',
    proof: [{ sha256: 'a'.repeat(64), name: 'invoice.pdf', size: 1200 }],
  });
  await settle(n.alpha);
  const claim = (await call(n.supplier, 'GET', `/funds/claims/${filed.claimId}`)).id as number;

  const setting = await n.supplier.api('PUT', '/inventory/settings', {
    partner: n.ids.alphaOnSupplier,
    sku: 'CAB-5',
    policy: 'min_max',
    min: '50',
    max: '200',
    leadTimeDays: 3,
  });
  expect(setting.status, JSON.stringify(setting.body)).toBe(200);
  await report(n.alpha, n.ids.supplierOnAlpha, {
    reportId: 'alpha-berlin-w1',
    location: 'Berlin',
    periodStart: '2027-01-11',
    periodEnd: '2027-01-17',
    lines: [{ sku: 'CAB-5', onHand: '40', sold: '80', onOrder: '0' }],
  });
  await reportAtSupplier(n, 'alpha-berlin-w1');
  const sent = await call(
    n.supplier,
    'POST',
    '/inventory/proposals',
    { partner: n.ids.alphaOnSupplier, location: 'Berlin' },
    201,
  );
  const proposal = (await proposalOn(n.alpha, sent.proposalId, 'partner')).id as number;

  const deadLetter = 'dead-to-beta-1';
  await addDeadLetter(n.supplier, n.ids.betaOnSupplier, deadLetter);
  return { n, records: { priceList, claim, proposal, deadLetter } };
}

/** The records of the resellers' daily work with the supplier (numbers on the supplier). */
export interface PartnerWork {
  /** Alpha's registration of ACME, waiting for a decision, and its number on alpha. */
  waitingDeal: number;
  alphaDealOnAlpha: number;
  /** Beta's registration of the same customer, answered `conflict` at once. */
  clashingDeal: number;
  betaDealOnBeta: number;
  /** Alpha's service request (wire id and the supplier's number). */
  requestId: string;
  requestRow: number;
  /** Alpha's order of three lines, acknowledged and waiting for the supplier's answer. */
  orderId: string;
  orderRow: number;
  /** The supplier's product catalog (row id). */
  catalog: number;
}

/**
 * Adds to the area nodes what the resellers send the supplier (two clashing registrations, a
 * service request, an order) and a product catalog: the records of the deals, service and
 * orders pages. Apart from startAreaNodes, whose tests count the other areas' records.
 */
export async function addPartnerWork(n: VmiNodes): Promise<PartnerWork> {
  const first = await register(n.alpha, n.ids.supplierOnAlpha);
  const second = await register(n.beta, n.ids.supplierOnBeta);
  // atVendor reads only the vendor's node: here the supplier is the vendor.
  const deals = { vendor: n.supplier } as Pick<DealNodes, 'vendor'> as DealNodes;
  const waiting = await atVendor(deals, first.dealId);
  const clashing = await atVendor(deals, second.dealId);
  expect(clashing.status).toBe('conflict');

  const opened = await call(
    n.alpha,
    'POST',
    '/service/requests',
    {
      partner: n.ids.supplierOnAlpha,
      category: 'technical',
      subject: 'Switch drops VLANs',
      description: 'Since the last firmware.',
      priority: 'high',
    },
    201,
  );
  await settle(n.alpha);
  const request = await eventually(async () => {
    const res = await n.supplier.api('GET', `/service/requests/${opened.requestId}`);
    return res.status === 200 ? res.body : undefined;
  });

  const placed = await n.alpha.api('POST', '/orders', {
    seller: n.ids.supplierOnAlpha,
    type: 'standard',
    lines: [
      { sku: 'SW-48', qty: '2' },
      { sku: 'CAB-5', qty: '100' },
      { sku: 'AP-6', qty: '4' },
    ],
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const order = await orderOn(n.supplier, placed.body.orderId, (o) => o.status === 'acknowledged');

  await call(n.supplier, 'POST', '/catalogs', { id: 'main', name: 'Products' }, 201);
  await call(
    n.supplier,
    'POST',
    '/catalogs/main/versions',
    { products: [{ sku: 'SW-48', name: 'Switch 48 ports', uom: 'EA' }] },
    201,
  );
  const catalog = (await call(n.supplier, 'GET', '/catalogs/main')).id as number;

  return {
    waitingDeal: waiting.id,
    alphaDealOnAlpha: first.id,
    clashingDeal: clashing.id,
    betaDealOnBeta: second.id,
    requestId: opened.requestId,
    requestRow: request.id,
    orderId: placed.body.orderId,
    orderRow: order.id,
    catalog,
  };
}

/** A message the outbox gave up on (as after a partner's permanent refusal). */
export async function addDeadLetter(node: TestNode, partnerId: number, messageId: string) {
  const partner = await node.deps.store.read((tx) => tx.partners.getById(partnerId));
  await node.deps.store.transact(async (tx) => {
    const [row] = await tx.outbox.enqueue(
      [
        {
          messageId,
          partnerId,
          toNodeId: partner!.nodeId,
          kind: 'partner.update',
          body: { name: 'Supplier' },
        },
      ],
      node.deps.clock.now(),
    );
    await tx.outbox.markDead(row!.seq, {
      code: 'rejected',
      detail: 'refused for good',
      at: node.deps.clock.now(),
      rejected: true,
    });
  });
}

/** Signs `email` in on `node` through a one-time link, in a fresh browser context. */
export async function signInOn(
  browser: Browser,
  contexts: BrowserContext[],
  node: TestNode,
  email: string,
  options: object = {},
): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const { url } = await issueStaffLink(node.deps, email, CLI_ACTOR);
  await page.goto(url);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${node.url}/console/today`);
  return page;
}
