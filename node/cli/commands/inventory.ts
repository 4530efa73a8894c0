/** The vendor-managed inventory commands. */
import type { CommandSpec } from '../command.ts';

export const INVENTORY_COMMANDS: readonly CommandSpec[] = [];
