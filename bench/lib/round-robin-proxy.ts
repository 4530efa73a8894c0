/**
 * A small HTTP load balancer for the benchmark: one public address in front of several processes
 * of one node, each request passed to the next of them in turn (round robin), as the deployment
 * sketch in docs/operator.md puts two processes behind a load balancer. Requests, not
 * connections, are balanced: a sender keeps its connections open, and one connection would
 * otherwise reach one process only. Bodies are streamed through; headers are passed as they came.
 */
import { createServer, request, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>`: the node's one public URL. */
  readonly url: string;
  /** Requests passed to each backend so far, in the order of `backends`. */
  readonly counts: readonly number[];
  close(): Promise<void>;
}

/** Listens on `port` of 127.0.0.1 and passes requests to the `backends` ports in turn. */
export async function startRoundRobinProxy(
  port: number,
  backends: readonly number[],
): Promise<RoundRobinProxy> {
  if (backends.length === 0) throw new Error('a load balancer needs at least one backend');
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const counts = backends.map(() => 0);
  let next = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const i = next;
    next = (next + 1) % backends.length;
    counts[i]!++;
    const upstream = request(
      {
        host: '127.0.0.1',
        port: backends[i],
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`load balancer: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    counts,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
