/**
 * Debian's Chromium (a tool's own browser download cannot be fetched here; .ci/run installs the
 * `chromium` package) and the flags every test browser runs with.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.PARTNER_SYNC_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM_PATH);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
