// Gathers settings from their four layers (defaults < config.json < environment < flags),
// remembering where each came from, and hands them to the one validator.
import path from 'node:path';

import { DEFAULTS, ENV_PREFIX, SETTINGS, SETTINGS_BY_KEY, type NodeConfig } from './defaults.ts';
import { readConfigFile } from './config-file.ts';
import { closestName } from './suggest.ts';
import { validateConfig, type ConfigError } from './validate.ts';

export type ConfigSource = 'default' | 'file' | 'env' | 'flag' | 'derived';

export interface LoadConfigOptions {
  /** Overrides every other way of choosing the data directory (for embedding and tests). */
  dataDir?: string;
  /** Parsed command-line flags keyed by setting key (camelCase); undefined means not given. */
  flags?: Readonly<Record<string, string | boolean | undefined>>;
  /** Defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Base for a relative data directory; defaults to `process.cwd()`. */
  cwd?: string;
}

export type LoadConfigResult =
  | { ok: true; config: NodeConfig; sources: Record<keyof NodeConfig, ConfigSource> }
  | { ok: false; errors: ConfigError[] };

const ENV_TO_KEY: ReadonlyMap<string, string> = new Map(SETTINGS.map((s) => [s.env, s.key]));

export async function loadConfig(opts: LoadConfigOptions = {}): Promise<LoadConfigResult> {
  const env = opts.env ?? process.env;
  const flags = opts.flags ?? {};
  const cwd = opts.cwd ?? process.cwd();
  const errors: ConfigError[] = [];
  // Prototype-less, so a "__proto__" key in config.json is just an unknown setting.
  const raw: Record<string, unknown> = Object.create(null);
  const origins: Record<string, string> = Object.create(null);
  const sources: Partial<Record<string, ConfigSource>> = Object.create(null);
  const set = (key: string, value: unknown, source: ConfigSource, origin: string): void => {
    raw[key] = value;
    sources[key] = source;
    origins[key] = origin;
  };

  // The data directory is needed before anything else: config.json lives in it.
  if (env.PARTNER_SYNC_DATA_DIR !== undefined) {
    set('dataDir', env.PARTNER_SYNC_DATA_DIR, 'env', 'PARTNER_SYNC_DATA_DIR');
  }
  if (flags.dataDir !== undefined) set('dataDir', flags.dataDir, 'flag', '--data-dir');
  if (opts.dataDir !== undefined) set('dataDir', opts.dataDir, 'flag', 'the dataDir option');
  const dataDirInput = raw.dataDir ?? DEFAULTS.dataDir;

  // A bad data directory is reported by the validator below; the file is then skipped, but
  // every other setting is still checked so that all problems surface together.
  if (typeof dataDirInput === 'string' && dataDirInput.trim() !== '') {
    const file = await readConfigFile(path.resolve(cwd, dataDirInput));
    if (!file.ok) errors.push(file.error);
    else if (file.values !== undefined) {
      for (const [key, value] of Object.entries(file.values)) {
        if (key === 'dataDir') {
          errors.push({
            setting: key,
            source: file.path,
            message: `dataDir cannot be set in ${file.path}, which lives in the data directory; use --data-dir or PARTNER_SYNC_DATA_DIR`,
          });
        } else set(key, value, 'file', file.path);
      }
    }
  }

  for (const [name, value] of Object.entries(env)) {
    // Not settings: the data directory is read first, the crash point by node/faults/, the
    // source switch by bin/partner-sync.js.
    if (!name.startsWith(ENV_PREFIX) || value === undefined || name === 'PARTNER_SYNC_DATA_DIR') {
      continue;
    }
    if (name === 'PARTNER_SYNC_CRASH_AT' || name === 'PARTNER_SYNC_SOURCE') continue;
    const key = ENV_TO_KEY.get(name);
    if (key !== undefined) {
      set(key, value, 'env', name);
      continue;
    }
    // A misspelt variable would otherwise be silently ignored, which is the worst outcome.
    const guess = closestName(
      name.slice(ENV_PREFIX.length),
      [...ENV_TO_KEY.keys()].map(unprefixed),
    );
    errors.push({
      setting: name,
      source: name,
      message:
        `unknown environment variable ${name}` +
        (guess === undefined ? '' : `; did you mean ${ENV_PREFIX}${guess}?`),
    });
  }

  for (const [key, value] of Object.entries(flags)) {
    if (value === undefined || key === 'dataDir') continue;
    const spec = SETTINGS_BY_KEY.get(key);
    if (spec !== undefined) {
      set(key, value, 'flag', spec.flag);
      continue;
    }
    const guess = closestName(key, [...SETTINGS_BY_KEY.keys()]);
    const guessSpec = guess === undefined ? undefined : SETTINGS_BY_KEY.get(guess);
    errors.push({
      setting: key,
      source: `--${kebab(key)}`,
      message:
        `unknown option --${kebab(key)}` +
        (guessSpec === undefined ? '' : `; did you mean ${guessSpec.flag}?`),
    });
  }

  const result = validateConfig(raw, { origins, cwd });
  if (!result.ok) return { ok: false, errors: [...errors, ...result.errors] };
  if (errors.length > 0) return { ok: false, errors };

  const config = result.config;
  const all = {} as Record<keyof NodeConfig, ConfigSource>;
  for (const spec of SETTINGS) {
    all[spec.key] = sources[spec.key] ?? 'default';
  }
  if (sources.url === undefined) all.url = 'derived';
  if (sources.allowLoopback === undefined && config.allowLoopback !== DEFAULTS.allowLoopback) {
    all.allowLoopback = 'derived';
  }
  return { ok: true, config, sources: all };
}

function unprefixed(envName: string): string {
  return envName.slice(ENV_PREFIX.length);
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
