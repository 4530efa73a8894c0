/**
 * A forged message (a known partner and key, a signature that does not verify) is refused before
 * the node does any database or schema work: the partner and its keys come from the store's
 * cache, and neither a unit of work, a read, nor a body schema runs for it. A flood of them then
 * costs the node its HTTP handling and one verification each, nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPair, postToInbox, signedFrom } from '../support/federation.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

let vendor: TestNode;
let reseller: TestNode;

beforeAll(async () => {
  vendor = await createTestNode({ name: 'vendor' });
  reseller = await createTestNode({ name: 'reseller' });
  await connectPair(vendor, reseller);
});

afterAll(async () => {
  await Promise.all([vendor.stop(), reseller.stop()]);
  await removeTestDirs();
});

/**
 * Counts the vendor's store units, reads and schema checks the inbox pipeline makes (its function
 * is on the call's async stack): the outbox worker and jobs use the store on their own meanwhile.
 */
function watchVendor() {
  const counts = { transact: 0, read: 0, schema: 0 };
  const count = (what: keyof typeof counts) => {
    if (new Error().stack?.includes('processInbound')) counts[what]++;
  };
  const { store, schemas } = vendor.deps;
  const transact = store.transact.bind(store);
  const read = store.read.bind(store);
  const validateBody = schemas.validateBody.bind(schemas);
  store.transact = (fn) => {
    count('transact');
    return transact(fn);
  };
  store.read = (fn) => {
    count('read');
    return read(fn);
  };
  schemas.validateBody = (kind, body) => {
    count('schema');
    return validateBody(kind, body);
  };
  const restore = () => {
    store.transact = transact;
    store.read = read;
    schemas.validateBody = validateBody;
  };
  return { counts, restore };
}

/** The signature of `jws` replaced by 64 bytes whose S is below the group order (a real forgery). */
function forge(jws: string): string {
  const [h, p] = jws.split('.') as [string, string, string];
  const signature = Buffer.alloc(64, 7);
  return `${h}.${p}.${signature.toString('base64url')}`;
}

describe('inbox › forged messages', () => {
  it('refuses a forged message before any database or schema work', async () => {
    // A legitimate message first, so the partner is in the store's cache as a flood would find it.
    const first = await signedFrom(reseller, vendor, 'partner.update', { name: 'Reseller' });
    const accepted = await postToInbox(vendor, [first.jws]);
    expect(accepted.body.results[0]).toMatchObject({ status: 'accepted' });

    const watch = watchVendor();
    try {
      for (let i = 0; i < 5; i++) {
        const { jws } = await signedFrom(reseller, vendor, 'partner.update', { name: `F${i}` });
        const res = await postToInbox(vendor, [forge(jws)]);
        expect(res.status).toBe(200);
        expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'bad_signature' });
      }
      expect(watch.counts).toEqual({ transact: 0, read: 0, schema: 0 });
    } finally {
      watch.restore();
    }

    // The counters see the work a legitimate message does, so their zeros above mean something.
    const watchLegit = watchVendor();
    try {
      const legit = await signedFrom(reseller, vendor, 'partner.update', { name: 'Honest' });
      const res = await postToInbox(vendor, [legit.jws]);
      expect(res.body.results[0]).toMatchObject({ status: 'accepted' });
      expect(watchLegit.counts.transact).toBe(1);
      expect(watchLegit.counts.schema).toBe(1);
    } finally {
      watchLegit.restore();
    }
  });
});
