/**
 * The soak's load balancer: a TCP proxy on a node's public port that hands each new connection to
 * the next of the node's `serve` processes, and to the one after it when that one refuses (it was
 * just killed). A connection already open to a process that dies is closed with it, as a real
 * load balancer's would be: the client sees a reset and retries.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface RoundRobinProxy {
  port: number;
  /** The processes' ports; replaced whole when a process moves. */
  backends: number[];
  /** Connections handed to each backend port so far. */
  readonly handed: ReadonlyMap<number, number>;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(
  port: number,
  backends: number[],
): Promise<RoundRobinProxy> {
  const sockets = new Set<Socket>();
  const handed = new Map<number, number>();
  let next = 0;

  /** Connects to the first backend that answers, starting with the next in turn. */
  function open(client: Socket, tried: number): void {
    if (client.destroyed) return;
    if (tried >= proxy.backends.length) {
      client.destroy();
      return;
    }
    const target = proxy.backends[next++ % proxy.backends.length]!;
    const upstream = connect(target, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      handed.set(target, (handed.get(target) ?? 0) + 1);
      sockets.add(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (!connected) open(client, tried + 1);
      else client.destroy();
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      if (connected) client.destroy();
    });
    client.on('close', () => upstream.destroy());
  }

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.on('error', () => client.destroy());
    client.on('close', () => sockets.delete(client));
    open(client, 0);
  });

  const proxy: RoundRobinProxy = {
    port,
    backends,
    handed,
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
