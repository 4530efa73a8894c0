/**
 * Pictures of pages on demand: with PARTNER_SYNC_SCREENSHOTS=<dir>, the browser walks save each
 * page they open as <dir>/<name>.png (the docs take theirs from there). Without it, nothing.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = process.env.PARTNER_SYNC_SCREENSHOTS;

/** A file name from a page's path and the width it was seen at: `partners-3-390`. */
export function shotName(path: string, width: number): string {
  const slug = path
    .replace(/^\//, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/-$/, '');
  return `${slug || 'home'}-${width}`.slice(0, 80);
}

export async function screenshotIfAsked(page: Page, name: string): Promise<void> {
  if (!SCREENSHOT_DIR) return;
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
