import { describe, expect, it } from 'vitest';

import {
  DEFAULTS,
  MIB,
  SETTINGS,
  defaultUrl,
  type NodeConfig,
} from '../../../node/config/defaults.ts';
import { validateConfig } from '../../../node/config/validate.ts';

// Every key of NodeConfig, checked against SETTINGS so a setting cannot be half-added.
const KEYS: Record<keyof NodeConfig, true> = {
  name: true,
  url: true,
  host: true,
  port: true,
  allowLoopback: true,
  allowPrivate: true,
  maxBodyBytes: true,
  maxBatch: true,
  inboxRateLimit: true,
  outboundTimeoutMs: true,
  maxResponseBytes: true,
  replayWindowDays: true,
  retryHorizonHours: true,
  retryMaxDelaySeconds: true,
  retryAfterMaxSeconds: true,
  eventRetentionDays: true,
  staffNotificationRetentionDays: true,
  webhookRetryHorizonHours: true,
  webhookDeliveryRetentionDays: true,
  invitationTtlHours: true,
  keyRefetchIntervalSeconds: true,
  partnerMessageRateLimit: true,
  partnerStorageQuotaMib: true,
  resyncsPerHour: true,
  maxPartsPerVersion: true,
  maxProofBytesPerClaim: true,
  cashSaleBackdateHours: true,
  logLevel: true,
  metrics: true,
  defaultLanguage: true,
  metricsToken: true,
  trustedProxies: true,
  databaseUrl: true,
  dataDir: true,
};

describe('defaults', () => {
  it('has the documented default values', () => {
    expect(DEFAULTS).toEqual({
      name: 'partner-sync node',
      host: '127.0.0.1',
      port: 8787,
      allowLoopback: false,
      allowPrivate: false,
      maxBodyBytes: MIB,
      maxBatch: 100,
      inboxRateLimit: 1200,
      outboundTimeoutMs: 10_000,
      maxResponseBytes: MIB,
      replayWindowDays: 30,
      retryHorizonHours: 168,
      retryMaxDelaySeconds: 3600,
      retryAfterMaxSeconds: 3600,
      eventRetentionDays: 30,
      staffNotificationRetentionDays: 90,
      webhookRetryHorizonHours: 72,
      webhookDeliveryRetentionDays: 7,
      invitationTtlHours: 168,
      keyRefetchIntervalSeconds: 60,
      partnerMessageRateLimit: 1200,
      partnerStorageQuotaMib: 1024,
      resyncsPerHour: 12,
      maxPartsPerVersion: 1000,
      maxProofBytesPerClaim: 10 * MIB,
      cashSaleBackdateHours: 24,
      logLevel: 'info',
      metrics: 'off',
      defaultLanguage: 'en',
      dataDir: './data',
    });
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
    expect(defaultUrl(8787)).toBe('http://127.0.0.1:8787');
  });

  it('describes every setting exactly once', () => {
    expect(SETTINGS.map((s) => s.key).sort()).toEqual(Object.keys(KEYS).sort());
  });

  it('names env vars and flags by the convention', () => {
    for (const s of SETTINGS) {
      const snake = s.key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
      const kebab = s.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(s.env).toBe(`PARTNER_SYNC_${snake}`);
      expect(s.flag).toBe(`--${kebab}`);
    }
  });

  it('gives each setting an operator-facing sentence and consistent metadata', () => {
    for (const s of SETTINGS) {
      expect(s.description, s.key).toMatch(/^[A-Z].{20,}\.$/s);
      if (s.type === 'integer') {
        expect(s.min, s.key).toBeTypeOf('number');
        expect(s.max, s.key).toBeTypeOf('number');
        const value = DEFAULTS[s.key as keyof typeof DEFAULTS] as number;
        expect(value, s.key).toBeGreaterThanOrEqual(s.min ?? NaN);
        expect(value, s.key).toBeLessThanOrEqual(s.max ?? NaN);
      }
      if (s.type === 'enum') {
        expect(s.values, s.key).toContain(DEFAULTS[s.key as keyof typeof DEFAULTS]);
      }
    }
  });

  it('passes its own validator', () => {
    expect(validateConfig({ ...DEFAULTS }, { cwd: '/srv' }).ok).toBe(true);
  });
});
