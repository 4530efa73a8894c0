/**
 * A request refused before its body was read is answered with `Connection: close`, so the
 * client does not send its next request on a connection the server is about to drop. A raw
 * socket sends headers and only part of the body, as a slow or hostile client would.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNode, removeTestDirs, type TestNode } from '../../support/test-node.ts';

let node: TestNode;

beforeAll(async () => {
  node = await createTestNode({ name: 'close-unread' });
});

afterAll(async () => {
  await node.stop();
  await removeTestDirs();
});

/** Sends `head` and `body` on a fresh connection; the response head, lower-cased. */
function rawRequest(head: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(node.port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n${body}`));
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end >= 0) {
        socket.destroy();
        resolve(received.slice(0, end).toLowerCase());
      }
    });
    socket.on('error', reject);
  });
}

describe('http › a body left unread closes the connection', () => {
  it.each([
    ['an inbox body declared larger than the limit', 'POST /inbox', 'application/json', 413],
    ['an admin request without the token', 'POST /api/profile', 'application/json', 401],
    ['an inbox body of the wrong type', 'POST /inbox', 'text/plain', 415],
  ])('%s', async (_, line, type, status) => {
    const head = await rawRequest(
      [
        `${line} HTTP/1.1`,
        'Host: 127.0.0.1',
        'Connection: keep-alive',
        `Content-Type: ${type}`,
        `Content-Length: ${status === 413 ? 50_000_000 : 100_000}`,
      ].join('\r\n'),
      '{"messages":[',
    );
    expect(head).toMatch(new RegExp(`^http/1\\.1 ${status} `));
    expect(head).toMatch(/\r\nconnection: close(\r\n|$)/);
  });

  it('keeps the connection of a request whose body was read', async () => {
    const body = '{"messages":[]}';
    const head = await rawRequest(
      [
        'POST /inbox HTTP/1.1',
        'Host: 127.0.0.1',
        'Connection: keep-alive',
        'Content-Type: application/json',
        `Content-Length: ${body.length}`,
      ].join('\r\n'),
      body,
    );
    expect(head).toMatch(/^http\/1\.1 [24]\d\d /);
    expect(head).toMatch(/\r\nconnection: keep-alive(\r\n|$)/);
  });
});
