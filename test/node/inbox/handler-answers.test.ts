/**
 * An answer a handler queues while the inbox stores a message (a deal conflict, a re-offered
 * lead) is sent as soon as the message is committed, not at the outbox worker's next poll. Real
 * nodes over HTTP; the vendor's worker polls once a minute, so only the inbox's wake sends it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMessageId } from '../../../protocol/index.ts';
import type { MessageHandler } from '../../../node/handlers/handler.ts';
import { createHandlerRegistry, defaultHandlers } from '../../../node/handlers/registry.ts';
import { partnerUpdateHandler } from '../../../node/handlers/partner-update-handler.ts';
import { silentLogger } from '../../../node/logger.ts';
import { startNode } from '../../../node/main.ts';
import { connectPair, postToInbox, signedFrom } from '../../support/federation.ts';
import {
  createTestNode,
  eventually,
  removeTestDirs,
  type TestNode,
} from '../../support/test-node.ts';
import { inboundIdsFrom } from '../../faults/support/partners.ts';

/** partner.update as usual, answered with a partner.update of the vendor's own. */
const answeringUpdate: MessageHandler = {
  ...partnerUpdateHandler,
  async apply(ctx, tx) {
    const applied = await partnerUpdateHandler.apply(ctx, tx);
    if (!applied.ok) return applied;
    await tx.outbox.enqueue(
      [
        {
          messageId: newMessageId(),
          partnerId: ctx.partner.id,
          toNodeId: ctx.partner.nodeId,
          kind: 'partner.update',
          body: { name: 'Vendor, answering' },
        },
      ],
      ctx.now,
    );
    return applied;
  },
};
const handlers = () =>
  createHandlerRegistry([
    answeringUpdate,
    ...defaultHandlers().filter((h) => h.kind !== 'partner.update'),
  ]);

let vendor: TestNode;
let reseller: TestNode;

describe('inbox › answers queued by handlers', () => {
  beforeAll(async () => {
    [vendor, reseller] = await Promise.all([
      createTestNode({ name: 'vendor', handlers: handlers() }),
      createTestNode({ name: 'reseller' }),
    ]);
    await connectPair(vendor, reseller);
    // The same vendor, its outbox worker polling once a minute.
    await vendor.stop();
    vendor.running = await startNode({
      dataDir: vendor.dataDir,
      env: {},
      log: silentLogger(),
      random: () => 0,
      outboxPollMs: 60_000,
      handlers: handlers(),
    });
    // Past the worker's first round at start.
    await new Promise((r) => setTimeout(r, 500));
  });

  afterAll(async () => {
    await Promise.all([vendor.stop(), reseller.stop()]);
    await removeTestDirs();
  });

  it('sends the answer as soon as the message that caused it is stored', async () => {
    const before = (await inboundIdsFrom(reseller, vendor.url)).length;
    const { jws } = await signedFrom(reseller, vendor, 'partner.update', { name: 'Reseller' });
    expect((await postToInbox(vendor, [jws])).body.results[0].status).toBe('accepted');
    const ids = await eventually(async () => {
      const now = await inboundIdsFrom(reseller, vendor.url);
      return now.length > before ? now : null;
    }, 10_000);
    expect(ids).toHaveLength(before + 1);
  });
});
