/**
 * Refusals by kind, with the reason the sender reads, over real HTTP between real nodes: a kind
 * this node has no handler for, and partner.connect, which only the connect URL takes (a
 * partner's connect sent to the inbox is not a way around the invitation).
 */
import { describe, expect, it } from 'vitest';
import { inboundCount, postToInbox, signedFrom } from '../../support/federation.ts';
import { useConnectedPair } from '../../support/connected-pair.ts';

describe('inbox › refusals by kind', () => {
  const pair = useConnectedPair();

  it('refuses a kind it has no handler for as unsupported_kind, naming the kind', async () => {
    const before = await inboundCount(pair.vendor);
    const { jws, message } = await signedFrom(pair.reseller, pair.vendor, 'survey.answer', {});
    expect((await postToInbox(pair.vendor, [jws])).body.results).toEqual([
      {
        id: message.id,
        status: 'rejected',
        code: 'unsupported_kind',
        message: 'this node does not support survey.answer',
      },
    ]);
    expect(await inboundCount(pair.vendor)).toBe(before);
  });

  it('refuses partner.connect at the inbox as forbidden: only the connect URL takes it', async () => {
    const before = await inboundCount(pair.vendor);
    const { jws, message } = await signedFrom(pair.reseller, pair.vendor, 'partner.connect', {
      token: 'a'.repeat(43),
      name: 'reseller',
    });
    expect((await postToInbox(pair.vendor, [jws])).body.results).toEqual([
      {
        id: message.id,
        status: 'rejected',
        code: 'forbidden',
        message: 'partner.connect is only accepted at the connect URL',
      },
    ]);
    expect(await inboundCount(pair.vendor)).toBe(before);
  });
});
