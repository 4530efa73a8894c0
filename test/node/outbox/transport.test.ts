/**
 * Which transport takes a batch: the first, in the composition root's order, that says it handles
 * it (the portal transport before the HTTP one), and none is an error, not a silent drop.
 */
import { describe, expect, it } from 'vitest';
import { deliverBatch, type OutboxTransport } from '../../../node/outbox/transport.ts';
import type { ClaimedBatch, Partner } from '../../../node/store/types.ts';

function batchTo(id: number): ClaimedBatch {
  return { partner: { id, nodeId: `https://p${id}.example` } as Partner, messages: [] };
}

function transport(name: string, handles: (b: ClaimedBatch) => boolean, taken: string[]) {
  return {
    name,
    handles,
    async deliver(_batch, progress) {
      taken.push(name);
      progress?.answered();
      return { delivered: 1, dead: 0, retried: 0 };
    },
  } satisfies OutboxTransport;
}

describe('outbox › transport', () => {
  it('hands a batch to the first transport that handles it, with the progress callback', async () => {
    const taken: string[] = [];
    const transports = [
      transport('portal', (b) => b.partner.id === 1, taken),
      transport('http', () => true, taken),
      transport('never', () => true, taken),
    ];
    let answered = 0;
    const progress = { answered: () => answered++ };
    expect(await deliverBatch(transports, batchTo(1), progress)).toEqual({
      delivered: 1,
      dead: 0,
      retried: 0,
    });
    await deliverBatch(transports, batchTo(2), progress);
    expect(taken).toEqual(['portal', 'http']);
    expect(answered).toBe(2);
  });

  it('throws, naming the partner, when no transport handles the batch', () => {
    const taken: string[] = [];
    expect(() => deliverBatch([transport('portal', () => false, taken)], batchTo(7))).toThrow(
      'no transport delivers to partner 7',
    );
    expect(taken).toEqual([]);
  });
});
