/**
 * The leads domain sends through the kernel like every other domain: an outgoing body that fails
 * its schema is a 400 naming the field (it used to be a 500), and nothing is queued.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDefaultSchemaRegistry } from '../../protocol/index.ts';
import { AppError } from '../../node/errors.ts';
import { enqueueLeadMessage } from '../../node/leads/lead-tx.ts';
import { createSqliteStore } from '../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../node/store/store.ts';
import type { Partner } from '../../node/store/types.ts';
import { saveTestPartner } from '../support/partner-row.ts';

let dir: string;
let store: Store;
let partner: Partner;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lead-tx-'));
  store = createSqliteStore(join(dir, 'db.sqlite'));
  partner = await saveTestPartner(store, 'https://reseller.example');
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('lead-tx', () => {
  it('refuses an outgoing lead.offer that fails its schema with a 400 naming the field', async () => {
    const offer = {
      lead: {
        id: 'L-1',
        company: 'Acme',
        contact: { name: 'Ann', email: 'not an address' },
        region: 'DE',
        interest: ['routers'],
        source: 'web',
      },
      exclusive: true,
      offerExpiresAt: '2027-01-01T00:00:00Z',
      version: 1,
    };
    const error = await store
      .transact((tx) =>
        enqueueLeadMessage(
          {
            tx,
            now: new Date(),
            self: 'https://vendor.example',
            schemas: getDefaultSchemaRegistry(),
          },
          partner,
          'lead.offer',
          offer,
        ),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_field', field: 'contact.email' });
    const queued = await store.read((tx) =>
      tx.outbox.list({ partnerId: partner.id }, { limit: 10 }),
    );
    expect(queued).toEqual([]);
  });
});
