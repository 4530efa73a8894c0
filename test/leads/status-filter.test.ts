/**
 * The owned leads list filters by derived status in the query, with keyset pages: a new lead
 * older than a hundred others is still on the first page of new leads (and on Today's count of
 * leads waiting for routing), every status the query picks is the status the lead shows, and
 * paging by nextCursor visits each lead once. Runs on PostgreSQL too
 * (PARTNER_SYNC_TEST_STORE=postgres).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNED_LEAD_STATUSES } from '../../node/leads/lead-status.ts';
import { emptyProgress } from '../../node/leads/offer-flow.ts';
import type { LeadOffer, OwnedLead } from '../../node/store/lead-store.ts';
import { consoleSession } from '../support/console-session.ts';
import { saveTestPartner } from '../support/partner-row.ts';
import { runCliOn } from '../support/run-cli.ts';
import {
  createTestNode,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../support/test-node.ts';

// Today's date: the console's sign-in link is made by the CLI, on the real clock.
const START = new Date();
/** Leads offered after the one new lead: more than a page of 100. */
const NEWER_OFFERED = 130;

type OfferShape = Pick<LeadOffer, 'status'> & { stage?: 'won' | 'lost' };

/** One lead of each status besides the many offered ones, with the offers that make it so. */
const SHAPES: Record<string, { offers: OfferShape[]; withdrawn?: true }> = {
  'L-WON': { offers: [{ status: 'accepted', stage: 'won' }] },
  'L-ACCEPTED': { offers: [{ status: 'accepted' }, { status: 'declined' }] },
  'L-LOST': { offers: [{ status: 'accepted', stage: 'lost' }] },
  'L-UNASSIGNED': { offers: [{ status: 'declined' }, { status: 'expired' }] },
  'L-OFFERED-AFTER-LOSS': { offers: [{ status: 'accepted', stage: 'lost' }, { status: 'open' }] },
  'L-WITHDRAWN': { offers: [], withdrawn: true },
  'L-NEW-2': { offers: [] },
};

