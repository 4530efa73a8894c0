#!/usr/bin/env node
// Runs the bundle dist/partner-sync.mjs (`npm run build`; `npm ci` builds it through `prepare`)
// when it is newer than every file it was built from, since it starts in a fraction of the time
// tsx needs to compile the sources. Otherwise, as when a developer has edited a source since the
// last build, registers tsx's loader and runs the TypeScript itself, so stale code never runs.
//
// PARTNER_SYNC_SOURCE=1 forces the TypeScript path. It is a switch of this launcher, not a node
// setting (node/config/load.ts lets it through).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BUNDLE = join(ROOT, 'dist', 'partner-sync.mjs');
// What the bundle is built from, or reads at run time; scripts/build.ts holds its options, and the
// lock file changes when the dependencies bundled into it do.
const SOURCES = ['node', 'protocol', 'schemas', 'scripts/build.ts', 'package-lock.json'];

/** The bundle's path when it exists and no source is as new; null otherwise. */
function currentBundle() {
  if (process.env.PARTNER_SYNC_SOURCE === '1') return null;
  let built;
  try {
    built = statSync(BUNDLE).mtimeMs;
  } catch {
    return null;
  }
  return SOURCES.every((source) => olderThan(join(ROOT, source), built)) ? BUNDLE : null;
}

/** Whether the file, or every file under the directory, was last modified before `time`. */
function olderThan(path, time) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats === undefined) return true;
  // A directory's own mtime changes when an entry is added, removed or renamed.
  if (stats.mtimeMs >= time) return false;
  if (!stats.isDirectory()) return true;
  return readdirSync(path).every((name) => olderThan(join(path, name), time));
}

// A reader that stops early (`partner-sync messages in | head`) closes the pipe; the rest of the
// output has nowhere to go, which is not an error of the command: stop quietly, as Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const bundle = currentBundle();
let runCli;
if (bundle !== null) {
  ({ runCli } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../node/cli/main.ts'));
}
process.exitCode = await runCli(process.argv.slice(2));
