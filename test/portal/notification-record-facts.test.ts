/**
 * What a notification names of the record a message is about, read from a real store: a warranty
 * decision's claim gives both the label and the currency, read once; an expense decision gives
 * its claim's currency only; a record the partner does not hold gives nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordFactsOf } from '../../node/portal/notifications.ts';
import type { Store, StoreTx } from '../../node/store/store.ts';
import { saveTestPartner } from '../support/partner-row.ts';
import { STORE_KINDS } from '../support/store-factories.ts';

const T0 = new Date('2027-03-01T09:00:00Z');

/** The transaction as it is, counting the claim reads that go through it. */
function countingClaimReads(tx: StoreTx): { tx: StoreTx; reads: () => number } {
  let reads = 0;
  const service = new Proxy(tx.service, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name !== 'findClaim') return value;
      return (...args: Parameters<typeof target.findClaim>) => {
        reads++;
        return target.findClaim(...args);
      };
    },
  });
  const counted = new Proxy(tx, {
    get: (target, name, receiver) =>
      name === 'service' ? service : Reflect.get(target, name, receiver),
  });
  return { tx: counted, reads: () => reads };
}

describe('portal › notification record facts', () => {
  const kind = STORE_KINDS.find((k) => k.name === 'sqlite')!;
  let store: Store;
  let dispose: () => Promise<void>;
  let partnerId: number;
  beforeEach(async () => {
    ({ store, dispose } = await kind.open());
    partnerId = (await saveTestPartner(store, 'https://p.example', { name: 'P GmbH' })).id;
    await store.transact((tx) =>
      tx.service.insertClaim({
        claimId: 'W1',
        partnerId,
        owner: 'partner',
        fields: {
          product: 'FW-100',
          serial: 'SN-42',
          purchaseDate: '2026-11-02',
          failureDate: '2027-02-20',
          failure: 'Power supply died.',
          claimedAmount: '149.90',
          currency: 'EUR',
          requestId: null,
        },
        version: 1,
        at: T0,
      }),
    );
  });
  afterEach(() => dispose());

  it('reads a warranty decision’s claim once for its label and currency', async () => {
    const body = { claimId: 'W1', claimVersion: 1, status: 'partial', approvedAmount: '100.00' };
    const facts = await store.read(async (tx) => {
      const counted = countingClaimReads(tx);
      const got = await recordFactsOf(counted.tx, partnerId, 'warranty.decision', body);
      return { got, reads: counted.reads() };
    });
    expect(facts).toEqual({ got: { label: 'FW-100 SN-42', currency: 'EUR' }, reads: 1 });
  });

  it('names a withdrawn claim without a currency, and nothing it does not hold', async () => {
    await store.read(async (tx) => {
      expect(
        await recordFactsOf(tx, partnerId, 'record.withdraw', {
          recordKind: 'warranty_claim',
          recordId: 'W1',
        }),
      ).toEqual({ label: 'FW-100 SN-42', currency: null });
      expect(
        await recordFactsOf(tx, partnerId + 1, 'warranty.decision', { claimId: 'W1' }),
      ).toEqual({ label: null, currency: null });
      expect(await recordFactsOf(tx, partnerId, 'expense.decision', { claimId: 'E9' })).toEqual({
        label: null,
        currency: null,
      });
    });
  });
});
