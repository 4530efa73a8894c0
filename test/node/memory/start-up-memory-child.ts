/**
 * Child process of start-up-memory.test.ts: starts a node as `serve` does (startNode) and prints
 * its young generation's capacity once it has started, in MB.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import { initNode } from '../../../node/init-node.ts';
import { startNode } from '../../../node/main.ts';
import { createLogger } from '../../../node/logger.ts';

const dataDir = join(
  process.argv[2] ?? (await mkdtemp(join(tmpdir(), 'partner-sync-start-'))),
  'node',
);
await initNode(dataDir, { name: 'start-up', port: 0, logLevel: 'warn' }, new Date());
const node = await startNode({ dataDir, env: {}, log: createLogger('warn') });
const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!;
process.stdout.write(`${JSON.stringify({ youngMb: newSpace.space_size / (1024 * 1024) })}\n`);
await node.close();
