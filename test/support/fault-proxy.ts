/**
 * A reverse proxy in front of a node for fault tests: it forwards every request over real HTTP
 * and can be told to break the next inbox answers in a chosen way.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { type: 'drop-response' }
  /** Never answers: the sender's timeout, or its end, closes the connection. */
  | { type: 'hold' }
  | { type: 'status'; status: number; headers?: Record<string, string> }
  | { type: 'rewrite-body'; rewrite: (body: string) => string };

export interface FaultProxy {
  port: number;
  /** Breaks the next inbox POSTs, one fault each, in order. */
  inject(...faults: Fault[]): void;
  /** Forwarded inbox POSTs so far. */
  inboxRequests: number;
  /** The status each inbox POST was answered with, in order (502 when the node was down). */
  inboxStatuses: number[];
  /** Every request seen, as "METHOD /path". */
  requests: string[];
  setTarget(port: number): void;
  close(): Promise<void>;
}

export async function startFaultProxy(port: number, targetPort = 0): Promise<FaultProxy> {
  const faults: Fault[] = [];
  let target = targetPort;
  const proxy: FaultProxy = {
    port,
    inject: (...f) => faults.push(...f),
    inboxRequests: 0,
    inboxStatuses: [],
    requests: [],
    setTarget: (p) => {
      target = p;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer(async (req, res) => {
    const body = await readAll(req);
    proxy.requests.push(`${req.method} ${req.url}`);
    const isInbox = req.method === 'POST' && req.url === '/inbox';
    if (isInbox) proxy.inboxRequests++;
    const fault = isInbox ? faults.shift() : undefined;
    if (fault?.type === 'hold') return;
    if (fault?.type === 'status') {
      proxy.inboxStatuses.push(fault.status);
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(JSON.stringify({ error: { code: 'injected', message: 'injected fault' } }));
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers },
      async (up) => {
        let text = (await readAll(up)).toString('utf8');
        if (fault?.type === 'drop-response') {
          // The node has stored the messages; the sender never hears about it.
          req.socket.destroy();
          return;
        }
        if (fault?.type === 'rewrite-body') text = fault.rewrite(text);
        if (isInbox) proxy.inboxStatuses.push(up.statusCode ?? 502);
        const headers = { ...up.headers };
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        res.writeHead(up.statusCode ?? 502, headers);
        res.end(text);
      },
    );
    upstream.on('error', () => {
      if (isInbox) proxy.inboxStatuses.push(502);
      res.writeHead(502);
      res.end();
    });
    upstream.end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
