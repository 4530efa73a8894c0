/**
 * Real HTTP servers on 127.0.0.1 and clients of node/net/http-client.ts for its tests, closed
 * after each test. `useHttpFixture()` registers the cleanup in the calling test file.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { AddressPolicy } from '../../../node/net/address-policy.ts';
import { createHttpClient } from '../../../node/net/http-client.ts';
import type { HttpClient, HttpClientOptions } from '../../../node/net/http-client.ts';

export const NONE: AddressPolicy = { allowLoopback: false, allowPrivate: false };
export const LOOPBACK: AddressPolicy = { allowLoopback: true, allowPrivate: false };
export const KIB = 1024;

/** A test's client: loopback allowed, 2 s deadline, 64 KiB cap. */
export const CLIENT_DEFAULTS: HttpClientOptions = {
  policy: LOOPBACK,
  timeoutMs: 2_000,
  maxResponseBytes: 64 * KIB,
  userAgent: 'partner-sync-test/1',
};

export interface TestServer {
  url: string;
  port: number;
  requests: IncomingMessage[];
}

export function useHttpFixture() {
  const servers: Server[] = [];
  const clients: HttpClient[] = [];
  const timers = new Set<NodeJS.Timeout>();

  afterEach(async () => {
    for (const timer of timers) clearInterval(timer);
    timers.clear();
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(
      servers.splice(0).map(
        (s) =>
          new Promise<void>((resolve) => {
            s.closeAllConnections();
            s.close(() => resolve());
          }),
      ),
    );
  });

  async function serve(
    handler: (req: IncomingMessage, res: ServerResponse, server: TestServer) => void,
    host = '127.0.0.1',
  ): Promise<TestServer> {
    const info: TestServer = { url: '', port: 0, requests: [] };
    const server = createServer((req, res) => {
      info.requests.push(req);
      handler(req, res, info);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    info.port = (server.address() as AddressInfo).port;
    info.url = `http://${host}:${info.port}`;
    return info;
  }

  /** Stops the server last started (its port then refuses connections). */
  async function stopLast(): Promise<void> {
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
  }

  /** A client closed after the test. */
  function client(overrides: Partial<HttpClientOptions> = {}): HttpClient {
    const c = createHttpClient({ ...CLIENT_DEFAULTS, ...overrides });
    clients.push(c);
    return c;
  }

  return { serve, stopLast, client, timers };
}
