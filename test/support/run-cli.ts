/** Runs the CLI in-process against a test node's data directory, as the operator would there. */
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { runCli } from '../../node/cli/main.ts';
import type { TestNode } from './test-node.ts';

export async function runCliOn(node: TestNode, argv: string[]) {
  const io = createCapturedIo({ env: {}, cwd: node.dataDir });
  const code = await runCli([...argv, '--data', node.dataDir], io);
  return { code, out: io.out(), err: io.err() };
}
