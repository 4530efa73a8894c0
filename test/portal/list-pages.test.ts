/**
 * The portal's lists a page at a time (keyset, newest first) with a status filter that runs in
 * the store's query: a partner with more leads (registrations, service requests, warranty
 * claims, orders, stock reports, fund allocations) than a page reaches the oldest by following "Next page", each once; the filter by where a lead stands for the partner fills its page however many
 * other leads are newer; an open offer whose time ran out counts as expired; another partner's
 * leads never show. The leads are written into the vendor's store directly (a page's worth of
 * offers through the federation would take minutes); the pages are read over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_PAGE_SIZE } from '../../node/portal/web/list-pager.tsx';
import type { OfferStatus } from '../../node/store/lead-store.ts';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { invitePortal, PortalClient, startVendor, type Invited } from './portal-fixture.ts';

const T0 = new Date('2027-03-01T09:00:00Z');
const HOUR = 3600_000;

describe('portal › list pages', () => {
  const clock = new ManualClock(new Date(T0.getTime() + 1000 * HOUR));
  let vendor: TestNode;
  let a: Invited;
  let b: Invited;
  let asA: PortalClient;
  let asB: PortalClient;

  /** A lead created `n` hours after T0, offered to `partnerId` with this status. */
  async function seedLead(n: number, partnerId: number, status: OfferStatus, expiresIn = 48) {
    const at = new Date(T0.getTime() + n * HOUR);
    const id = `L-${String(n).padStart(3, '0')}`;
    await vendor.deps.store.transact(async (tx) => {
      await tx.leads.insertLead({
        id,
        company: `Company ${n}`,
        contact: { name: 'Dana Weber' },
        region: 'EMEA',
        interest: ['router'],
        source: 'web form',
        version: 1,
        routing: null,
        offerHours: 48,
        createdAt: at,
        updatedAt: at,
        withdrawnAt: null,
        withdrawReason: null,
      });
      await tx.leads.insertOffer({
        leadId: id,
        partnerId,
        exclusive: false,
        status,
        offeredAt: at,
        expiresAt: new Date(at.getTime() + expiresIn * HOUR),
        offerMessageId: `m-${id}`,
        acceptedAt: status === 'accepted' ? at : null,
        declinedAt: status === 'declined' ? at : null,
        declineReason: status === 'declined' ? 'no_capacity' : null,
        declineComment: null,
        closedAt: null,
        recallReason: null,
        progress: {
          stage: null,
          amount: null,
          amountCurrency: null,
          note: null,
          lastActivityAt: null,
          version: 0,
        },
        progressAt: null,
      });
    });
    return id;
  }

  const leadsOn = (text: string) => [...text.matchAll(/data-lead="([^"]+)"/g)].map((m) => m[1]!);
  /** The records a list page links to, by their path below /portal. */
  const linkedOn = (text: string, path: string) =>
    [...text.matchAll(new RegExp(`href="/portal${path}/([^"/?]+)"`, 'g'))]
      .map((m) => decodeURIComponent(m[1]!))
      .filter((id) => id !== 'new');
  const nextOn = (text: string) =>
    /<a href="([^"]+)" rel="next">/.exec(text)?.[1]?.replaceAll('&amp;', '&') ?? null;

  /** Every lead of a list, following its next-page links; the pages' sizes. */
  async function walk(client: PortalClient, path: string, ids_ = leadsOn) {
    const ids: string[] = [];
    const sizes: number[] = [];
    for (let next: string | null = path; next !== null;) {
      const page = await client.get(next);
      expect(page.status).toBe(200);
      const shown = ids_(page.text);
      ids.push(...shown);
      sizes.push(shown.length);
      next = nextOn(page.text);
    }
    return { ids, sizes };
  }

  beforeAll(async () => {
    vendor = await startVendor({ clock });
    a = await invitePortal(vendor, 'Alpha Partner');
    b = await invitePortal(vendor, 'Bravo Partner');
    asA = new PortalClient(vendor.url);
    asB = new PortalClient(vendor.url);
    await asA.signIn(a.signInUrl);
    await asB.signIn(b.signInUrl);
    // Alpha: the oldest three accepted, one open past its time, then a page and more of open ones
    // (still open at the clock's time); Bravo: one lead of its own.
    for (const n of [1, 2, 3]) await seedLead(n, a.partnerId, 'accepted');
    await seedLead(4, a.partnerId, 'open', 1);
    for (let n = 10; n < 10 + PORTAL_PAGE_SIZE + 5; n++) {
      await seedLead(n, a.partnerId, 'open', 5000);
    }
    await seedLead(500, b.partnerId, 'open', 5000);
    // Alpha's registrations (the oldest two approved), service requests and warranty claims.
    await vendor.deps.store.transact(async (tx) => {
      for (let n = 1; n <= PORTAL_PAGE_SIZE + 3; n++) {
        const at = new Date(T0.getTime() + n * HOUR);
        const deal = await tx.deals.insert({
          role: 'vendor',
          partnerId: a.partnerId,
          dealId: `D-${n}`,
          version: 1,
          fields: {
            endCustomer: { name: `Customer ${n}`, country: 'DE', domain: null },
            products: ['FW-100'],
            estimatedValue: '1000.00',
            currency: 'EUR',
            expectedCloseDate: '2027-06-30',
            notes: null,
          },
          status: n <= 2 ? 'rejected' : 'submitted',
          at,
        });
        expect(deal.id).toBeGreaterThan(0);
        await tx.service.insertRequest({
          requestId: `R-${n}`,
          partnerId: a.partnerId,
          owner: 'partner',
          fields: {
            category: 'technical',
            subject: `Request ${n}`,
            description: 'Broken.',
            priority: 'normal',
            product: null,
            serial: null,
            dueAt: null,
          },
          version: 1,
          at,
        });
        await tx.orders.insertOrder({
          orderId: `O-${n}`,
          partnerId: a.partnerId,
          direction: 'incoming',
          fields: {
            type: 'standard',
            priceListId: 'eu',
            priceListVersion: 1,
            currency: 'EUR',
            lines: [{ line: 1, sku: 'FW-100', qty: '1', unitPrice: '10.00' }],
            shipTo: null,
            endCustomer: null,
            soldAt: null,
            note: null,
          },
          total: '10.00',
          orderedAt: at,
          placeMessageId: null,
          at,
        });
        await tx.inventory.insertReport({
          role: 'supplier',
          partnerId: a.partnerId,
          fields: {
            reportId: `S-${n}`,
            location: `Store ${n}`,
            periodStart: '2027-02-01',
            periodEnd: '2027-02-28',
            lines: [],
            note: null,
          },
          contentHash: `h-${n}`,
          messageId: null,
          jws: null,
          at,
        });
        await tx.service.insertClaim({
          claimId: `W-${n}`,
          partnerId: a.partnerId,
          owner: 'partner',
          fields: {
            product: 'FW-100',
            serial: `SN-${n}`,
            purchaseDate: '2026-11-02',
            failureDate: '2027-02-20',
            failure: 'Power supply died.',
            claimedAmount: '149.90',
            currency: 'EUR',
            requestId: null,
          },
          version: 1,
          at,
        });
      }
    });
  }, 60_000);
  afterAll(async () => {
    await vendor.stop();
    await removeTestDirs();
  });

  it('pages a partner’s leads newest first to the oldest, each once', async () => {
    const { ids, sizes } = await walk(asA, '/portal/leads');
    expect(sizes).toEqual([PORTAL_PAGE_SIZE, 9]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe(`L-0${10 + PORTAL_PAGE_SIZE + 4}`);
    expect(ids.slice(-4)).toEqual(['L-004', 'L-003', 'L-002', 'L-001']);
    expect(ids).not.toContain('L-500');
    expect((await walk(asB, '/portal/leads')).ids).toEqual(['L-500']);
  });

  it('filters by where a lead stands for the partner, in the query', async () => {
    const accepted = await walk(asA, '/portal/leads?status=accepted');
    expect(accepted).toEqual({ ids: ['L-003', 'L-002', 'L-001'], sizes: [3] });
    // An open offer whose time ran out is expired, before the expiry job marks it.
    expect((await walk(asA, '/portal/leads?status=expired')).ids).toEqual(['L-004']);
    const open = await walk(asA, '/portal/leads?status=open');
    expect(open.sizes).toEqual([PORTAL_PAGE_SIZE, 5]);
    expect(open.ids).not.toContain('L-004');
    expect((await walk(asA, '/portal/leads?status=declined')).ids).toEqual([]);
    // The filter keeps its choice in the form and in the next page's link.
    const first = await asA.get('/portal/leads?status=open');
    expect(first.text).toMatch(/<option value="open" selected/);
    expect(nextOn(first.text)).toMatch(/^\/portal\/leads\?status=open&after=/);
    // An unknown status shows every lead.
    expect((await walk(asA, '/portal/leads?status=nonsense')).ids).toHaveLength(59);
  });

  it('pages registrations, service requests, warranty claims and orders to the oldest', async () => {
    const all = Array.from({ length: PORTAL_PAGE_SIZE + 3 }, (_, i) => PORTAL_PAGE_SIZE + 3 - i);
    for (const [path, prefix] of [
      ['/deals', 'D-'],
      ['/requests', 'R-'],
      ['/claims', 'W-'],
      ['/orders', 'O-'],
    ] as const) {
      const { ids, sizes } = await walk(asA, `/portal${path}`, (text) => linkedOn(text, path));
      expect(sizes, path).toEqual([PORTAL_PAGE_SIZE, 3]);
      expect(ids, path).toEqual(all.map((n) => `${prefix}${n}`));
      expect((await walk(asB, `/portal${path}`, (text) => linkedOn(text, path))).ids).toEqual([]);
    }
    // Registrations by status, in the query: the two oldest are the only rejected ones.
    const rejected = await walk(asA, '/portal/deals?status=rejected', (text) =>
      linkedOn(text, '/deals'),
    );
    expect(rejected).toEqual({ ids: ['D-2', 'D-1'], sizes: [2] });
  });

  it('pages the stock reports apart from the proposals on the same page', async () => {
    const { ids, sizes } = await walk(asA, '/portal/stock', (text) =>
      linkedOn(text, '/stock/reports'),
    );
    expect(sizes).toEqual([PORTAL_PAGE_SIZE, 3]);
    expect(ids.at(-1)).toBe('S-1');
    expect(new Set(ids).size).toBe(PORTAL_PAGE_SIZE + 3);
    const first = await asA.get('/portal/stock');
    expect(nextOn(first.text)).toMatch(/^\/portal\/stock\?reportsAfter=\d+$/);
  });

  it('pages fund allocations, while the balance counts them all', async () => {
    await vendor.deps.store.transact(async (tx) => {
      for (let n = 1; n <= PORTAL_PAGE_SIZE + 3; n++) {
        await tx.funds.insertAllocation({
          allocationId: `F-${n}`,
          partnerId: a.partnerId,
          owner: 'self',
          fields: {
            amount: '100.00',
            currency: 'EUR',
            validFrom: null,
            validTo: '2027-12-31',
            claimDeadline: '2028-01-31',
            activities: ['events'],
            note: null,
          },
          version: 1,
          at: new Date(T0.getTime() + n * HOUR),
        });
      }
    });
    const { ids, sizes } = await walk(asA, '/portal/funds', (text) => linkedOn(text, '/funds'));
    expect(sizes).toEqual([PORTAL_PAGE_SIZE, 3]);
    expect(ids.at(-1)).toBe('F-1');
    expect(new Set(ids).size).toBe(PORTAL_PAGE_SIZE + 3);
    const first = await asA.get('/portal/funds');
    expect(nextOn(first.text)).toMatch(/^\/portal\/funds\?allocationsAfter=\d+$/);
    expect(first.text).toContain(
      `€${(PORTAL_PAGE_SIZE + 3) * 100}.00`.replace(/(\d)(\d{3})\./, '$1,$2.'),
    );
  });

  // Last: it adds a hundred leads the other tests do not count.
  it('shows on the home page the leads that wait or are worked, behind a hundred newer', async () => {
    for (let n = 600; n < 701; n++) await seedLead(n, a.partnerId, 'declined');
    const home = await asA.get('/portal/home');
    expect(home.status).toBe(200);
    // The three accepted leads are older than every other lead of Alpha's.
    expect(home.text).toContain('3 accepted leads: ');
    // The waiting ones are there too, though 101 declined ones are newer.
    expect(home.text).toContain('href="/portal/leads/L-064"');
  });
});
