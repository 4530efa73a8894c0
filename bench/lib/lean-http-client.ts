/**
 * An HTTP/1.1 client for load generation that spends as little CPU per request as a maintained
 * client allows: one undici `Client` (one keep-alive connection) driven through its low-level
 * `dispatch` API, the answer gathered as buffers with no web streams, header objects or body
 * mixins in between. A load generator shares the machine's cores with the node it loads, and
 * undici's `request`, with its readable body stream per answer, cost the flood client about as
 * much CPU per request as the node spent refusing it: CPU the node under test then lacked.
 *
 * undici keeps the HTTP/1.1 parsing (sized and chunked bodies, `Connection: close` and the
 * reconnect after it); this file only collects the answer.
 */
import { Client } from 'undici';
import type { Dispatcher } from 'undici';

export interface LeanAnswer {
  status: number;
  body: Buffer;
}

export interface LeanHttpConnection {
  /** Sends `POST path` with `body` and resolves with the whole answer. */
  post(path: string, contentType: string, body: string): Promise<LeanAnswer>;
  close(): void;
}

export function leanHttpConnection(origin: string): LeanHttpConnection {
  const client = new Client(origin, { pipelining: 1 });
  return {
    post(path, contentType, body) {
      return new Promise<LeanAnswer>((resolve, reject) => {
        let status = 0;
        const chunks: Buffer[] = [];
        const handler: Dispatcher.DispatchHandler = {
          onRequestStart() {},
          onResponseStart(_controller, statusCode) {
            status = statusCode;
          },
          onResponseData(_controller, chunk) {
            chunks.push(chunk);
          },
          onResponseEnd() {
            resolve({ status, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
          },
          onResponseError(_controller, error) {
            reject(error);
          },
        };
        client.dispatch(
          { method: 'POST', path, headers: { 'content-type': contentType }, body },
          handler,
        );
      });
    },
    close() {
      void client.close();
    },
  };
}
