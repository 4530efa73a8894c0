/**
 * vitest globalSetup: one Chromium for the whole run, which every browser test file connects to
 * (test/portal/browser.ts) instead of launching its own. Launching and closing a browser cost
 * 1–2.5 s per file on a 2-core machine, connecting 50–120 ms; each file still works in contexts
 * of its own (own cookies, own pages), closed when it disconnects. Without Chromium installed it
 * provides nothing and the browser tests skip, as before.
 */
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, CHROMIUM_PATH, HAVE_CHROMIUM } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The WebSocket endpoint of the run's Chromium, or '' when there is none. */
    chromiumEndpoint: string;
  }
}

let server: BrowserServer | null = null;

export async function setup(project: TestProject): Promise<void> {
  if (!HAVE_CHROMIUM) {
    project.provide('chromiumEndpoint', '');
    return;
  }
  server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  project.provide('chromiumEndpoint', server.wsEndpoint());
}

export async function teardown(): Promise<void> {
  await server?.close();
  server = null;
}
