/**
 * `npm run build` (and `prepare`, so `npm ci` builds too): bundles the CLI and the node into
 * dist/partner-sync.mjs, which bin/partner-sync.js runs while it is newer than the sources. One
 * file loads in a fraction of the time tsx takes to compile every module at each start.
 *
 * Dependencies stay external and load from node_modules (better-sqlite3 is native, and the
 * others are already JavaScript); files read at run time (migrations, schemas) are found from
 * the package root, see node/paths.ts.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BUNDLE = 'dist/partner-sync.mjs';

await build({
  absWorkingDir: ROOT,
  entryPoints: ['node/cli/main.ts'],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
});
