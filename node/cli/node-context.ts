/**
 * Opening the node a command acts on: settings from flags, env and config.json (every bad one
 * reported at once), then the store and keys through `openNode`, closed again when the command
 * is done.
 */
import type { LoadConfigOptions, LoadConfigResult } from '../config/load.ts';
import { loadConfig } from '../config/load.ts';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { findPartner } from '../partners/partner-admin.ts';
import type { Store } from '../store/store.ts';
import { scopedStore } from '../store/unit-scope.ts';
import type { Partner } from '../store/types.ts';
import { openNode, type NodeContext } from '../main.ts';
import type { CommandContext } from './command.ts';
import { CliFailure, ConfigProblems } from './errors.ts';
import { runningNode, type RuntimeRecord } from './runtime-file.ts';

export type LoadedConfig = Extract<LoadConfigResult, { ok: true }>;

export interface CliNode extends NodeContext {
  /** The node id this command acts as: the running server's, else the configured url. */
  nodeId: string;
  /** The server serving this data directory now, if any. */
  running: RuntimeRecord | null;
}

export function configOptions(ctx: CommandContext): LoadConfigOptions {
  return {
    flags: { ...ctx.settings, ...(ctx.dataDir === undefined ? {} : { dataDir: ctx.dataDir }) },
    env: ctx.io.env,
    cwd: ctx.io.cwd,
  };
}

export async function loadCliConfig(ctx: CommandContext): Promise<LoadedConfig> {
  const loaded = await loadConfig(configOptions(ctx));
  if (!loaded.ok) throw new ConfigProblems(loaded.errors);
  return loaded;
}

/** The log level for a one-shot command: quiet unless the operator asked for more. */
export function commandLogLevel(loaded: LoadedConfig): string {
  return loaded.sources.logLevel === 'default' ? 'warn' : loaded.config.logLevel;
}

export function stderrLogger(ctx: CommandContext, level: string) {
  return createLogger(level, ctx.io.stderr as unknown as NodeJS.WritableStream);
}

export async function withNode<T>(
  ctx: CommandContext,
  fn: (node: CliNode) => Promise<T>,
): Promise<T> {
  const loaded = await loadCliConfig(ctx);
  const running = await runningNode(loaded.config.dataDir);
  const context = await openNode(
    { ...configOptions(ctx), log: stderrLogger(ctx, commandLogLevel(loaded)) },
    running?.nodeId,
  );
  // The command's changes are the operator's: its units carry the command's audit scope.
  const deps = ctx.audit
    ? { ...context.deps, store: scopedStore(context.deps.store, { audit: ctx.audit }) }
    : context.deps;
  try {
    return await fn({ ...context, deps, nodeId: context.deps.nodeId, running });
  } finally {
    await context.close();
  }
}

/** A partner by number or node id, or an error that says where to find those. */
export async function findPartnerRef(store: Store, ref: string): Promise<Partner> {
  try {
    return await findPartner(store, ref);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') {
      throw new CliFailure(
        `no partner ${ref}: give its number or node id as "partner-sync partners" lists them`,
      );
    }
    throw error;
  }
}

/** `partner-sync <command>` with the `--data` the operator gave, for hints they can paste. */
export function commandHint(ctx: CommandContext, command: string): string {
  return ctx.dataDir === undefined
    ? `partner-sync ${command}`
    : `partner-sync ${command} --data ${shellQuote(ctx.dataDir)}`;
}

export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
