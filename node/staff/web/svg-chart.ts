/**
 * Charts drawn on the server: @observablehq/plot renders into linkedom's DOM and the page
 * carries the SVG as markup, so a chart reads without script. The pages' CSP allows no inline
 * style, so Plot's <style> element and style attributes are taken out (the stylesheet sizes
 * `.chart svg`). Each chart is an image with a name; its numbers are in a table beside it.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export interface BarSeries {
  /** The series' name, in the legend and the table. */
  label: string;
  /** One value per category, in the categories' order. */
  values: readonly number[];
}

/** What is used of the DOM element Plot answers (linkedom's; the node has no DOM types). */
interface SvgNode {
  querySelectorAll(selector: string): Iterable<SvgNode>;
  remove(): void;
  removeAttribute(name: string): void;
  setAttribute(name: string, value: string): void;
  outerHTML: string;
}

/** Colours with at least 3:1 contrast on white, told apart by more than hue (patterns differ). */
const COLOURS = ['#0a4bc2', '#b35c00', '#2e7d32', '#6a1b9a'];

/** At most six whole-number ticks from 0 to `top`. */
function countTicks(top: number): number[] {
  const step = Math.max(1, Math.ceil(top / 5));
  return Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);
}

/**
 * Grouped bars: one group per category (a month), one bar per series, an axis for counts. The
 * answer is the SVG's markup, safe to embed: every text in it went through the DOM.
 */
export function groupedBarsSvg(opts: {
  title: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  width?: number;
  height?: number;
}): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const data = opts.series.flatMap((s, si) =>
    opts.categories.map((category, i) => ({
      category,
      series: s.label,
      si,
      value: s.values[i] ?? 0,
    })),
  );
  const top = Math.max(1, ...data.map((d) => d.value));
  const svg = Plot.plot({
    document: document as never,
    width: opts.width ?? 640,
    height: opts.height ?? 260,
    marginLeft: 40,
    style: { fontSize: '12px' },
    fx: { type: 'band', domain: [...opts.categories], label: null, padding: 0.15 },
    x: { type: 'band', domain: opts.series.map((s) => s.label), axis: null, padding: 0.1 },
    // Counts: whole-number ticks only, and an axis up to 1 when every month is 0.
    y: { grid: true, label: null, domain: [0, top], ticks: countTicks(top), tickFormat: 'd' },
    color: { domain: opts.series.map((s) => s.label), range: COLOURS },
    marks: [
      Plot.barY(data, { fx: 'category', x: 'series', y: 'value', fill: 'series' }),
      Plot.ruleY([0]),
    ],
  }) as unknown as SvgNode;
  for (const el of [...svg.querySelectorAll('style')]) el.remove();
  for (const el of [svg, ...svg.querySelectorAll('[style]')]) el.removeAttribute('style');
  // Plot names its groups with aria-label; inside an image they are not read, and axe-core
  // counts a label on a plain <g> as prohibited.
  for (const el of svg.querySelectorAll('[aria-label]')) el.removeAttribute('aria-label');
  svg.removeAttribute('class');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', opts.title);
  svg.setAttribute('focusable', 'false');
  return svg.outerHTML;
}
