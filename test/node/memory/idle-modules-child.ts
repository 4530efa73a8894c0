/**
 * Child process of idle-modules.test.ts: records every module it loads (record-module-loads.mjs)
 * into the file named by argv[2], starts a node as `serve` does (startNode), runs each of its
 * jobs once on the empty node, writes the mark argv[3] into the log, then has the node load a domain's
 * handlers as a first domain message does. Prints what the jobs run returned.
 */
import { appendFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [log, mark] = process.argv.slice(2) as [string, string];
register('./record-module-loads.mjs', import.meta.url, { data: { log } });

// Imported only now, so that the hooks see the node's modules load.
const { initNode } = await import('../../../node/init-node.ts');
const { startNode } = await import('../../../node/main.ts');
const { createLogger } = await import('../../../node/logger.ts');

const dataDir = join(await mkdtemp(join(tmpdir(), 'partner-sync-idle-')), 'node');
await initNode(dataDir, { name: 'idle', port: 0, logLevel: 'warn' }, new Date());
const node = await startNode({ dataDir, env: {}, log: createLogger('warn') });
const ran = await node.deps.jobs.runAll();
appendFileSync(log, `${mark}\n`);
await node.deps.handlers.loading?.('lead.offer');
process.stdout.write(`${JSON.stringify({ ran })}\n`);
await node.close();
