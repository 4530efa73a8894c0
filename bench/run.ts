/**
 * `npm run bench`: measures the node against ceilings measured in the same run, prints one table
 * and writes bench/results.json. `--tiny` runs every part on tiny sizes (the smoke test);
 * `--out FILE` writes the JSON elsewhere; `--only federation,startup` runs only those sections
 * (and the ceilings).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format } from 'prettier';
import type { BenchContext, Section } from './lib/context.ts';
import { BUNDLED_CHILDREN } from './lib/ipc.ts';
import { failed, renderTable, type Row } from './lib/report.ts';
import { FULL, scaled, TINY, withOverrides } from './lib/sizes.ts';
import { ceilings } from './sections/ceilings.ts';
import { consolePages } from './sections/console.ts';
import { events } from './sections/events.ts';
import { federation } from './sections/federation.ts';
import { flood } from './sections/flood.ts';
import { growth } from './sections/growth.ts';
import { fanOut, priceLists } from './sections/price-lists.ts';
import { postgresSection } from './sections/postgres.ts';
import { sqlite } from './sections/sqlite.ts';
import { startup } from './sections/startup.ts';

const SECTIONS: Section[] = [
  ceilings,
  sqlite,
  federation,
  postgresSection,
  events,
  startup,
  priceLists,
  fanOut,
  flood,
  growth,
  consolePages,
];

const { values } = parseArgs({
  options: {
    tiny: { type: 'boolean', default: false },
    out: { type: 'string' },
    /** Comma-separated section names, for working on one part; the ceilings always run. */
    only: { type: 'string' },
    /** Multiplies every count and duration (e.g. 0.25 for a quicker look while working). */
    scale: { type: 'string' },
    /** Overrides one size, e.g. `--set latencyMs=0` (0 skips that part); may repeat. */
    set: { type: 'string', multiple: true },
  },
});

/** A section by its name, or with hyphens for its spaces (`price-lists` for `price lists`). */
const sectionKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '-');
const only = values.only?.split(',').map(sectionKey);
const unknown = only?.filter((name) => !SECTIONS.some((s) => sectionKey(s.name) === name));
if (unknown?.length) {
  process.stderr.write(
    `bench: no section named ${unknown.join(', ')}; the sections: ${SECTIONS.map((s) => sectionKey(s.name)).join(', ')}\n`,
  );
  process.exit(2);
}

const started = new Date();
const loadBefore = await machineLoad();
const workDir = await mkdtemp(join(tmpdir(), 'partner-sync-bench-'));
const ctx: BenchContext = {
  sizes: withOverrides(scaled(values.tiny ? TINY : FULL, Number(values.scale ?? 1)), values.set),
  workDir,
  rows: [],
  log: (message) =>
    process.stderr.write(
      `[bench ${((Date.now() - started.getTime()) / 1000).toFixed(1)}s] ${message}\n`,
    ),
};

let exitCode = 0;
try {
  // `partner-sync serve` (the start-up and flood sections) runs the bundle only while it is newer
  // than every source, and otherwise compiles the sources with tsx: several times slower to start
  // and some 60 MB heavier. Built first, as `npm ci` builds it, those sections measure what a
  // deployment runs, not whether a developer rebuilt after the last edit.
  // The nodes the benchmark drives over IPC are bundled the same way, and run without tsx too.
  ctx.log('building the bundle (npm run build) and the bundled bench node');
  const { buildEntries, buildNode } = await import('../scripts/build.ts');
  await buildNode();
  await buildEntries(
    Object.entries(BUNDLED_CHILDREN).map(([script, outfile]) => ({
      in: `bench/child/${script}`,
      out: basename(outfile, '.mjs'),
    })),
  );

  for (const section of SECTIONS) {
    if (only && section !== ceilings && !only.includes(sectionKey(section.name))) continue;
    try {
      ctx.rows.push(...(await section.run(ctx)));
    } catch (error) {
      exitCode = 1;
      ctx.log(`${section.name} failed: ${error instanceof Error ? error.stack : String(error)}`);
      ctx.rows.push(
        failed(`${section.name}.error`, section.name, `${section.name} (whole section)`, '', error),
      );
    }
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}

const loadAfter = await machineLoad();
const table = renderTable(ctx.rows);
process.stdout.write(
  `partner-sync benchmark (${values.tiny ? 'tiny sizes' : 'full sizes'}), ${cpus().length} cores, ` +
    `Node ${process.version}; machine load before / after: ${loadBefore.text} / ${loadAfter.text}\n\n` +
    `${table}\n`,
);

const results = {
  startedAt: started.toISOString(),
  durationS: (Date.now() - started.getTime()) / 1000,
  sizes: values.tiny ? 'tiny' : 'full',
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? null,
    node: process.version,
    loadBefore,
    loadAfter,
  },
  rows: ctx.rows satisfies Row[],
  table,
};
const out = values.out ?? fileURLToPath(new URL('./results.json', import.meta.url));
// Written as the formatter writes JSON, so that a committed results.json passes format:check.
await writeFile(out, await format(JSON.stringify(results), { parser: 'json' }));
if (ctx.rows.some((r) => r.status === 'failed')) exitCode = 1;
process.exitCode = exitCode;

/**
 * How busy the machine is besides us: the load average and, where the kernel reports it, the
 * share of the last minute in which some task waited for a CPU (/proc/pressure/cpu).
 */
async function machineLoad(): Promise<{
  loadavg1: number;
  cpuPressure60: number | null;
  text: string;
}> {
  const loadavg1 = loadavg()[0] ?? 0;
  let cpuPressure60: number | null = null;
  try {
    const psi = await readFile('/proc/pressure/cpu', 'utf8');
    const m = /some avg10=[\d.]+ avg60=([\d.]+)/.exec(psi);
    if (m) cpuPressure60 = Number(m[1]);
  } catch {
    // not Linux, or no pressure stall information
  }
  const text =
    `load ${loadavg1.toFixed(1)}` +
    (cpuPressure60 === null ? '' : `, CPU waited ${cpuPressure60.toFixed(0)}% of the last minute`);
  return { loadavg1, cpuPressure60, text };
}
