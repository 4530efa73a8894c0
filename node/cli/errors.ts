/**
 * Errors the CLI itself raises, each with the exit code it ends with: 2 for a command line or
 * configuration the operator must fix before anything can run, 1 for an operation that failed.
 */
import type { ConfigError } from '../config/validate.ts';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A bad command line: unknown command or flag, missing value, wrong arguments. */
export class UsageError extends Error {
  /** The command whose help the operator should read, for the "see …" line. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** Every bad setting at once, as the config validator reported them. */
export class ConfigProblems extends Error {
  readonly problems: readonly ConfigError[];

  constructor(problems: readonly ConfigError[]) {
    super(`the configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    this.name = 'ConfigProblems';
    this.problems = problems;
  }
}

/** An operation that could not be done, explained in full; no stack trace is useful for it. */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliFailure';
  }
}
