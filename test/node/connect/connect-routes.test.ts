/**
 * The connect URL's gates before a message is judged: readiness, a per-address rate limit and a
 * body cap of its own (64 KiB, below the inbox's). A real node's app over real HTTP; each test
 * has its own node, so the rate limit counts only its requests.
 */
import { getRequestListener } from '@hono/node-server';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../node/app.ts';
import { initNode } from '../../../node/init-node.ts';
import { silentLogger } from '../../../node/logger.ts';
import { openNode } from '../../../node/main.ts';
import { ManualClock } from '../../../node/clock.ts';
import { postJson } from '../../support/federation.ts';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A node (default settings: maxBodyBytes 1 MiB) on `clock`, serving its app on 127.0.0.1. */
async function serveNode(clock = new ManualClock()) {
  const dir = await mkdtemp(join(tmpdir(), 'partner-sync-connect-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await initNode(dir, { name: 'Gate', port: 0 }, new Date());
  const node = await openNode({ dataDir: dir, env: {}, log: silentLogger(), clock });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= node.close());
  cleanups.push(close);
  const server = createServer(getRequestListener(createApp(node.deps).fetch));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, config: node.config, close };
}

/** A connect request body of exactly `bytes` bytes, holding one entry that is no message. */
function bodyOf(bytes: number): string {
  const frame = JSON.stringify({ messages: [''] });
  return JSON.stringify({ messages: ['x'.repeat(bytes - frame.length)] });
}

describe('connect › connect-routes', () => {
  it('answers 503 not_ready once the node is closed, judging no message', async () => {
    const { url, close } = await serveNode();
    await close();
    // Malformed: a ready node would answer 200 with a final rejection.
    const res = await postJson(`${url}/connect`, { messages: ['not a jws'] });
    expect([res.status, res.body.error?.code]).toEqual([503, 'not_ready']);
  });

  it('reads a body of exactly 64 KiB and refuses one byte more with 413, whatever maxBodyBytes', async () => {
    const { url, config } = await serveNode();
    expect(config.maxBodyBytes).toBeGreaterThan(64 * 1024);
    const atCap = await postJson(`${url}/connect`, bodyOf(64 * 1024));
    expect(atCap).toMatchObject({ status: 200, body: { results: [{ code: 'malformed' }] } });
    const over = await postJson(`${url}/connect`, bodyOf(64 * 1024 + 1));
    expect([over.status, over.body.error?.code]).toEqual([413, 'payload_too_large']);
  });

  it('answers 30 connect requests a minute from one address, then 429 until the refill', async () => {
    const clock = new ManualClock();
    const { url } = await serveNode(clock);
    const post = async () => (await postJson(`${url}/connect`, { messages: ['not a jws'] })).status;
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push(await post());
    expect(statuses).toEqual([...Array(30).fill(200), 429]);
    // 30 a minute refill one every 2 seconds.
    clock.advance(2_000);
    expect([await post(), await post()]).toEqual([200, 429]);
  });
});
