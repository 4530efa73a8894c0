/**
 * Child process of v8-flags.test.ts: opens a node as `serve` does (openNode), then makes the
 * node's own outbound HTTP client answer many requests to a local server, as an outbox does
 * while it delivers, and prints how much the process's peak RSS grew meanwhile.
 */
import { createServer } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initNode } from '../../../node/init-node.ts';
import { openNode } from '../../../node/main.ts';

const REQUESTS = 400;
const peakMb = () => process.resourceUsage().maxRSS / 1024;

const dataDir = join(
  process.argv[2] ?? (await mkdtemp(join(tmpdir(), 'partner-sync-rss-'))),
  'node',
);
await initNode(dataDir, { name: 'rss', allowLoopback: true, logLevel: 'warn' }, new Date());
const node = await openNode({ dataDir, env: {} });
const http = node.deps.http;

// An answer as a partner's inbox gives one: a receipt for each message of the batch.
const answer = JSON.stringify({
  results: Array.from({ length: 10 }, (_, i) => ({
    id: `m${i}`,
    status: 'accepted',
    receipt: 'r'.repeat(400),
  })),
});
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/inbox`;

const before = peakMb();
for (let i = 0; i < REQUESTS; i++) {
  const result = await http.postJson(url, '{"messages":[]}');
  if (!result.ok) throw new Error(result.detail);
}
// V8 recompiles hot code in the background, after the requests that made it hot.
await new Promise((resolve) => setTimeout(resolve, 2_000));
process.stdout.write(`${JSON.stringify({ grewMb: peakMb() - before })}\n`);
server.close();
await node.close();
