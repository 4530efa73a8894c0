/**
 * Several processes of one node on PostgreSQL, as a load balancer would see them: each its own
 * `startNode` (own port, own in-memory buckets, leases and caches) on the node's data directory,
 * started here in the test's process so that they can share a ManualClock (a frozen clock: nothing
 * refills and no lease runs out between two requests unless the test advances it). The node-wide
 * limit tests (test/faults/*-processes.test.ts) post to them in turn. For processes in OS
 * processes of their own (SIGKILL), see serve-processes.ts.
 */
import { ManualClock } from '../../node/clock.ts';
import { silentLogger } from '../../node/logger.ts';
import { startNode, type RunningNode } from '../../node/main.ts';
import { freePort } from './free-port.ts';
import type { TestNode } from './test-node.ts';

export interface NodeProcesses {
  processes: RunningNode[];
  clock: ManualClock;
  /** `path` on process `i` (taken modulo their number, so that `i` may count requests). */
  url(i: number, path: string): string;
  close(): Promise<void>;
}

/** Stops `node` (set up as one process) and starts `count` processes on its data directory. */
export async function startNodeProcesses(node: TestNode, count = 2): Promise<NodeProcesses> {
  await node.stop();
  const clock = new ManualClock(new Date());
  const processes: RunningNode[] = [];
  const close = () => Promise.all(processes.map((p) => p.close())).then(() => {});
  try {
    for (let i = 0; i < count; i++) {
      processes.push(
        await startNode({
          dataDir: node.dataDir,
          clock,
          env: { PARTNER_SYNC_PORT: String(await freePort()) },
          log: silentLogger(),
          random: () => 0,
        }),
      );
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    processes,
    clock,
    url: (i, path) => `http://127.0.0.1:${processes[i % count]!.port}${path}`,
    close,
  };
}
