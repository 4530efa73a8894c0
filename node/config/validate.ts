// One validator for every setting, wherever it came from. It collects every problem before
// answering, so an operator fixes a broken config in one pass instead of one restart per typo.
import path from 'node:path';

import {
  DEFAULTS,
  SETTINGS,
  SETTINGS_BY_KEY,
  defaultUrl,
  type NodeConfig,
  type SettingSpec,
} from './defaults.ts';
import { parseTrustedProxies } from '../http/client-address.ts';
import { isLoopbackHost, parseNodeUrl } from './node-url.ts';
import { closestName } from './suggest.ts';

export interface ConfigError {
  /** Setting key (`port`), or the unknown name as written (`prot`, `PARTNER_SYNC_PROT`). */
  setting: string;
  /** Where the bad value came from: a file path, `PARTNER_SYNC_PORT`, `--port`. */
  source?: string;
  /** A complete sentence for the operator, ready to print on its own line. */
  message: string;
}

export interface ValidateConfigOptions {
  /** Where each raw value came from, named as the operator wrote it; quoted in messages. */
  origins?: Readonly<Record<string, string>>;
  /** Base for a relative `dataDir`; defaults to the process working directory. */
  cwd?: string;
}

export type ValidateConfigResult =
  { ok: true; config: NodeConfig } | { ok: false; errors: ConfigError[] };

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
};

type Check = { ok: true; value: unknown } | { ok: false; problem: string };

/**
 * Validates raw settings (typed values from config.json, strings from env and flags) and fills
 * in defaults. Unset means absent or `undefined`.
 */
export function validateConfig(
  raw: Record<string, unknown>,
  options: ValidateConfigOptions = {},
): ValidateConfigResult {
  const origins = options.origins ?? {};
  const errors: ConfigError[] = [];
  const values: Record<string, unknown> = {};

  for (const spec of SETTINGS) {
    const input = raw[spec.key];
    if (input === undefined) continue;
    const check = checkSetting(spec, input);
    if (check.ok) values[spec.key] = check.value;
    else errors.push(settingError(spec.key, origins[spec.key], check.problem, input));
  }

  for (const key of Object.keys(raw)) {
    if (SETTINGS_BY_KEY.has(key) || raw[key] === undefined) continue;
    const origin = origins[key];
    const guess = closestName(key, [...SETTINGS_BY_KEY.keys()]);
    errors.push({
      setting: key,
      ...(origin === undefined ? {} : { source: origin }),
      message:
        `unknown setting '${key}'${origin === undefined ? '' : ` in ${origin}`}` +
        (guess === undefined ? '' : `; did you mean '${guess}'?`),
    });
  }

  if (errors.length > 0) return { ok: false, errors };
  const config = { ...DEFAULTS, ...values } as NodeConfig;
  // The url defaults to the port, so it is derived after the port is known to be valid.
  if (raw.url === undefined) config.url = defaultUrl(config.port);
  // A node whose own identity is on loopback can only ever talk to other local nodes, so
  // refusing loopback partners would make it useless; an explicit false still wins.
  if (raw.allowLoopback === undefined) {
    const own = parseNodeUrl(config.url);
    config.allowLoopback = own.ok && isLoopbackHost(own.hostname);
  }
  config.dataDir = path.resolve(options.cwd ?? process.cwd(), config.dataDir);
  return { ok: true, config };
}

function checkSetting(spec: SettingSpec, input: unknown): Check {
  switch (spec.type) {
    case 'integer':
      return checkInteger(spec, input);
    case 'boolean':
      return checkBoolean(input);
    case 'enum':
      return checkEnum(spec, input);
    case 'string':
      if (spec.key === 'url') return checkUrl(input);
      if (spec.key === 'host') return checkHost(input);
      if (spec.key === 'dataDir') return checkDataDir(input);
      if (spec.key === 'trustedProxies') return checkTrustedProxies(spec, input);
      if (spec.key === 'databaseUrl') return checkDatabaseUrl(spec, input);
      return checkText(spec, input);
  }
}

function checkInteger(spec: SettingSpec, input: unknown): Check {
  const min = spec.min ?? Number.MIN_SAFE_INTEGER;
  const max = spec.max ?? Number.MAX_SAFE_INTEGER;
  const unit = spec.unit === undefined ? '' : ` of ${spec.unit}`;
  const problem = `must be a whole number${unit} from ${withSize(spec, min)} to ${withSize(spec, max)}`;
  // Strings come from env and flags; only plain digits, so "1e3", "0x10" or "80 " are refused
  // rather than guessed at.
  const value =
    typeof input === 'number'
      ? input
      : typeof input === 'string' && /^-?\d+$/.test(input)
        ? Number(input)
        : NaN;
  if (!Number.isInteger(value) || value < min || value > max) return { ok: false, problem };
  return { ok: true, value };
}

