/**
 * The browser tests' Chromium, driven by playwright-core. Test files connect to the one browser
 * the run started (test/support/chromium-global-setup.ts), each test in a fresh context (its own
 * cookies), so the files stay fast; `close()` closes the file's contexts and disconnects.
 */
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

export { CHROMIUM_PATH, HAVE_CHROMIUM } from '../support/chromium.ts';

/**
 * The run's browser, or one of the file's own when the run started none (a configuration
 * without the global setup, such as the mutation runs').
 */
export function launchChromium(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A phone-sized viewport: the pages must work there first. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
