/** Finds the command an argument list names: one word, or a group and its subcommand. */
import { closestName } from '../config/suggest.ts';
import type { CommandSpec } from './command.ts';
import { COMMANDS, findCommand, subcommandsOf } from './commands.ts';
import { UsageError } from './errors.ts';

export type Resolved =
  | { kind: 'command'; spec: CommandSpec; rest: string[] }
  /** A group without a command of its own (`messages`), named without a subcommand. */
  | { kind: 'group'; group: string; rest: string[] };

export function resolveCommand(argv: readonly string[]): Resolved {
  const [first = '', second] = argv;
  if (first.startsWith('-')) {
    throw new UsageError(`put the command first: partner-sync <command> ${first} …`);
  }
  const word = second !== undefined && !second.startsWith('-') ? second : undefined;
  const pair = word === undefined ? undefined : findCommand(`${first} ${word}`);
  if (pair) return { kind: 'command', spec: pair, rest: argv.slice(2) };

  const single = findCommand(first);
  const subcommands = subcommandsOf(first);
  if (subcommands.length > 0 && word !== undefined && (single?.args ?? []).length === 0) {
    const names = subcommands.map((c) => c.name.slice(first.length + 1));
    const guess = closestName(word, names);
    throw new UsageError(
      `unknown subcommand '${word}' for ${first}` +
        (guess === undefined
          ? `; it has: ${names.join(', ')}`
          : `; did you mean ${first} ${guess}?`),
      first,
    );
  }
  if (single) return { kind: 'command', spec: single, rest: argv.slice(1) };
  if (subcommands.length > 0) return { kind: 'group', group: first, rest: argv.slice(1) };

  const candidates = [...new Set(COMMANDS.map((c) => c.name.split(' ')[0] ?? c.name))];
  const guess = closestName(first, candidates);
  throw new UsageError(
    `unknown command '${first}'` + (guess === undefined ? '' : `; did you mean ${guess}?`),
  );
}
