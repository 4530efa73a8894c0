/**
 * POST /inbox's request-level answers, over real HTTP: a node that is not ready judges no message,
 * and a batch the store could not take is answered 503 (the sender keeps it and retries) while the
 * operator is told why in the log.
 */
import { getRequestListener } from '@hono/node-server';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../node/app.ts';
import { ManualClock } from '../../../node/clock.ts';
import type { MessageHandler } from '../../../node/handlers/handler.ts';
import { createHandlerRegistry, defaultHandlers } from '../../../node/handlers/registry.ts';
import { partnerUpdateHandler } from '../../../node/handlers/partner-update-handler.ts';
import { initNode } from '../../../node/init-node.ts';
import { createLogger, silentLogger } from '../../../node/logger.ts';
import { openNode } from '../../../node/main.ts';
import {
  connectPair,
  inboundCount,
  postJson,
  postToInbox,
  signedFrom,
} from '../../support/federation.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../../support/test-node.ts';
import { jsonLineSink } from '../../support/json-line-sink.ts';

const cleanups: Array<() => Promise<void>> = [];

/** partner.update whose store write throws (a full disk, a broken file) while `failing`. */
let failing = false;
const failingUpdate: MessageHandler = {
  ...partnerUpdateHandler,
  async apply(ctx, tx) {
    if (failing) throw new Error('disk I/O error');
    return partnerUpdateHandler.apply(ctx, tx);
  },
};

const lines: Array<Record<string, unknown>> = [];
let vendor: TestNode;
let reseller: TestNode;

describe('inbox › inbox-routes', () => {
  beforeAll(async () => {
    const sink = jsonLineSink(lines);
    [vendor, reseller] = await Promise.all([
      createTestNode({
        name: 'vendor',
        log: createLogger('info', sink),
        handlers: createHandlerRegistry([
          failingUpdate,
          ...defaultHandlers().filter((h) => h.kind !== 'partner.update'),
        ]),
      }),
      createTestNode({ name: 'reseller' }),
    ]);
    await connectPair(vendor, reseller);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    await Promise.all([vendor.stop(), reseller.stop()]);
    await removeTestDirs();
  });

  it('answers 503 not_ready once the node is closing, judging no message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'partner-sync-inbox-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await initNode(dir, { name: 'Closing', port: 0 }, new Date());
    const node = await openNode({
      dataDir: dir,
      env: {},
      log: silentLogger(),
      clock: new ManualClock(),
    });
    const server = createServer(getRequestListener(createApp(node.deps).fetch));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/inbox`;

    // Ready: a message that is no JWS is judged, and refused as malformed.
    const judged = await postJson(url, { messages: ['not a jws'] });
    expect(judged).toMatchObject({ status: 200, body: { results: [{ code: 'malformed' }] } });
    await node.close();
    const res = await postJson(url, { messages: ['not a jws'] });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: { code: 'not_ready', message: 'the node is not ready' } });
  });

  it('answers 503 when the store fails, and logs the failure for the operator at error', async () => {
    const before = await inboundCount(vendor);
    const { jws } = await signedFrom(reseller, vendor, 'partner.update', { name: 'lost?' });
    failing = true;
    let res;
    try {
      res = await postToInbox(vendor, [jws]);
    } finally {
      failing = false;
    }
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('not_ready');
    expect(await inboundCount(vendor)).toBe(before);
    const logged = lines.filter((l) => l.msg === 'inbox could not store a batch');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, err: { message: 'disk I/O error' } });
    // Not a rejection: the message was not judged, and is taken when sent again.
    expect(lines.filter((l) => l.msg === 'inbound message rejected')).toEqual([]);
    expect((await postToInbox(vendor, [jws])).body.results[0]).toMatchObject({
      status: 'accepted',
    });
  });
});
