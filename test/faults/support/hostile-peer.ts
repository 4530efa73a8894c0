/**
 * Misbehaving partner servers for fault tests, on raw TCP so that every byte is under the test's
 * control: one that accepts and never answers, ones that trickle the status line or the body, one
 * that sends a 100 MB error page, one that redirects. Each counts what it received and sent, and
 * which requests are still open, so a test can show the sender gave up and what it cost.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type HostileMode =
  /** Accepts the connection, reads the request, never writes a byte. */
  | { type: 'hang' }
  /** Sends the status line and headers one byte per `everyMs`, never finishing them. */
  | { type: 'trickle-headers'; everyMs: number }
  /** Sends a complete head announcing a body, then one body byte per `everyMs`. */
  | { type: 'trickle-body'; everyMs: number }
  /** Answers `status` with a body of `bytes`, as fast as the socket takes it. */
  | { type: 'huge'; status: number; bytes: number; declareLength: boolean }
  /** Answers `status` with `Location: location`. */
  | { type: 'redirect'; status: number; location: string }
  /** Answers `status` with an empty body. */
  | { type: 'status'; status: number };

export interface HostilePeer {
  port: number;
  /** The peer's base URL, usable as a partner node id. */
  url: string;
  /** Requests whose head arrived, as "METHOD /path". */
  requests: string[];
  /** Requests that arrived and whose connection is still open. */
  readonly open: number;
  /** Body bytes (or trickled bytes) written to sockets so far. */
  readonly bytesWritten: number;
  /** Sockets the peer saw closed by the other side (or errored) while it still had work. */
  readonly abandoned: number;
  setMode(mode: HostileMode): void;
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 0x41);

export async function startHostilePeer(
  mode: HostileMode,
  host = '127.0.0.1',
): Promise<HostilePeer> {
  let current = mode;
  let open = 0;
  let bytesWritten = 0;
  let abandoned = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const peer: HostilePeer = {
    port: 0,
    url: '',
    requests: [],
    get open() {
      return open;
    },
    get bytesWritten() {
      return bytesWritten;
    },
    get abandoned() {
      return abandoned;
    },
    setMode(m) {
      current = m;
    },
    close() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let head = Buffer.alloc(0);
    let answered = false;
    let counted = false;
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      if (counted) {
        open--;
        abandoned++;
      }
    });
    socket.on('data', (data: Buffer) => {
      if (answered) return;
      head = Buffer.concat([head, data]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const lines = head.subarray(0, end).toString('latin1').split('\r\n');
      const length = Number(/^content-length:\s*(\d+)/im.exec(lines.join('\n'))?.[1] ?? 0);
      // Wait for the whole request body, so the answer never races the request.
      if (head.length < end + 4 + length) return;
      answered = true;
      counted = true;
      open++;
      const [method = '?', path = '?'] = (lines[0] ?? '').split(' ');
      peer.requests.push(`${method} ${path}`);
      respond(socket, current);
    });
  });

  function write(socket: Socket, data: Buffer | string): boolean {
    if (socket.destroyed) return false;
    bytesWritten += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    return socket.write(data);
  }

  function trickle(socket: Socket, text: string, everyMs: number) {
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed) {
        clearInterval(timer);
        timers.delete(timer);
        return;
      }
      write(socket, text[i % text.length]!);
      i++;
    }, everyMs);
    timers.add(timer);
  }

  function respond(socket: Socket, m: HostileMode) {
    switch (m.type) {
      case 'hang':
        return;
      case 'trickle-headers':
        trickle(socket, 'HTTP/1.1 200 OK\r\nX-Slow: ' + 'z'.repeat(10_000), m.everyMs);
        return;
      case 'trickle-body':
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n',
        );
        trickle(socket, '{"results":[' + ' '.repeat(1000), m.everyMs);
        return;
      case 'status':
        socket.end(`HTTP/1.1 ${m.status} Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
        return;
      case 'redirect':
        socket.end(
          `HTTP/1.1 ${m.status} Redirect\r\nLocation: ${m.location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
        );
        return;
      case 'huge': {
        const head = [
          `HTTP/1.1 ${m.status} Error`,
          'Content-Type: text/html',
          m.declareLength ? `Content-Length: ${m.bytes}` : 'Transfer-Encoding: chunked',
          'Connection: close',
          '',
          '',
        ].join('\r\n');
        socket.write(head);
        let left = m.bytes;
        const pump = () => {
          while (left > 0 && !socket.destroyed) {
            const piece = CHUNK.subarray(0, Math.min(CHUNK.length, left));
            left -= piece.length;
            const framed = m.declareLength
              ? piece
              : Buffer.concat([
                  Buffer.from(`${piece.length.toString(16)}\r\n`),
                  piece,
                  Buffer.from('\r\n'),
                ]);
            if (!write(socket, framed)) {
              socket.once('drain', pump);
              return;
            }
          }
          if (left === 0 && !socket.destroyed) socket.end(m.declareLength ? '' : '0\r\n\r\n');
        };
        pump();
        return;
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  peer.port = (server.address() as AddressInfo).port;
  peer.url = `http://${host}:${peer.port}`;
  return peer;
}
