/**
 * Help screens, rendered from the COMMANDS table: the overall usage, one command's flags, and the
 * subcommands of a group (`partners`, `outbox`). Plain text, wrapped at 100 columns.
 */
import type { CommandSpec, FlagSpec } from './command.ts';
import { commandFlags } from './parse-args.ts';

const WIDTH = 100;
const LABEL_MAX = 30;
/** Summaries are at most this long, so that the usage screen shows each on one line. */
export const SUMMARY_MAX = 72;
/** The usage screen's label column: a longer label puts its summary on the next line. */
const USAGE_LABEL_MAX = WIDTH - 4 - SUMMARY_MAX;

export function renderUsage(commands: readonly CommandSpec[]): string {
  const lines = [
    'partner-sync: a self-hosted node for partner relationship management',
    '',
    'Usage: partner-sync <command> [flags]',
    '',
    'Commands:',
    ...twoColumns(
      commands.map((c) => [commandLabel(c), c.summary]),
      USAGE_LABEL_MAX,
    ),
    '',
    'Every command takes --data DIR (default ./data, or PARTNER_SYNC_DATA_DIR) and --help.',
    'Run "partner-sync <command> --help" for its flags.',
  ];
  return lines.join('\n') + '\n';
}

export function renderCommandHelp(spec: CommandSpec, commands: readonly CommandSpec[]): string {
  const flags = commandFlags(spec).filter((f) => !f.hidden);
  const own = flags.filter((f) => !f.setting);
  const settings = flags.filter((f) => f.setting);
  const lines = [
    ...spec.usage.map((u, i) => `${i === 0 ? 'Usage: ' : '       '}partner-sync ${u}`),
    '',
    `${spec.summary}.`,
  ];
  if (spec.details) lines.push('', ...spec.details);
  if (spec.example) lines.push('', 'Example:', `  partner-sync ${spec.example}`);
  lines.push('', 'Flags:', ...twoColumns(own.map((f) => [flagLabel(f), flagText(f)])));
  if (settings.length > 0) {
    lines.push(
      '',
      spec.name === 'init'
        ? 'Node settings (saved in config.json; each also has an environment variable):'
        : 'Node settings (for this run only; they override config.json and the environment):',
      ...twoColumns(settings.map((f) => [flagLabel(f), flagText(f)])),
    );
  }
  const subcommands = commands.filter((c) => c.name.startsWith(`${spec.name} `));
  if (subcommands.length > 0) {
    lines.push(
      '',
      'Subcommands:',
      ...twoColumns(subcommands.map((c) => [commandLabel(c), c.summary])),
    );
  }
  return lines.join('\n') + '\n';
}

/** For a group name that is not a command by itself (`messages`, `keys`). */
export function renderGroupHelp(group: string, commands: readonly CommandSpec[]): string {
  const subcommands = commands.filter((c) => c.name.startsWith(`${group} `));
  return (
    [
      `Usage: partner-sync ${group} <subcommand> [flags]`,
      '',
      'Subcommands:',
      ...twoColumns(subcommands.map((c) => [commandLabel(c), c.summary])),
      '',
      `Run "partner-sync ${group} <subcommand> --help" for its flags.`,
    ].join('\n') + '\n'
  );
}

/** `connect <url>`, `outbox retry [<id>…]`: the name with its arguments. */
function commandLabel(spec: CommandSpec): string {
  const args = (spec.args ?? []).map((a) => {
    const name = `<${a.name}>${a.variadic ? '…' : ''}`;
    return a.required ? name : `[${name}]`;
  });
  return [spec.name, ...args].join(' ');
}

function flagLabel(flag: FlagSpec): string {
  const short = flag.name === 'help' ? '-h, ' : '    ';
  if (flag.setting && flag.type === 'boolean') return `${short}--${flag.name}[=false]`;
  return `${short}--${flag.name}${flag.value === undefined ? '' : ` ${flag.value}`}`;
}

function flagText(flag: FlagSpec): string {
  const notes = [
    flag.required ? 'required' : undefined,
    flag.default === undefined ? undefined : `default ${flag.default}`,
    flag.env === undefined ? undefined : `env ${flag.env}`,
  ].filter((n) => n !== undefined);
  return notes.length === 0 ? flag.description : `${flag.description} (${notes.join('; ')})`;
}

/** Labels in one column, wrapped descriptions in the next. */
function twoColumns(
  rows: ReadonlyArray<readonly [string, string]>,
  labelMax = LABEL_MAX,
): string[] {
  const width = Math.min(labelMax, Math.max(0, ...rows.map(([label]) => label.length)));
  const indent = 2 + width + 2;
  const lines: string[] = [];
  for (const [label, text] of rows) {
    const wrapped = wrap(text, WIDTH - indent);
    if (label.length > width) {
      lines.push(`  ${label}`);
      for (const line of wrapped) lines.push(`${' '.repeat(indent)}${line}`);
    } else {
      wrapped.forEach((line, i) =>
        lines.push(i === 0 ? `  ${label.padEnd(width)}  ${line}` : `${' '.repeat(indent)}${line}`),
      );
    }
  }
  return lines;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  if (current !== '') lines.push(current);
  return lines.length === 0 ? [''] : lines;
}
