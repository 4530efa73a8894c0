/**
 * Debian's Chromium driven by playwright-core (a tool's own browser download cannot be fetched
 * here; .ci/run installs the `chromium` package). One browser per test file, each test in a fresh
 * context (its own cookies), so the files stay fast.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PARTNER_SYNC_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM_PATH);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized viewport: the pages must work there first. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
