/** The HTTP ceiling: a bare Hono app that reads a JSON body and answers 202, nothing else. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { serveParent } from '../lib/ipc.ts';

const app = new Hono();
app.post('/inbox', async (c) => {
  await c.req.json();
  return c.body(null, 202);
});

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const port = (server.address() as AddressInfo).port;

serveParent({ info: () => ({ port }) }, async () => {
  server.close();
});
