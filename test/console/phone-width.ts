/** What on a page sticks out of a 390 px phone screen: elements past the right edge, and the page's scroll width. */
import type { Page } from 'playwright-core';

export async function overflowAt390(page: Page): Promise<{ wide: string[]; scrollWidth: number }> {
  return page.evaluate(() => {
    const d = (globalThis as any).document;
    const wide = [...d.querySelectorAll('body *')]
      .filter((e: any) => e.getBoundingClientRect().right > 390.5)
      .map((e: any) => `${e.tagName}.${e.className}`);
    return { wide, scrollWidth: d.documentElement.scrollWidth };
  });
}
