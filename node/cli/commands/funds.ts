/** The marketing funds commands. */
import type { CommandSpec } from '../command.ts';

export const FUNDS_COMMANDS: readonly CommandSpec[] = [];
