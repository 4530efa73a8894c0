/**
 * A minimal HTTP/1.1 client for load generation: one keep-alive connection, one request at a
 * time, the request written as one buffer and the answer read with no more parsing than its
 * status, its length and its body need. A load generator that shares the machine's cores with
 * the node it loads must spend as little of them as it can: undici's request, with its web
 * streams and header objects, cost the flood client about half as much CPU per request as the
 * node spent refusing it (650-830 µs against 1,100-1,500 µs, busy 2-core machine), CPU the node
 * under test then lacked; this client spends 220-340 µs.
 *
 * What it reads: a status line, headers up to a blank line, then a body of `Content-Length`
 * bytes or a chunked body. An answer carrying `Connection: close` ends the connection; the next
 * request opens a new one. Anything else it cannot read is an error.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  body: Buffer;
}

export interface RawHttpConnection {
  /** Sends `POST path` with `body` and resolves with the whole answer. */
  post(path: string, contentType: string, body: string): Promise<RawAnswer>;
  close(): void;
}

const CRLF2 = Buffer.from('\r\n\r\n');

export function rawHttpConnection(url: string): RawHttpConnection {
  const { hostname, port: portText, host } = new URL(url);
  const port = Number(portText || 80);
  let socket: Socket | null = null;
  let pending: { resolve(a: RawAnswer): void; reject(e: Error): void } | null = null;
  let buffered: Buffer = Buffer.alloc(0);

  function fail(error: Error): void {
    socket?.destroy();
    socket = null;
    buffered = Buffer.alloc(0);
    const p = pending;
    pending = null;
    p?.reject(error);
  }

  function open(): Socket {
    const s = connect({ host: hostname, port, noDelay: true });
    s.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      let answer: ReturnType<typeof readAnswer>;
      try {
        answer = readAnswer(buffered);
      } catch (error) {
        fail(error as Error);
        return;
      }
      if (answer === null) return;
      buffered = buffered.subarray(answer.consumed);
      if (answer.close) {
        s.destroy();
        if (socket === s) socket = null;
        buffered = Buffer.alloc(0);
      }
      const p = pending;
      pending = null;
      p?.resolve({ status: answer.status, body: answer.body });
    });
    s.on('error', (error) => {
      if (socket === s) fail(error);
    });
    s.on('close', () => {
      if (socket === s) fail(new Error('connection closed before the answer'));
    });
    return s;
  }

  return {
    post(path, contentType, body) {
      if (pending) return Promise.reject(new Error('one request at a time per connection'));
      socket ??= open();
      const s = socket;
      return new Promise<RawAnswer>((resolve, reject) => {
        pending = { resolve, reject };
        s.write(
          `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${contentType}\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      });
    },
    close() {
      const s = socket;
      socket = null;
      s?.destroy();
    },
  };
}

/** One whole answer at the start of `data`, or null while it is incomplete. */
function readAnswer(
  data: Buffer,
): { status: number; body: Buffer; consumed: number; close: boolean } | null {
  const headEnd = data.indexOf(CRLF2);
  if (headEnd < 0) return null;
  const lines = data.toString('latin1', 0, headEnd).split('\r\n');
  const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]!);
  if (!statusLine) throw new Error(`not an HTTP answer: ${lines[0]}`);
  let length: number | null = null;
  let chunked = false;
  let close = lines[0]!.startsWith('HTTP/1.0');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (name === 'content-length') length = Number(value);
    else if (name === 'transfer-encoding') chunked = value.includes('chunked');
    else if (name === 'connection') close = value === 'close';
  }
  const bodyStart = headEnd + CRLF2.length;
  const status = Number(statusLine[1]);
  if (chunked) {
    const parts: Buffer[] = [];
    let at = bodyStart;
    for (;;) {
      const sizeEnd = data.indexOf('\r\n', at);
      if (sizeEnd < 0) return null;
      const size = parseInt(data.toString('latin1', at, sizeEnd), 16);
      if (Number.isNaN(size)) throw new Error('bad chunk size');
      const chunkEnd = sizeEnd + 2 + size;
      if (data.length < chunkEnd + 2) return null;
      if (size === 0) {
        // No trailers are expected: the last chunk is followed by the final CRLF.
        return { status, body: Buffer.concat(parts), consumed: chunkEnd + 2, close };
      }
      parts.push(data.subarray(sizeEnd + 2, chunkEnd));
      at = chunkEnd + 2;
    }
  }
  if (length === null) throw new Error('an answer with neither Content-Length nor chunks');
  if (data.length < bodyStart + length) return null;
  return {
    status,
    body: data.subarray(bodyStart, bodyStart + length),
    consumed: bodyStart + length,
    close,
  };
}
