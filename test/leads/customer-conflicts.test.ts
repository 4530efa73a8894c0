/** LeadRepo.findCustomerConflicts against a real SQLite store: what deal registration relies on. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerDomainOf } from '../../node/records/customer-keys.ts';
import { emptyProgress } from '../../node/leads/offer-flow.ts';
import { normalizeCompanyName } from '../../node/records/normalize-customer.ts';
import type { LeadCore, OfferStatus } from '../../node/store/lead-store.ts';
import { createSqliteStore } from '../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../node/store/store.ts';

const at = new Date('2027-01-01T00:00:00Z');
let dir: string;
let store: Store;

async function lead(
  core: Omit<LeadCore, 'region' | 'source' | 'contact'> & { email?: string },
  offers: Array<[partnerId: number, status: OfferStatus]>,
  withdrawn = false,
) {
  const { email, ...rest } = core;
  await store.transact(async (tx) => {
    await tx.leads.insertLead({
      ...rest,
      contact: { name: 'Contact', ...(email && { email }) },
      region: 'EMEA',
      source: 'test',
      version: 1,
      routing: null,
      offerHours: null,
      createdAt: at,
      updatedAt: at,
      withdrawnAt: withdrawn ? at : null,
      withdrawReason: withdrawn ? 'test' : null,
    });
    for (const [partnerId, status] of offers) {
      await tx.leads.insertOffer({
        leadId: core.id,
        partnerId,
        exclusive: false,
        status,
        offeredAt: at,
        expiresAt: at,
        offerMessageId: `${core.id}-${partnerId}`,
        acceptedAt: null,
        declinedAt: null,
        declineReason: null,
        declineComment: null,
        closedAt: null,
        recallReason: null,
        progress: emptyProgress(),
        progressAt: null,
      });
    }
  });
}

const find = (input: {
  domain: string | null;
  normalizedName: string;
  products: string[];
  exceptPartnerId: number;
}) => store.read((tx) => tx.leads.findCustomerConflicts(input));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ps-lead-conflicts-'));
  store = createSqliteStore(join(dir, 'node.db'));
  await lead(
    { id: 'A', company: 'Acme GmbH', domain: 'acme.example', interest: ['Router-X', 'switch'] },
    [
      [1, 'open'],
      [2, 'accepted'],
      [6, 'expired'],
    ],
  );
  await lead(
    { id: 'B', company: 'Globex AG', email: 'dana@Globex.example', interest: ['router-x'] },
    [
      [1, 'declined'],
      [3, 'open'],
    ],
  );
  await lead({ id: 'C', company: 'ACME', email: 'acme.buyer@gmail.com', interest: ['firewall'] }, [
    [2, 'open'],
  ]);
  await lead(
    { id: 'D', company: 'Initech', domain: 'initech.example', interest: ['router-x'] },
    [[4, 'accepted']],
    true,
  );
  await lead({ id: 'E', company: 'The Company Ltd.', interest: ['router-x'] }, [[5, 'open']]);
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('leads › findCustomerConflicts', () => {
  it('finds live offers to other partners for the same domain and a product in common', async () => {
    const acme = { domain: 'acme.example', normalizedName: 'acme', products: [' ROUTER-x'] };
    expect(await find({ ...acme, exceptPartnerId: 1 })).toEqual([{ leadId: 'A', partnerId: 2 }]);
    expect(await find({ ...acme, exceptPartnerId: 2 })).toEqual([{ leadId: 'A', partnerId: 1 }]);
    expect(await find({ ...acme, exceptPartnerId: 9 })).toEqual([
      { leadId: 'A', partnerId: 1 },
      { leadId: 'A', partnerId: 2 },
    ]);
  });

  it('matches by normalized company name when the domains differ or are unknown', async () => {
    const byName = {
      domain: null,
      normalizedName: normalizeCompanyName('ACME gmbh.'),
      products: ['firewall'],
      exceptPartnerId: 9,
    };
    expect(await find(byName)).toEqual([{ leadId: 'C', partnerId: 2 }]);
    expect(await find({ ...byName, domain: 'other.example', products: ['switch'] })).toEqual([
      { leadId: 'A', partnerId: 1 },
      { leadId: 'A', partnerId: 2 },
    ]);
  });

  it("uses the contact's e-mail domain, but never a free-mail provider's", async () => {
    const globex = { normalizedName: 'nothing alike', products: ['router-x'], exceptPartnerId: 9 };
    expect(await find({ ...globex, domain: 'https://www.globex.example/contact' })).toEqual([
      { leadId: 'B', partnerId: 3 },
    ]);
    expect(await find({ ...globex, domain: 'gmail.com', products: ['firewall'] })).toEqual([]);
    expect(customerDomainOf({ contact: { name: 'x', email: 'a@gmail.com' } })).toBeNull();
    expect(customerDomainOf({ domain: 'WWW.Acme.example', contact: { name: 'x' } })).toBe(
      'acme.example',
    );
  });

  it('leaves out declined, expired and withdrawn offers, and leads without a product in common', async () => {
    expect(
      await find({
        domain: 'initech.example',
        normalizedName: 'initech',
        products: ['router-x'],
        exceptPartnerId: 9,
      }),
    ).toEqual([]);
    expect(
      await find({
        domain: 'acme.example',
        normalizedName: 'acme',
        products: ['printer'],
        exceptPartnerId: 9,
      }),
    ).toEqual([]);
    expect(
      await find({
        domain: 'acme.example',
        normalizedName: 'acme',
        products: [],
        exceptPartnerId: 9,
      }),
    ).toEqual([]);
  });

  it('never matches on an empty normalized name', async () => {
    expect(normalizeCompanyName('The Company Ltd.')).toBe('');
    expect(
      await find({ domain: null, normalizedName: '', products: ['router-x'], exceptPartnerId: 9 }),
    ).toEqual([]);
  });
});
