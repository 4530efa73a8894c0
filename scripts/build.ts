/**
 * `npm run build` (and `prepare`, so `npm ci` builds too): bundles the CLI and the node into
 * dist/partner-sync.mjs, which bin/partner-sync.js runs while it is newer than the sources. One
 * file loads in a fraction of the time tsx takes to compile every module at each start.
 *
 * The dependencies are bundled too, except the native ones (better-sqlite3, @node-rs/argon2):
 * resolving and loading a few hundred files from node_modules took about half of the start-up. Files read at run time
 * (migrations, schemas) are found from the package root, see node/paths.ts.
 */
import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BUNDLE = 'dist/partner-sync.mjs';

/** How every bundle of the node is built (the benchmark bundles its node process with these too). */
export const BUNDLE_OPTIONS = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // better-sqlite3 and @node-rs/argon2 are native: each loads its .node file from its own folder.
  external: ['better-sqlite3', '@node-rs/argon2'],
  // The CommonJS dependencies inside the bundle require Node's built-in modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
} satisfies BuildOptions;

await build({ ...BUNDLE_OPTIONS, entryPoints: ['node/cli/main.ts'], outfile: BUNDLE });
