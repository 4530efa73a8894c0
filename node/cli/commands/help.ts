/** `partner-sync help [command]`: the usage screen, or one command's flags. */
import type { CommandSpec } from '../command.ts';
import { COMMANDS } from '../commands.ts';
import { renderCommandHelp, renderGroupHelp, renderUsage } from '../help.ts';
import { resolveCommand } from '../resolve.ts';

export const helpCommand: CommandSpec = {
  name: 'help',
  summary: "Show this usage, or one command's flags",
  usage: ['help [command]'],
  example: 'help leads offer',
  args: [{ name: 'command', required: false, variadic: true }],
  flags: [],
  noDataDir: true,
  noJson: true,
  async run(ctx) {
    if (ctx.args.length === 0) {
      ctx.io.stdout.write(renderUsage(COMMANDS));
      return 0;
    }
    const resolved = resolveCommand(ctx.args);
    ctx.io.stdout.write(
      resolved.kind === 'group'
        ? renderGroupHelp(resolved.group, COMMANDS)
        : renderCommandHelp(resolved.spec, COMMANDS),
    );
    return 0;
  },
};
