/**
 * A flood of forged inbox requests from a process of its own, so that the test process measuring
 * a partner's latency is not also the one generating the load. Each request carries one message
 * with a valid envelope from `from` to `to`, a header naming `kid` (or a fresh unknown kid per
 * request) and 64 random bytes as its signature. Prints `{ codes, ms }` as JSON when done.
 *
 * Run: node --import tsx flood-client.ts '{"url","from","to","kid"|null,"total","concurrency"}'
 */
import { randomBytes, randomUUID } from 'node:crypto';

interface FloodOptions {
  url: string;
  from: string;
  to: string;
  /** The kid to name; null: a different unknown kid in every request. */
  kid: string | null;
  total: number;
  concurrency: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as FloodOptions;
const b64u = (text: string) => Buffer.from(text).toString('base64url');

function forged(i: number): string {
  const kid = options.kid ?? `rogue-${i}-${randomUUID()}`;
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
  return `${header}.${payload}.${randomBytes(64).toString('base64url')}`;
}

const codes: Record<string, number> = {};
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: options.concurrency }, async () => {
    while (next < options.total) {
      const i = next++;
      const res = await fetch(`${options.url}/inbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [forged(i)] }),
      });
      const body = (await res.json()) as { results?: Array<{ code?: string }> };
      const code = res.status === 200 ? (body.results?.[0]?.code ?? '?') : `http_${res.status}`;
      codes[code] = (codes[code] ?? 0) + 1;
    }
  }),
);
process.stdout.write(JSON.stringify({ codes, ms: performance.now() - started }));
