/**
 * The request id: taken from a sane X-Request-Id or made up, echoed in the answer, and on every
 * log line of the request, the inbox pipeline's included.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNode } from '../../../node/init-node.ts';
import { createLogger } from '../../../node/logger.ts';
import { startNode, type RunningNode } from '../../../node/main.ts';
import { jsonLineSink } from '../../support/json-line-sink.ts';

describe('http/request-id', () => {
  let dir: string;
  let node: RunningNode;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ps-request-id-'));
    await initNode(dir, { name: 'ids', port: 0 }, new Date());
    const sink = jsonLineSink(lines);
    node = await startNode({ dataDir: dir, env: {}, log: createLogger('debug', sink) });
  });
  afterAll(async () => {
    await node.close();
    await rm(dir, { recursive: true, force: true });
  });

  const idOf = async (path: string, header?: string) =>
    (
      await fetch(`${node.nodeId}${path}`, {
        headers: header === undefined ? {} : { 'x-request-id': header },
      })
    ).headers.get('x-request-id');

  it('echoes a sane X-Request-Id and replaces an unsafe or overlong one', async () => {
    expect(await idOf('/healthz', 'abc-123.def')).toBe('abc-123.def');
    expect(await idOf('/healthz')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await idOf('/healthz', 'a'.repeat(129))).toMatch(/^[0-9a-f-]{36}$/);
    expect(await idOf('/healthz', 'bad id <script>')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await idOf('/nowhere', 'r-1')).toBe('r-1');
  });

  it('puts the id on the inbox pipeline’s log lines and on the request line', async () => {
    const res = await fetch(`${node.nodeId}/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-42' },
      body: JSON.stringify({ messages: ['not.a.jws'] }),
    });
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    await res.text();
    const mine = lines.filter((l) => l.reqId === 'trace-42');
    expect(mine.map((l) => l.msg)).toEqual(['inbound message rejected', 'request']);
    expect(mine[1]).toMatchObject({ method: 'POST', path: '/inbox', status: 200 });
    // Lines outside a request carry none.
    expect(lines.find((l) => l.msg === 'node listening')).not.toHaveProperty('reqId');
  });
});