describe('leads › status filter in the query, keyset pages', () => {
  let node: TestNode;
  /** Two partners: a lead is offered to each at most once. */
  const partners: number[] = [];

  async function seedLead(id: string, at: Date, shape: (typeof SHAPES)[string]) {
    const lead: OwnedLead = {
      id,
      company: `Company ${id}`,
      contact: { name: 'Ann' },
      region: 'DE',
      interest: ['routers'],
      source: 'web',
      version: 1,
      routing: null,
      offerHours: null,
      createdAt: at,
      updatedAt: at,
      withdrawnAt: null,
      withdrawReason: null,
    };
    await node.deps.store.transact(async (tx) => {
      await tx.leads.insertLead(lead);
      for (const [i, o] of shape.offers.entries()) {
        await tx.leads.insertOffer({
          leadId: id,
          partnerId: partners[i]!,
          exclusive: false,
          status: o.status,
          offeredAt: at,
          expiresAt: new Date(at.getTime() + 72 * 3_600_000),
          offerMessageId: `msg-${id}-${i}`,
          acceptedAt: o.status === 'accepted' ? at : null,
          declinedAt: o.status === 'declined' ? at : null,
          declineReason: o.status === 'declined' ? 'no_capacity' : null,
          declineComment: null,
          closedAt: null,
          recallReason: null,
          progress: { ...emptyProgress(), stage: o.stage ?? null },
          progressAt: null,
        });
      }
      if (shape.withdrawn) await tx.leads.markLeadWithdrawn(id, 'duplicate', at);
    });
  }

  /** Every lead of a filter, following nextCursor; ids in the order the pages gave them. */
  async function allPages(query: string, limit: number) {
    const ids: string[] = [];
    const statuses = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    do {
      const cursor: string = after === null ? '' : `&after=${after}`;
      const res = await node.api('GET', `/leads?${query}&limit=${limit}${cursor}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.leads.length).toBeLessThanOrEqual(limit);
      for (const l of res.body.leads) {
        ids.push(l.lead.id);
        statuses.add(l.status);
      }
      after = res.body.nextCursor;
      pages++;
    } while (after !== null && pages < 50);
    return { ids, statuses, pages };
  }

  beforeAll(async () => {
    node = await createTestNode({ name: 'leads-status', clock: new ManualClock(START) });
    for (const url of ['https://alpha.example', 'https://beta.example']) {
      partners.push((await saveTestPartner(node.deps.store, url)).id);
    }
    let minute = 0;
    const next = () => new Date(START.getTime() - 24 * 3_600_000 + minute++ * 60_000);
    // The oldest lead is new; a hundred and thirty newer ones are offered; then one of each.
    await seedLead('L-NEW-OLDEST', next(), { offers: [] });
    for (let i = 0; i < NEWER_OFFERED; i++) {
      await seedLead(`L-OFFERED-${String(i).padStart(3, '0')}`, next(), {
        offers: [{ status: 'open' }],
      });
    }
    for (const [id, shape] of Object.entries(SHAPES)) await seedLead(id, next(), shape);
    const added = await runCliOn(node, [
      'staff',
      'add',
      '--email',
      'cara@vendor.example',
      '--name',
      'Cara Channel',
      '--role',
      'channel_manager',
    ]);
    expect(added.code, added.err).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await node?.stop();
    await removeTestDirs();
  });

  it('finds a new lead older than a hundred others, on the first page', async () => {
    const res = await node.api('GET', '/leads?status=new&limit=100');
    expect(res.status).toBe(200);
    expect(res.body.leads.map((l: { lead: { id: string } }) => l.lead.id)).toEqual([
      'L-NEW-2',
      'L-NEW-OLDEST',
    ]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('picks in the query exactly the leads that show each status', async () => {
    const everything = await allPages('', 40);
    expect(everything.ids).toHaveLength(1 + NEWER_OFFERED + Object.keys(SHAPES).length);
    const shown = new Map<string, string[]>();
    for (let after: string | null = null, first = true; first || after !== null; first = false) {
      const res: { body: { leads: any[]; nextCursor: string | null } } = await node.api(
        'GET',
        `/leads?limit=500${after ? `&after=${after}` : ''}`,
      );
      for (const l of res.body.leads)
        shown.set(l.status, [...(shown.get(l.status) ?? []), l.lead.id]);
      after = res.body.nextCursor;
    }
    for (const status of OWNED_LEAD_STATUSES) {
      const filtered = await allPages(`status=${status}`, 25);
      expect(filtered.ids, status).toEqual(shown.get(status) ?? []);
      expect(
        [...filtered.statuses].filter((s) => s !== status),
        status,
      ).toEqual([]);
    }
    expect(shown.get('offered')).toHaveLength(NEWER_OFFERED + 1);
    expect(shown.get('won')).toEqual(['L-WON']);
    expect(shown.get('lost')).toEqual(['L-LOST']);
    expect(shown.get('unassigned')).toEqual(['L-UNASSIGNED']);
    expect(shown.get('withdrawn')).toEqual(['L-WITHDRAWN']);
  });

  it('pages by cursor newest first, each lead once, full pages until the last', async () => {
    const { ids, pages } = await allPages('status=offered', 50);
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('L-OFFERED-AFTER-LOSS');
    expect(ids.at(-1)).toBe('L-OFFERED-000');
    const bad = await node.api('GET', '/leads?status=new&after=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_field', field: 'after' });
    const both = await node.api('GET', '/leads?status=new&after=W10&offset=5');
    expect(both.body.error).toMatchObject({ code: 'invalid_field', field: 'after' });
  });

  it("counts both new leads on Today and lists them on the console's new leads page", async () => {
    const { cookie } = await consoleSession(node, 'cara@vendor.example');
    const get = async (path: string) => {
      const res = await fetch(`${node.url}/console${path}`, { headers: { cookie } });
      expect(res.status, path).toBe(200);
      return res.text();
    };
    const today = await get('/today');
    expect(today).toMatch(/id="today-leads-routing"[\s\S]*?data-count="2"/);
    const newLeads = await get('/leads?status=new');
    expect(newLeads).toContain('Company L-NEW-OLDEST');
    expect(newLeads).toContain('Company L-NEW-2');
    // The offered leads page by the API's cursor: the next page holds the following leads.
    const offered = await get('/leads?status=offered');
    const nextHref = /href="([^"]*after=[^"]+)"/.exec(offered)?.[1]?.replaceAll('&amp;', '&');
    expect(nextHref).toBeDefined();
    const second = await get(nextHref!.replace(/^\/console/, ''));
    expect(second).toContain('Company L-OFFERED-');
    expect(second).not.toContain('Company L-OFFERED-AFTER-LOSS');
  });
});
