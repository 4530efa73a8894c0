/**
 * `partner-sync`: the operator's command line. `runCli` parses, runs one command and turns every
 * failure into a message on stderr and an exit code; it never calls process.exit (only `serve`'s
 * signal handler does), so tests run it in-process with captured output.
 */
import { userInfo } from 'node:os';
import { AppError } from '../errors.ts';
import { CLI_ACTOR } from '../staff/audit-actor.ts';
import { recordOf } from '../staff/audit-record.ts';
import type { AuditScope } from '../staff/audit-scope.ts';
import type { CommandContext, CommandSpec } from './command.ts';
import { CliFailure, ConfigProblems, EXIT_FAILURE, EXIT_USAGE, UsageError } from './errors.ts';
import { renderCommandHelp, renderGroupHelp, renderUsage } from './help.ts';
import { resolveIo, type CliIo } from './io.ts';
import { createOutput } from './output.ts';
import { parseCommandArgs } from './parse-args.ts';
import type { Resolved } from './resolve.ts';

export type { CliIo } from './io.ts';

const HELP_WORDS = new Set(['help', '--help', '-h']);

/** Every command's code, loaded when a command other than `serve` runs or help is shown. */
async function allCommands(): Promise<readonly CommandSpec[]> {
  return (await import('./commands.ts')).COMMANDS;
}

/**
 * `serve` runs for months, so its process loads only its own command: the others' code (and what
 * it imports: admin views, CSV, the PostgreSQL driver) would be most of its memory and start-up.
 */
async function resolve(words: readonly string[]): Promise<Resolved> {
  if (words[0] === 'serve') {
    const { serveCommand } = await import('./commands/serve.ts');
    return { kind: 'command', spec: serveCommand, rest: words.slice(1) };
  }
  return (await import('./resolve.ts')).resolveCommand(words);
}

export async function runCli(argv: readonly string[], ioInput?: Partial<CliIo>): Promise<number> {
  const io = resolveIo(ioInput);
  try {
    const first = argv[0];
    if (first === undefined || (HELP_WORDS.has(first) && argv.length === 1)) {
      io.stdout.write(renderUsage(await allCommands()));
      return 0;
    }
    const words = HELP_WORDS.has(first) ? ['help', ...argv.slice(1)] : argv;
    const resolved = await resolve(words);
    if (resolved.kind === 'group') {
      const commands = await allCommands();
      if (resolved.rest.some((a) => HELP_WORDS.has(a))) {
        io.stdout.write(renderGroupHelp(resolved.group, commands));
        return 0;
      }
      const names = commands
        .filter((c) => c.name.startsWith(`${resolved.group} `))
        .map((c) => c.name.slice(resolved.group.length + 1));
      throw new UsageError(
        `${resolved.group} needs a subcommand: ${names.join(', ')}`,
        resolved.group,
      );
    }

    const { spec } = resolved;
    const parsed = parseCommandArgs(spec, resolved.rest);
    if (parsed.help) {
      io.stdout.write(renderCommandHelp(spec, await allCommands()));
      return 0;
    }
    const audit = auditScopeOf(spec);
    const ctx: CommandContext = {
      spec,
      io,
      out: createOutput(io, { json: parsed.flags.json === true }),
      flags: parsed.flags,
      settings: parsed.settings,
      args: parsed.args,
      dataDir: parsed.dataDir,
      ...(audit && { audit }),
    };
    const code = (await spec.run(ctx)) ?? 0;
    if (code === 0) ctx.out.finish();
    return code;
  } catch (error) {
    return reportError(error, io, { json: argv.includes('--json') });
  }
}

/**
 * The audit scope a command runs in (its store passes it with every unit, see node-context.ts):
 * every change it makes to the store is recorded as the operator's (`cli deals decide`), in the
 * change's own unit of work, as the admin API records a person's, naming the machine's user who
 * ran it. `serve` runs the node, whose changes are recorded per request instead.
 */
function auditScopeOf(spec: CommandContext['spec']): AuditScope | undefined {
  if (spec.name === 'serve') return undefined;
  const resource = spec.name.split(' ')[0]!;
  return {
    actor: CLI_ACTOR,
    operation: `cli ${spec.name}`,
    recordOf: (result) => recordOf(`/${resource}`, `/${resource}`, result),
    now: () => new Date(),
    detail: { osUser: osUser() },
    recorded: 0,
  };
}

/** Who runs the command on the node's machine, as far as the system says. */
function osUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null; // A container user without a passwd entry.
  }
}

/** Writes what went wrong for an operator to read and returns the exit code. */
export function reportError(error: unknown, io: CliIo, options = { json: false }): number {
  const out = createOutput(io, options);
  if (error instanceof UsageError) {
    const help = error.command === undefined ? 'help' : `${error.command} --help`;
    out.error(`${error.message} (see: partner-sync ${help})`);
    return EXIT_USAGE;
  }
  if (error instanceof ConfigProblems) {
    out.error(`${error.message}:`);
    for (const problem of error.problems) io.stderr.write(`  - ${problem.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof CliFailure) {
    out.error(error.message);
    return EXIT_FAILURE;
  }
  if (error instanceof AppError) {
    // openNode and startNode report bad config as one AppError with a line per problem.
    if (error.code === 'bad_config') {
      out.error('the configuration has problems:');
      io.stderr.write(`${error.message.replace(/^/gm, '  ')}\n`);
      return EXIT_USAGE;
    }
    // A refusal names its stable code, as the API and the console do, for scripts and support.
    out.error(`${error.message} (code: ${error.code})`);
    return EXIT_FAILURE;
  }

  const message = error instanceof Error ? error.message : String(error);
  out.error(message.split('\n')[0] ?? 'unexpected failure');
  const level = io.env.PARTNER_SYNC_LOG_LEVEL?.toLowerCase();
  if ((level === 'debug' || level === 'trace') && error instanceof Error && error.stack) {
    io.stderr.write(`${error.stack}\n`);
  } else {
    io.stderr.write('run with PARTNER_SYNC_LOG_LEVEL=debug for details\n');
  }
  return EXIT_FAILURE;
}
