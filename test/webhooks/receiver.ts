/**
 * A webhook receiver on 127.0.0.1 for tests: answers as told (up, down, gone), verifies each
 * request's signature with the independent `standardwebhooks` library, and records what it got.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  webhookId: string;
  type: string;
  cursor: number | null;
  body: any;
  headers: Record<string, string>;
}

export interface Receiver {
  url: string;
  mode: 'up' | 'down' | 'gone';
  /** A `Retry-After` header sent with each 503 while down. */
  retryAfter: string | null;
  /** Every request that verified, in arrival order (duplicates included). */
  received: Received[];
  /** Requests refused because no secret verified them. */
  unverified: number;
  requests: number;
  secrets: string[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    mode: 'up',
    retryAfter: null,
    received: [],
    unverified: 0,
    requests: 0,
    secrets: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.requests++;
      if (receiver.mode === 'down') {
        const headers = receiver.retryAfter ? { 'retry-after': receiver.retryAfter } : {};
        return res.writeHead(503, headers).end();
      }
      if (receiver.mode === 'gone') return res.writeHead(410).end();
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = req.headers as Record<string, string>;
      const verified = receiver.secrets.some((secret) => {
        try {
          new Webhook(secret).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      if (!verified) {
        receiver.unverified++;
        return res.writeHead(400).end();
      }
      const parsed = JSON.parse(body);
      receiver.received.push({
        webhookId: headers['webhook-id']!,
        type: parsed.type,
        cursor: parsed.cursor,
        body: parsed,
        headers,
      });
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
