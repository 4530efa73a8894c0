/** The orders commands. */
import type { CommandSpec } from '../command.ts';

export const ORDERS_COMMANDS: readonly CommandSpec[] = [];
