/**
 * axe-core in a page driven by playwright-core: the engine's own file is evaluated in the page
 * (the pages' CSP forbids injected script tags, evaluation is not a script tag), then run over the
 * whole document. Only serious and critical violations fail a test; each is reported with the
 * rule and the elements it found.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeFinding {
  rule: string;
  impact: string;
  nodes: string[];
}

/** The serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run((globalThis as any).document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      rule: v.id as string,
      impact: (v.impact ?? 'unknown') as string,
      nodes: v.nodes.slice(0, 5).map((n: any) => String(n.target.join(' '))),
    }));
  });
  return (found as AxeFinding[]).filter((f) => f.impact === 'serious' || f.impact === 'critical');
}