/** 16777216 → "16777216 (16 MiB)": operators think in MiB, the setting is in bytes. */
function withSize(spec: SettingSpec, n: number): string {
  if (spec.unit !== 'bytes') return String(n);
  if (n % (1024 * 1024) === 0) return `${n} (${n / (1024 * 1024)} MiB)`;
  if (n % 1024 === 0) return `${n} (${n / 1024} KiB)`;
  return String(n);
}

function checkBoolean(input: unknown): Check {
  if (typeof input === 'boolean') return { ok: true, value: input };
  const word = typeof input === 'string' || typeof input === 'number' ? String(input) : '';
  const value = BOOLEAN_WORDS[word.toLowerCase()];
  if (value === undefined) return { ok: false, problem: 'must be true or false (or yes/no, 1/0)' };
  return { ok: true, value };
}

function checkEnum(spec: SettingSpec, input: unknown): Check {
  const allowed = spec.values ?? [];
  // Case-insensitive: LOG_LEVEL=DEBUG (or zh-cn) is what people type; the value keeps the
  // allowed spelling (zh-CN).
  const typed = typeof input === 'string' ? input.toLowerCase() : undefined;
  const value = allowed.find((v) => v.toLowerCase() === typed);
  if (value === undefined) {
    return { ok: false, problem: `must be one of ${allowed.join(', ')}` };
  }
  return { ok: true, value };
}

/** A postgres:// URL; the problem never repeats the URL, which may hold a password. */
function checkDatabaseUrl(spec: SettingSpec, input: unknown): Check {
  const text = checkText(spec, input);
  if (!text.ok) return text;
  const value = text.value as string;
  const problem = 'must be a PostgreSQL URL: postgres://user:password@host:5432/database';
  if (!/^postgres(ql)?:\/\//i.test(value)) return { ok: false, problem };
  try {
    const url = new URL(value);
    if (url.hostname === '' && !url.searchParams.has('host')) return { ok: false, problem };
  } catch {
    return { ok: false, problem };
  }
  return { ok: true, value };
}

function checkText(spec: SettingSpec, input: unknown): Check {
  if (typeof input !== 'string') return { ok: false, problem: 'must be text' };
  // Shown to partners and written to logs: surrounding blanks are noise, control characters
  // (line breaks included) would forge log lines or break headers.
  const value = input.trim();
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    return { ok: false, problem: 'must not contain line breaks or control characters' };
  }
  const min = spec.min ?? 1;
  const max = spec.max ?? Infinity;
  const length = [...value].length;
  if (length < min || length > max) {
    return { ok: false, problem: `must be ${min} to ${max} characters long` };
  }
  return { ok: true, value };
}

function checkTrustedProxies(spec: SettingSpec, input: unknown): Check {
  const text = checkText(spec, input);
  if (!text.ok) return text;
  const { ranges, invalid } = parseTrustedProxies(text.value as string);
  if (invalid.length > 0 || ranges.length === 0) {
    const named = invalid.length > 0 ? `; not one: ${invalid.slice(0, 3).join(', ')}` : '';
    return {
      ok: false,
      problem: `must be IP addresses or CIDR ranges, comma-separated${named}`,
    };
  }
  return text;
}

function checkUrl(input: unknown): Check {
  if (typeof input !== 'string') return { ok: false, problem: 'must be text: a URL' };
  const parsed = parseNodeUrl(input);
  return parsed.ok ? { ok: true, value: parsed.url } : { ok: false, problem: parsed.problem };
}

function checkHost(input: unknown): Check {
  // An IP literal or a host name; whether it can actually be bound is learnt at listen time.
  if (typeof input !== 'string' || !/^(?:[A-Za-z0-9.-]{1,253}|[0-9A-Fa-f:.]{2,45})$/.test(input)) {
    return {
      ok: false,
      problem:
        'must be an address to listen on, such as 127.0.0.1 (this machine only) or 0.0.0.0 (all networks)',
    };
  }
  return { ok: true, value: input };
}

function checkDataDir(input: unknown): Check {
  if (typeof input !== 'string' || input.trim() === '' || input.includes('\0')) {
    return { ok: false, problem: 'must be the path of a directory' };
  }
  return { ok: true, value: input };
}

function settingError(
  setting: string,
  origin: string | undefined,
  problem: string,
  input: unknown,
): ConfigError {
  const from = origin === undefined ? '' : `, from ${origin}`;
  return {
    setting,
    ...(origin === undefined ? {} : { source: origin }),
    message: `${setting}: ${problem} (got ${show(setting === 'databaseUrl' ? withoutPassword(input) : input)}${from})`,
  };
}

/** A database URL as it may be shown: its password (`user:password@`) blanked. */
function withoutPassword(input: unknown): unknown {
  return typeof input === 'string' ? input.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@') : input;
}

/** The offending value as the operator would recognise it, cut short if it is long. */
function show(input: unknown): string {
  const text =
    typeof input === 'string' || typeof input === 'object'
      ? (JSON.stringify(input) ?? String(input))
      : String(input);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
