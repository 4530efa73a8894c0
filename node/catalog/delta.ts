/**
 * The difference between two versions as a delta carries it: the SKUs removed and the lines
 * added or changed. A delta's `removed` names SKUs (the wire format), and the recipient drops
 * every line of a removed SKU before it puts the delta's lines; so a SKU that lost one of its
 * quantity breaks is sent as removed plus all of its remaining lines.
 */
import type { StoredLine } from '../store/catalog-store.ts';
import { compareLines, lineKey } from './lines.ts';

export interface Delta {
  lines: StoredLine[];
  removed: string[];
}

/** Both inputs in key order (sku, qtyKey); so is the result's `lines`. */
export function computeDelta(base: readonly StoredLine[], next: readonly StoredLine[]): Delta {
  const lines: StoredLine[] = [];
  const removed: string[] = [];
  let i = 0;
  let j = 0;
  while (i < base.length || j < next.length) {
    const sku = pickSku(base[i], next[j]);
    const from: StoredLine[] = [];
    const to: StoredLine[] = [];
    while (i < base.length && base[i]!.sku === sku) from.push(base[i++]!);
    while (j < next.length && next[j]!.sku === sku) to.push(next[j++]!);
    const old = new Map(from.map((l) => [l.qtyKey, l.line]));
    if (from.some((l) => !to.some((t) => t.qtyKey === l.qtyKey))) {
      // A line of this SKU went away: remove the SKU and send what it has now.
      removed.push(sku);
      lines.push(...to);
    } else {
      for (const l of to) if (old.get(l.qtyKey) !== l.line) lines.push(l);
    }
  }
  return { lines, removed };
}

function pickSku(a: StoredLine | undefined, b: StoredLine | undefined): string {
  if (a === undefined) return b!.sku;
  if (b === undefined) return a.sku;
  return a.sku < b.sku ? a.sku : b.sku;
}

/** Applies a delta to lines in key order, as the recipient does; the result is in key order. */
export function applyDelta(base: readonly StoredLine[], delta: Delta): StoredLine[] {
  const gone = new Set(delta.removed);
  const byKey = new Map<string, StoredLine>();
  for (const l of base) if (!gone.has(l.sku)) byKey.set(lineKey(l), l);
  for (const l of delta.lines) byKey.set(lineKey(l), l);
  return [...byKey.values()].sort(compareLines);
}
