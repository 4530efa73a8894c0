/**
 * The benchmark's results: one row per figure, each with the ceiling it is compared to (measured
 * in the same run) and its target when it has one. Rendered as one table and written as JSON.
 */

export interface Target {
  /** What is asked, in words: "≥ 0.6 × verify ceiling". */
  text: string;
  /** Whether the figure meets it; null when there is no figure (not built, failed). */
  met: boolean | null;
}

export interface Row {
  /** Stable key for results.json, e.g. `throughput.ratio`. */
  id: string;
  group: string;
  label: string;
  /** Null when the figure could not be measured (see `status`). */
  value: number | null;
  unit: string;
  /** `not built yet`: the feature does not exist; `failed`: the measurement broke (see note). */
  status?: 'ok' | 'not built yet' | 'failed';
  /** The figure as a fraction of a ceiling measured in the same run. */
  ratio?: { of: string; value: number };
  target?: Target;
  note?: string;
}

export function row(r: Omit<Row, 'status'> & { status?: Row['status'] }): Row {
  return { status: 'ok', ...r };
}

export function notBuilt(
  id: string,
  group: string,
  label: string,
  unit: string,
  target?: string,
  note?: string,
): Row {
  return {
    id,
    group,
    label,
    value: null,
    unit,
    status: 'not built yet',
    ...(target ? { target: { text: target, met: null } } : {}),
    ...(note ? { note } : {}),
  };
}

export function failed(
  id: string,
  group: string,
  label: string,
  unit: string,
  error: unknown,
  target?: string,
): Row {
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return {
    id,
    group,
    label,
    value: null,
    unit,
    status: 'failed',
    ...(target ? { target: { text: target, met: null } } : {}),
    note: message.slice(0, 300),
  };
}

export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const n = value.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
  return unit ? `${n} ${unit}` : n;
}

/** Renders the rows as one plain-text table, grouped, with a Met column for the targets. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['Measure', 'Value', 'Ratio to ceiling', 'Target', 'Met'];
  const lines: string[][] = [];
  // Grouped in the order each group first appears, whichever section added the row.
  const groups = [...new Set(rows.map((r) => r.group))];
  const ordered = groups.flatMap((g) => rows.filter((r) => r.group === g));
  let group = '';
  for (const r of ordered) {
    if (r.group !== group) {
      group = r.group;
      lines.push([`[${group}]`, '', '', '', '']);
    }
    const value = r.status === 'ok' ? formatValue(r.value, r.unit) : r.status!;
    const ratio = r.ratio ? `${r.ratio.value.toFixed(2)} × ${r.ratio.of}` : '';
    const met = !r.target ? '' : r.target.met === null ? '—' : r.target.met ? 'yes' : 'NO';
    lines.push([`  ${r.label}`, value, ratio, r.target?.text ?? '', met]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [fmt(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const l of lines) out.push(fmt(l));
  const notes = rows.filter((r) => r.note);
  if (notes.length > 0) {
    out.push('', 'Notes:');
    for (const r of notes) out.push(`  ${r.label}: ${r.note}`);
  }
  return out.join('\n');
}
