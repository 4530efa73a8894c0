/**
 * `partner-sync serve`: runs the node until SIGINT or SIGTERM. A fresh data directory is
 * initialized first, so that `npm start` on a new clone just works.
 */
import { initNode, isInitialized } from '../../init-node.ts';
import { startNode, type RunningNode } from '../../main.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { CliFailure } from '../errors.ts';
import { configOptions, loadCliConfig, stderrLogger } from '../node-context.ts';
import { removeRuntimeRecord, runningNode, writeRuntimeRecord } from '../runtime-file.ts';
import { printInitResult } from './init.ts';

export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'Run the node (HTTP server and outbox worker) until Ctrl-C or SIGTERM',
  usage: ['serve [setting flags]'],
  example: 'serve --data /var/lib/partner-sync --host 127.0.0.1 --port 8787',
  flags: [],
  settingFlags: true,
  noJson: true,
  details: [
    'Setting flags override config.json and the environment for this run only; they are not',
    'saved. A data directory that holds no node yet is initialized first with default settings,',
    'and its admin API token is printed once.',
  ],
  async run(ctx) {
    const loaded = await loadCliConfig(ctx);
    const { dataDir, host } = loaded.config;
    // On PostgreSQL several processes serve one node, from one data directory if need be.
    const already = loaded.config.databaseUrl === undefined ? await runningNode(dataDir) : null;
    if (already) {
      throw new CliFailure(
        `a node is already running on ${dataDir} (pid ${already.pid}, ${already.nodeId}); stop it before starting another`,
      );
    }
    if (!(await isInitialized(dataDir))) {
      const result = await initNode(dataDir, {}, new Date());
      printInitResult(ctx, ctx.out, result, undefined);
    }

    let node: RunningNode;
    try {
      node = await startNode({
        ...configOptions(ctx),
        log: stderrLogger(ctx, loaded.config.logLevel),
      });
    } catch (error) {
      throw listenFailure(error, host, loaded.config.port) ?? error;
    }
    await writeRuntimeRecord(dataDir, {
      pid: process.pid,
      nodeId: node.nodeId,
      host,
      port: node.port,
      startedAt: new Date().toISOString(),
    });
    ctx.out.line(`partner-sync node ${node.nodeId} listening on ${hostPort(host, node.port)}`);
    for (const warning of node.warnings) ctx.out.warn(warning);
    return waitForSignal(ctx, async () => {
      await node.close();
      await removeRuntimeRecord(dataDir, process.pid);
    });
  },
};

/**
 * Closes the node on the first SIGINT or SIGTERM and exits 0; a second signal while closing
 * exits at once. `process.exit` here because open sockets or timers of libraries must not keep a
 * stopped node's process alive.
 */
function waitForSignal(ctx: CommandContext, close: () => Promise<void>): Promise<never> {
  return new Promise<never>(() => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        ctx.out.warn(`${signal} again: exiting without waiting for the node to close`);
        process.exit(1);
      }
      stopping = true;
      ctx.out.line(`${signal}: stopping the node`);
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          ctx.out.error(`the node did not close cleanly: ${(error as Error).message}`);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function listenFailure(error: unknown, host: string, port: number): CliFailure | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = hostPort(host, port);
  if (code === 'EADDRINUSE') {
    return new CliFailure(
      `cannot listen on ${where}: the port is in use by another program; stop it or choose another port with --port`,
    );
  }
  if (code === 'EACCES') {
    return new CliFailure(
      `not allowed to listen on ${where}: ports below 1024 need extra privileges; choose another port with --port`,
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new CliFailure(
      `cannot listen on ${where}: ${host} is not an address of this machine; check --host`,
    );
  }
  return undefined;
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
