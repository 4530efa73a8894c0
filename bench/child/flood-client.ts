/**
 * A flood of forged inbox requests from a process of its own, so that the benchmark process
 * timing a partner's legitimate messages is not also the one generating the load. Each request
 * carries one message with a valid envelope from `from` to `to`, a header naming `kid` (a key the
 * node knows, so that every request costs it a signature verification; or, when `kid` is null, a
 * different unknown kid in every request, which tempts the node to refetch the sender's keys) and
 * 64 random bytes (S below the group order) as its signature. The benchmark's `flood` section and the overload fault test
 * both drive it.
 *
 * Driven over IPC (see ../lib/ipc.ts): the flood starts when the parent asks, not when the loader
 * has finished, so that the parent times legitimate messages only while the flood runs. `flood`
 * answers `{ codes, ms }`: how many answers had each result code (`http_<status>` for a non-200
 * answer) and how long the flood took.
 *
 * The client shares the machine's cores with the node it floods, so it spends as little CPU per
 * request as it can (../lib/lean-http-client.ts): what it costs, the node does not get.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { leanHttpConnection } from '../lib/lean-http-client.ts';
import { serveParent } from '../lib/ipc.ts';

interface FloodOptions {
  url: string;
  from: string;
  to: string;
  kid: string | null;
  total: number;
  concurrency: number;
}

const b64u = (text: string) => Buffer.from(text).toString('base64url');

/**
 * 64 random bytes whose S half (little-endian, the last 32 bytes) is below the group order, as a
 * forger who wants each request to cost a full verification would send: a node refuses S >= L
 * before verifying (RFC 8032), which random bytes fail 15 times in 16.
 */
function forgedSignature(): Buffer {
  const signature = randomBytes(64);
  signature[63]! &= 0x0f;
  return signature;
}

function forged(options: FloodOptions): string {
  const kid = options.kid ?? `rogue-${randomUUID()}`;
  const header = b64u(JSON.stringify({ alg: 'EdDSA', kid, typ: 'partner-sync+jws' }));
  const payload = b64u(
    JSON.stringify({
      v: 1,
      id: randomUUID(),
      kind: 'partner.update',
      from: options.from,
      to: options.to,
      sentAt: new Date().toISOString(),
      body: { name: 'Forged' },
    }),
  );
  return `${header}.${payload}.${forgedSignature().toString('base64url')}`;
}

async function flood(
  options: FloodOptions,
): Promise<{ codes: Record<string, number>; ms: number }> {
  const codes: Record<string, number> = {};
  const inbox = new URL('inbox', options.url.endsWith('/') ? options.url : `${options.url}/`);
  const connections = Array.from({ length: options.concurrency }, () =>
    leanHttpConnection(inbox.origin),
  );
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      connections.map(async (connection) => {
        while (next < options.total) {
          next++;
          const res = await connection.post(
            inbox.pathname,
            'application/json',
            JSON.stringify({ messages: [forged(options)] }),
          );
          const code = res.status === 200 ? resultCode(res.body.toString()) : `http_${res.status}`;
          codes[code] = (codes[code] ?? 0) + 1;
        }
      }),
    );
  } finally {
    for (const connection of connections) connection.close();
  }
  return { codes, ms: performance.now() - started };
}

/** The first result's code in an inbox answer; `?` when the answer is not one. */
function resultCode(text: string): string {
  try {
    const body = JSON.parse(text) as { results?: Array<{ code?: string }> };
    return body.results?.[0]?.code ?? '?';
  } catch {
    return '?';
  }
}

serveParent({ flood });
