/**
 * Node settings as command-line flags, generated from the SETTINGS table so that a new setting
 * gets its flag, help line and env var without touching the CLI.
 */
import { DEFAULTS, SETTINGS, type SettingSpec } from '../config/defaults.ts';
import type { FlagSpec } from './command.ts';

/** `--data` replaces the setting's own `--data-dir` flag (kept as a hidden alias). */
const DATA_DIR_KEY = 'dataDir';

export const DATA_FLAG: FlagSpec = {
  name: 'data',
  type: 'string',
  value: 'DIR',
  description: 'Data directory of the node: its database, keys and config.json.',
  env: 'PARTNER_SYNC_DATA_DIR',
  default: DEFAULTS.dataDir,
};

export const DATA_DIR_ALIAS: FlagSpec = {
  name: 'data-dir',
  type: 'string',
  value: 'DIR',
  description: 'Same as --data.',
  hidden: true,
};

const PLACEHOLDERS: Partial<Record<string, string>> = { url: 'URL', host: 'HOST', name: 'NAME' };

function settingFlag(spec: SettingSpec): FlagSpec {
  const name = spec.flag.replace(/^--/, '');
  const fallback = (DEFAULTS as Record<string, unknown>)[spec.key];
  return {
    name,
    // Booleans are parsed as switches (`--allow-loopback`, `--allow-loopback=false`).
    type: spec.type === 'boolean' ? 'boolean' : 'string',
    value:
      spec.type === 'integer'
        ? 'N'
        : spec.type === 'enum'
          ? (spec.values ?? []).join('|')
          : spec.type === 'boolean'
            ? undefined
            : (PLACEHOLDERS[spec.key] ?? 'VALUE'),
    description: spec.description,
    env: spec.env,
    ...(fallback === undefined ? {} : { default: String(fallback) }),
    setting: true,
  };
}

export const SETTING_FLAGS: readonly FlagSpec[] = SETTINGS.filter(
  (s) => s.key !== DATA_DIR_KEY,
).map(settingFlag);

const KEY_BY_FLAG: ReadonlyMap<string, string> = new Map(
  SETTINGS.filter((s) => s.key !== DATA_DIR_KEY).map((s) => [s.flag.replace(/^--/, ''), s.key]),
);

export const BOOLEAN_SETTING_FLAGS: ReadonlySet<string> = new Set(
  SETTINGS.filter((s) => s.type === 'boolean').map((s) => s.flag.replace(/^--/, '')),
);

/** The setting key a flag name stands for (`max-body-bytes` → `maxBodyBytes`). */
export function settingKeyOf(flagName: string): string | undefined {
  return KEY_BY_FLAG.get(flagName);
}
