/**
 * The connect URL's gate before any message is read: a node that is not ready (closed, its store
 * gone) answers every connect 503 not_ready, a retry, and gives no verdict on the message. A
 * real node's app over real HTTP.
 */
import { getRequestListener } from '@hono/node-server';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../node/app.ts';
import { initNode } from '../../../node/init-node.ts';
import { silentLogger } from '../../../node/logger.ts';
import { openNode } from '../../../node/main.ts';
import { postJson } from '../../support/federation.ts';

describe('connect › connect-routes', () => {
  it('answers 503 not_ready once the node is closed, judging no message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'partner-sync-connect-'));
    const server = createServer();
    try {
      await initNode(dir, { name: 'Closing', port: 0 }, new Date());
      const node = await openNode({ dataDir: dir, env: {}, log: silentLogger() });
      server.on('request', getRequestListener(createApp(node.deps).fetch));
      await node.close();
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // Malformed: a ready node would answer 200 with a final rejection.
      const res = await postJson(`${url}/connect`, { messages: ['not a jws'] });
      expect([res.status, res.body.error?.code]).toEqual([503, 'not_ready']);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
