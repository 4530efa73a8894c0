/**
 * The flood's load generator reads real answers of a real Node HTTP server on 127.0.0.1: a body
 * of Content-Length bytes, a chunked body, answers split across packets, and an answer with
 * `Connection: close`, after which the next request goes out on a new connection.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leanHttpConnection } from '../../bench/lib/lean-http-client.ts';

let server: Server;
let url = '';
const peers: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      peers.push(req.socket.remotePort!);
      const answer = JSON.stringify({ path: req.url, type: req.headers['content-type'], body });
      if (body === 'chunked') {
        // No Content-Length: Node sends the body in chunks, here two written apart.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(answer.slice(0, 10));
        setTimeout(() => res.end(answer.slice(10)), 20);
      } else if (body === 'close') {
        res.writeHead(429, { 'content-length': Buffer.byteLength(answer), connection: 'close' });
        res.end(answer);
      } else {
        res.writeHead(200, { 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('bench › lean HTTP client', () => {
  it('reads sized and chunked answers on one connection, and reconnects after Connection: close', async () => {
    const connection = leanHttpConnection(url);
    try {
      const read = async (body: string) => {
        const res = await connection.post('/inbox', 'application/json', body);
        return { status: res.status, json: JSON.parse(res.body.toString()) as unknown };
      };
      expect(await read('sized ✓')).toEqual({
        status: 200,
        json: { path: '/inbox', type: 'application/json', body: 'sized ✓' },
      });
      expect(await read('chunked')).toEqual({
        status: 200,
        json: { path: '/inbox', type: 'application/json', body: 'chunked' },
      });
      expect(await read('close')).toMatchObject({ status: 429, json: { body: 'close' } });
      expect(await read('after')).toMatchObject({ status: 200, json: { body: 'after' } });
      // The first three on one connection, the last on a new one.
      expect(new Set(peers.slice(0, 3)).size).toBe(1);
      expect(peers[3]).not.toBe(peers[0]);
    } finally {
      connection.close();
    }
  });
});
