/**
 * A TCP proxy in front of a node that breaks connections at random: it drops a request before
 * the node sees it, delays it, resets the connection once the node has answered (the node has
 * committed, the sender never hears it), or truncates the answer mid-body. It works on raw bytes
 * so that resets and truncations are what a network does, not what an HTTP library would allow.
 *
 * A request is recognized by a client chunk that starts with an HTTP method, which is how undici
 * writes a request head; a chunk that is not recognized is forwarded untouched.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type ChaosFault = 'drop' | 'delay' | 'reset' | 'truncate';

export interface ChaosOptions {
  /** Chance per request of each fault; the rest pass untouched. */
  drop: number;
  delay: number;
  reset: number;
  truncate: number;
  /** Longest delay, in ms. */
  maxDelayMs: number;
  random?: () => number;
}

export interface ChaosProxy {
  port: number;
  /** Faults are injected only while enabled (connecting the nodes is done without them). */
  enabled: boolean;
  /** Requests seen, and faults injected by type. */
  readonly counts: Readonly<Record<ChaosFault | 'requests', number>>;
  setTarget(port: number): void;
  close(): Promise<void>;
}

const REQUEST_START = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /;

export async function startChaosProxy(
  port: number,
  targetPort: number,
  options: ChaosOptions,
): Promise<ChaosProxy> {
  const random = options.random ?? Math.random;
  const counts = { requests: 0, drop: 0, delay: 0, reset: 0, truncate: 0 };
  const sockets = new Set<Socket>();
  let target = targetPort;

  function pick(): ChaosFault | null {
    if (!proxy.enabled) return null;
    let r = random();
    for (const fault of ['drop', 'delay', 'reset', 'truncate'] as const) {
      if (r < options[fault]) return fault;
      r -= options[fault];
    }
    return null;
  }

  const server: Server = createServer((client) => {
    sockets.add(client);
    const upstream = connect(target, '127.0.0.1');
    sockets.add(upstream);
    // What to do to the node's next answer on this connection.
    let onAnswer: 'reset' | 'truncate' | null = null;
    // Client data is forwarded in order, even while a delayed chunk waits.
    let queue: Promise<void> = Promise.resolve();
    const end = (how: 'reset' | 'close') => {
      if (how === 'reset') client.resetAndDestroy();
      else client.destroy();
      upstream.destroy();
    };

    client.on('data', (chunk: Buffer) => {
      const isRequest = REQUEST_START.test(chunk.subarray(0, 8).toString('latin1'));
      const fault = isRequest ? pick() : null;
      if (isRequest) counts.requests++;
      if (fault) counts[fault]++;
      if (fault === 'drop') return end('reset');
      if (fault === 'reset' || fault === 'truncate') onAnswer = fault;
      const wait = fault === 'delay' ? Math.floor(random() * options.maxDelayMs) : 0;
      queue = queue.then(async () => {
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (!upstream.destroyed) upstream.write(chunk);
      });
    });
    upstream.on('data', (chunk: Buffer) => {
      if (onAnswer === 'reset') return end('reset');
      if (onAnswer === 'truncate') {
        client.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
        return end('close');
      }
      client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    for (const s of [client, upstream]) {
      s.on('error', () => end('close'));
      s.on('close', () => {
        sockets.delete(s);
        end('close');
      });
    }
  });

  const proxy: ChaosProxy = {
    port,
    enabled: false,
    counts,
    setTarget: (p) => {
      target = p;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}
