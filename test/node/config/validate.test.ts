import { describe, expect, it } from 'vitest';

import { DEFAULTS, type NodeConfig } from '../../../node/config/defaults.ts';
import { validateConfig, type ValidateConfigResult } from '../../../node/config/validate.ts';

function valid(raw: Record<string, unknown>): NodeConfig {
  const result = validateConfig(raw, { cwd: '/srv/partner-sync' });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.config;
}

function messages(result: ValidateConfigResult): string[] {
  return result.ok ? [] : result.errors.map((e) => e.message);
}

describe('validate', () => {
  it('fills in every default, deriving url and resolving dataDir', () => {
    expect(valid({})).toEqual({
      ...DEFAULTS,
      url: 'http://127.0.0.1:8787',
      allowLoopback: true, // the default url is on loopback
      dataDir: '/srv/partner-sync/data',
    });
  });

  it('takes a PostgreSQL databaseUrl and never repeats the password of a bad one', () => {
    const url = 'postgres://node:s3cret@db.internal:5432/partner_sync';
    expect(valid({ databaseUrl: url }).databaseUrl).toBe(url);
    expect(valid({ databaseUrl: 'postgresql://db.internal/ps' }).databaseUrl).toBeDefined();
    for (const bad of ['mysql://node:s3cret@db/x', 'postgres://node:s3cret@', 'db.internal:5432']) {
      const text = messages(validateConfig({ databaseUrl: bad })).join('\n');
      expect(text, bad).toMatch(/databaseUrl: must be a PostgreSQL URL/);
      expect(text, bad).not.toContain('s3cret');
    }
  });

  it('derives the url from the port', () => {
    expect(valid({ port: 9000 }).url).toBe('http://127.0.0.1:9000');
    expect(valid({ port: '9001' }).url).toBe('http://127.0.0.1:9001');
  });

  it('coerces integers from plain digits only', () => {
    expect(valid({ port: '8080', maxBatch: '1000' })).toMatchObject({ port: 8080, maxBatch: 1000 });
    for (const bad of ['1e3', '0x10', ' 80', '80 ', '8.5', '', '+80', 8.5, true, null]) {
      const result = validateConfig({ port: bad });
      expect(result.ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('coerces booleans from true/false/1/0/yes/no in any case', () => {
    for (const [input, expected] of [
      ['true', true],
      ['FALSE', false],
      ['1', true],
      ['0', false],
      ['yes', true],
      ['No', false],
      [true, true],
    ] as const) {
      expect(valid({ allowPrivate: input }).allowPrivate, String(input)).toBe(expected);
    }
    expect(messages(validateConfig({ allowPrivate: 'on' }))).toEqual([
      'allowPrivate: must be true or false (or yes/no, 1/0) (got "on")',
    ]);
  });

  it('enforces ranges, naming the unit and the source', () => {
    const result = validateConfig(
      { maxBodyBytes: 100, port: 70000 },
      { origins: { maxBodyBytes: '/srv/data/config.json', port: '--port' } },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        setting: 'port',
        source: '--port',
        message: 'port: must be a whole number from 0 to 65535 (got 70000, from --port)',
      },
      {
        setting: 'maxBodyBytes',
        source: '/srv/data/config.json',
        message:
          'maxBodyBytes: must be a whole number of bytes from 1024 (1 KiB) to 16777216 (16 MiB) (got 100, from /srv/data/config.json)',
      },
    ]);
  });

  it('reports every bad setting at once', () => {
    const result = validateConfig(
      { port: '80a', logLevel: 'verbose', replayWindowDays: 0 },
      { origins: { port: 'PARTNER_SYNC_PORT' } },
    );
    expect(messages(result)).toEqual([
      'port: must be a whole number from 0 to 65535 (got "80a", from PARTNER_SYNC_PORT)',
      'replayWindowDays: must be a whole number of days from 1 to 365 (got 0)',
      'logLevel: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ]);
  });

  it('refuses unknown settings, suggesting the closest name', () => {
    const result = validateConfig(
      { prot: 8080, frobnicate: true },
      { origins: { prot: 'config.json' } },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        setting: 'prot',
        source: 'config.json',
        message: "unknown setting 'prot' in config.json; did you mean 'port'?",
      },
      { setting: 'frobnicate', message: "unknown setting 'frobnicate'" },
    ]);
  });

  it('strips one trailing slash from the url and refuses a query', () => {
    expect(valid({ url: 'https://partners.example.com/' }).url).toBe(
      'https://partners.example.com',
    );
    expect(messages(validateConfig({ url: 'https://partners.example.com/?node=1' }))).toEqual([
      'url: must not contain a query (?…) or fragment (#…) (got "https://partners.example.com/?node=1")',
    ]);
  });

  describe('allowLoopback', () => {
    it('defaults to true when the node url is on loopback', () => {
      expect(valid({ url: 'http://localhost:3000' }).allowLoopback).toBe(true);
      expect(valid({ url: 'http://[::1]:3000' }).allowLoopback).toBe(true);
      expect(valid({ url: 'http://127.0.0.2:3000' }).allowLoopback).toBe(true);
    });

    it('stays false on a loopback url when explicitly set to false', () => {
      expect(valid({ url: 'http://127.0.0.1:3000', allowLoopback: 'false' }).allowLoopback).toBe(
        false,
      );
    });

    it('defaults to false for a public url, and can be turned on', () => {
      expect(valid({ url: 'https://partners.example.com' }).allowLoopback).toBe(false);
      expect(
        valid({ url: 'https://partners.example.com', allowLoopback: true }).allowLoopback,
      ).toBe(true);
    });
  });

  it('checks text settings', () => {
    expect(valid({ name: '  Acme GmbH  ' }).name).toBe('Acme GmbH');
    expect(valid({ logLevel: 'DEBUG' }).logLevel).toBe('debug');
    expect(messages(validateConfig({ name: '   ' }))).toEqual([
      'name: must be 1 to 200 characters long (got "   ")',
    ]);
    expect(messages(validateConfig({ name: 'Acme\nINFO forged log line' }))[0]).toContain(
      'must not contain line breaks',
    );
    const long = messages(validateConfig({ name: 'x'.repeat(201) }))[0] ?? '';
    expect(long).toContain('must be 1 to 200 characters long');
    expect(long.length).toBeLessThan(150); // the bad value is shown cut short
    expect(validateConfig({ host: 'not a host' }).ok).toBe(false);
    expect(valid({ host: '::' }).host).toBe('::');
    expect(validateConfig({ dataDir: '' }).ok).toBe(false);
    expect(valid({ dataDir: '/var/lib/partner-sync' }).dataDir).toBe('/var/lib/partner-sync');
  });
});
