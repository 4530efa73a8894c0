import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { emitEvent } from './node/events/emit-event.ts';
import { initNode } from './node/init-node.ts';
import { silentLogger } from './node/logger.ts';
import { startNode } from './node/main.ts';
import { createWebhook } from './node/webhooks/webhook-service.ts';
const count = 10000;
let received = 0; let done = () => {};
const all = new Promise<void>((r) => (done = r));
const receiver = createServer((req, res) => { req.resume(); req.on('end', () => { received++; res.writeHead(204).end(); if (received === count) done(); }); });
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const dataDir = join(mkdtempSync(join(tmpdir(), 'integ2-hook-')), 'n');
await initNode(dataDir, { name: 'b', port: 0, allowLoopback: true }, new Date());
const node = await startNode({ dataDir, env: {}, log: silentLogger() });
await createWebhook(node.deps, { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, events: [], description: 'b' });
const c0 = process.cpuUsage(); const t0 = performance.now();
for (let sent = 0; sent < count; sent += 500) {
  await node.deps.store.transact(async (tx) => { for (let i = sent; i < Math.min(count, sent + 500); i++) await emitEvent(tx, 'lead.updated', { id: `L${i}`, version: i }); });
}
node.deps.webhooks.notify();
await all;
const cu = process.cpuUsage(c0);
console.log(`${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${(count / ((performance.now() - t0) / 1000)).toFixed(0)} /s, cpu ${((cu.user + cu.system) / count).toFixed(0)} µs/event`);
await node.close(); receiver.close();
