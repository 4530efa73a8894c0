/** `partner-sync init`: a new node in a data directory, its admin token shown once. */
import type { NodeConfig } from '../../config/defaults.ts';
import { initNode, type InitResult } from '../../init-node.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { AppError } from '../../errors.ts';
import { CliFailure, UsageError } from '../errors.ts';
import { commandHint, loadCliConfig } from '../node-context.ts';
import type { Output } from '../output.ts';

export const initCommand: CommandSpec = {
  name: 'init',
  summary: 'Create a new node in a data directory and show its admin API token once',
  usage: ['init --name NAME [--url URL] [--port N] [--host HOST] [setting flags] [--json]'],
  example:
    'init --name "ACME GmbH" --url https://partners.acme.example --data /var/lib/partner-sync',
  flags: [],
  settingFlags: true,
  json: true,
  details: [
    'The settings given as flags are written to config.json in the data directory; environment',
    'variables and later flags override them at run time. --url is the identity partners pin:',
    'choose the public address now, since changing it later breaks existing partnerships.',
  ],
  async run(ctx) {
    if (ctx.settings.name === undefined) {
      throw new UsageError(
        'missing --name NAME: the display name of your company or node, shown to partners',
        'init',
      );
    }
    const loaded = await loadCliConfig(ctx);
    // Keep what a hand-written config.json already holds; add what the flags say.
    const settings: Partial<NodeConfig> = {};
    for (const [key, source] of Object.entries(loaded.sources)) {
      if (source === 'file' || source === 'flag') {
        (settings as Record<string, unknown>)[key] = loaded.config[key as keyof NodeConfig];
      }
    }
    let result: InitResult;
    try {
      result = await initNode(loaded.config.dataDir, settings, new Date());
    } catch (error) {
      if (error instanceof AppError && error.code === 'already_initialized') {
        throw new CliFailure(
          `${loaded.config.dataDir} already holds a node; start it with: ${commandHint(ctx, 'serve')}, or choose another directory with --data`,
        );
      }
      throw error;
    }
    printInitResult(ctx, ctx.out, result, loaded.config.url);
    return 0;
  },
};

/** Shared with `serve`, which initializes a fresh data directory the same way. */
export function printInitResult(
  ctx: CommandContext,
  out: Output,
  result: InitResult,
  /** Unknown to `serve` until it listens (the port may be 0). */
  nodeId: string | undefined,
): void {
  if (out.json) {
    out.data({
      nodeId,
      dataDir: result.dataDir,
      adminToken: result.adminToken,
      kid: result.kid,
    });
    return;
  }
  out.line(
    nodeId === undefined
      ? `Initialized a new partner-sync node in ${result.dataDir}`
      : `Initialized partner-sync node ${out.style.bold(nodeId)}`,
  );
  out.fields([
    ['data directory', nodeId === undefined ? undefined : result.dataDir],
    ['signing key', result.kid],
  ]);
  out.line();
  out.line('Admin API token (shown only now; keep it somewhere safe):');
  out.line(`  ${out.style.bold(result.adminToken)}`);
  out.line();
  if (ctx.spec.name === 'init') out.line(`Start the node with: ${commandHint(ctx, 'serve')}`);
}
