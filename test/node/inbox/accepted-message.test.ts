/**
 * What the inbox gives back and leaves behind for an accepted message, over real HTTP between
 * real nodes: a receipt the sender can verify that names the message, its digest and the time it
 * was taken; effects whose domain events name the message as their cause; and, for an id taken
 * before with other content, a refusal that says so and keeps the first message.
 */
import { describe, expect, it } from 'vitest';
import { digestOf, verifyReceipt } from '../../../protocol/index.ts';
import { postToInbox, signedFrom } from '../../support/federation.ts';
import { useConnectedPair } from '../../support/connected-pair.ts';

const payloadOf = (jws: string) =>
  JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));

describe('inbox › an accepted message', () => {
  const pair = useConnectedPair();

  it('is answered with a signed receipt naming the message, its digest and when it was taken', async () => {
    const { jws, message } = await signedFrom(pair.reseller, pair.vendor, 'partner.update', {
      name: 'receipted',
    });
    const res = await postToInbox(pair.vendor, [jws]);
    expect(res.body.results[0]).toMatchObject({ id: message.id, status: 'accepted' });
    const receipt = res.body.results[0].receipt as string;
    const verified = await verifyReceipt(receipt, {
      keys: pair.vendor.deps.keys.published(new Date()),
      expect: {
        receiptFor: message.id,
        from: pair.vendor.url,
        to: pair.reseller.url,
        digest: digestOf(jws),
      },
    });
    expect(verified).toMatchObject({ ok: true });
    const stored = await pair.vendor.deps.store.read((tx) =>
      tx.inbox.find(pair.reseller.url, message.id),
    );
    expect(payloadOf(receipt)).toEqual({
      v: 1,
      receiptFor: message.id,
      from: pair.vendor.url,
      to: pair.reseller.url,
      status: 'accepted',
      digest: digestOf(jws),
      receivedAt: stored!.receivedAt.toISOString(),
    });
  });

  it('names the message as the cause of the domain events of its effects', async () => {
    const { jws, message } = await signedFrom(pair.reseller, pair.vendor, 'partner.update', {
      name: 'Reseller Renamed',
    });
    expect((await postToInbox(pair.vendor, [jws])).body.results[0].status).toBe('accepted');
    const events = await pair.vendor.api(
      'GET',
      '/events?limit=1000&types=partner.profile_declared',
    );
    expect(events.status).toBe(200);
    const declared = events.body.events.at(-1);
    expect(declared.cause).toEqual({
      kind: 'partner',
      nodeId: pair.reseller.url,
      messageId: message.id,
    });
  });

  it('refuses an id taken before with other content as id_conflict, keeping the first', async () => {
    const first = await signedFrom(pair.reseller, pair.vendor, 'partner.update', { name: 'First' });
    expect((await postToInbox(pair.vendor, [first.jws])).body.results[0].status).toBe('accepted');
    const other = await signedFrom(
      pair.reseller,
      pair.vendor,
      'partner.update',
      { name: 'Other' },
      { id: first.message.id },
    );
    expect((await postToInbox(pair.vendor, [other.jws])).body.results).toEqual([
      {
        id: first.message.id,
        status: 'rejected',
        code: 'id_conflict',
        message: 'this id was accepted before with other content',
      },
    ]);
    const stored = await pair.vendor.deps.store.read((tx) =>
      tx.inbox.find(pair.reseller.url, first.message.id),
    );
    expect(stored?.jws).toBe(first.jws);
  });
});
