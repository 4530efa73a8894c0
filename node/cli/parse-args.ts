/**
 * Parses one command's arguments with `node:util` parseArgs, then checks them itself so that each
 * mistake gets a sentence an operator understands: the closest flag for a typo, a flag that needs
 * a value, a flag that belongs to another command.
 */
import { parseArgs } from 'node:util';
import { closestName } from '../config/suggest.ts';
import type { CommandSpec, FlagSpec } from './command.ts';
import { UsageError } from './errors.ts';
import {
  BOOLEAN_SETTING_FLAGS,
  DATA_DIR_ALIAS,
  DATA_FLAG,
  SETTING_FLAGS,
  settingKeyOf,
} from './setting-flags.ts';

export const HELP_FLAG: FlagSpec = {
  name: 'help',
  type: 'boolean',
  description: 'Show this help.',
};

export const JSON_FLAG: FlagSpec = {
  name: 'json',
  type: 'boolean',
  description: 'Print one JSON document for scripts instead of text.',
};

export interface ParsedArgs {
  help: boolean;
  flags: Record<string, string | boolean | undefined>;
  settings: Record<string, string>;
  args: string[];
  dataDir: string | undefined;
}

/** Every flag a command accepts, in the order its help lists them. */
export function commandFlags(spec: CommandSpec): FlagSpec[] {
  return [
    ...spec.flags,
    ...(spec.noJson ? [] : [JSON_FLAG]),
    ...(spec.noDataDir ? [] : [DATA_FLAG, DATA_DIR_ALIAS]),
    ...(spec.settingFlags ? SETTING_FLAGS : []),
    HELP_FLAG,
  ];
}

export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const accepted = commandFlags(spec);
  const byName = new Map(accepted.map((f) => [f.name, f]));
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const flag of accepted) options[flag.name] = { type: flag.type };
  options.help = { type: 'boolean', short: 'h' };

  // Not strict: unknown flags and missing values are reported below, in our own words.
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  const result: ParsedArgs = {
    help: false,
    flags: {},
    settings: {},
    args: [],
    dataDir: undefined,
  };

  for (const token of tokens) {
    if (token.kind === 'positional') {
      result.args.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const flag = byName.get(token.name);
    if (flag === undefined) {
      const negated = token.name.startsWith('no-') ? token.name.slice(3) : undefined;
      if (negated !== undefined && spec.settingFlags && BOOLEAN_SETTING_FLAGS.has(negated)) {
        result.settings[settingKeyOf(negated) ?? negated] = 'false';
        continue;
      }
      throw new UsageError(unknownFlagMessage(spec, token.rawName, accepted), spec.name);
    }
    if (flag.name === 'help') {
      result.help = true;
      continue;
    }

    let value: string | boolean;
    if (flag.type === 'string') {
      // `--name --type x` would otherwise quietly make "--type" the name.
      if (typeof token.value !== 'string' || (!token.inlineValue && token.value.startsWith('--'))) {
        throw new UsageError(
          `${token.rawName} needs a value: ${token.rawName} ${flag.value ?? 'VALUE'}`,
          spec.name,
        );
      }
      value = token.value;
    } else if (typeof token.value === 'string') {
      if (!flag.setting) {
        throw new UsageError(`${token.rawName} takes no value`, spec.name);
      }
      value = token.value;
    } else {
      value = true;
    }

    if (flag.setting) {
      result.settings[settingKeyOf(flag.name) ?? flag.name] = String(value);
    } else if (flag === DATA_FLAG || flag === DATA_DIR_ALIAS) {
      result.dataDir = String(value);
    } else if (flag.multiple && typeof result.flags[flag.name] === 'string') {
      result.flags[flag.name] = `${String(result.flags[flag.name])},${String(value)}`;
    } else {
      result.flags[flag.name] = value;
    }
  }
  if (result.help) return result;

  checkArgs(spec, result.args);
  for (const flag of spec.flags) {
    if (flag.required && result.flags[flag.name] === undefined) {
      throw new UsageError(
        `missing --${flag.name} ${flag.value ?? ''}`.trimEnd() + `: ${flag.description}`,
        spec.name,
      );
    }
  }
  return result;
}

function checkArgs(spec: CommandSpec, args: readonly string[]): void {
  const specs = spec.args ?? [];
  const variadic = specs.some((a) => a.variadic);
  if (!variadic && args.length > specs.length) {
    const extra = args[specs.length] ?? '';
    throw new UsageError(
      specs.length === 0
        ? `${spec.name} takes no arguments, but got '${extra}'`
        : `unexpected argument '${extra}'`,
      spec.name,
    );
  }
  specs.forEach((arg, i) => {
    if (arg.required && args[i] === undefined) {
      throw new UsageError(
        `missing <${arg.name}>: usage: partner-sync ${spec.usage[0] ?? spec.name}`,
        spec.name,
      );
    }
  });
}

function unknownFlagMessage(spec: CommandSpec, rawName: string, accepted: FlagSpec[]): string {
  const name = rawName.replace(/^-+/, '');
  let message = `unknown flag ${rawName} for ${spec.name}`;
  const visible = accepted.filter((f) => !f.hidden).map((f) => f.name);
  const guess = closestName(name, visible);
  if (guess !== undefined) message += `; did you mean --${guess}?`;
  else if (!spec.settingFlags && settingKeyOf(name) !== undefined) {
    // A node setting given to a command that does not start a node.
    message += `; --${name} is a node setting: give it to init or serve, or set it in config.json`;
  }
  return message;
}
