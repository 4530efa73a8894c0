/**
 * `npm run build` (and `prepare`, so `npm ci` builds too): bundles the CLI and the node into
 * dist/partner-sync.mjs, which bin/partner-sync.js runs while it is newer than the sources. One
 * bundle loads in a fraction of the time tsx takes to compile every module at each start.
 *
 * The dependencies are bundled too, except the native ones (better-sqlite3, @node-rs/argon2):
 * resolving and loading a few hundred files from node_modules took about half of the start-up. Files read at run time
 * (migrations, schemas) are found from the package root, see node/paths.ts.
 *
 * Split into chunks: what a node needs to answer its first request (the CLI, the store, the
 * protocol, inbox and outbox) is in the entry's static imports; the admin API, the portal, the
 * console and what only they use (charts, mail, OIDC, CSV, i18n catalogs) are chunks imported on
 * first use (node/http/lazy-routes.ts). Loading everything at start cost a node about 120 MB of
 * its RSS and half of its start-up.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { realpathSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const OUT_DIR = 'dist';
export const BUNDLE = `${OUT_DIR}/partner-sync.mjs`;
/** Chunk files of the current and the previous build; see removeOldChunks. */
const CHUNK_LIST = `${OUT_DIR}/chunks.json`;
const CHUNK_PREFIX = 'chunk-';

/** How every bundle of the node is built (the benchmark bundles its node process with these too). */
export const BUNDLE_OPTIONS = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Entries and chunks in dist/ itself, at the depth of protocol/: protocol/schema-registry.ts
  // finds ../schemas/ from its own module, whichever file it ends up in.
  outdir: OUT_DIR,
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: `${CHUNK_PREFIX}[hash]`,
  // Without comments the code is ASCII (esbuild escapes the rest), so V8 keeps each file's source
  // as one byte per character rather than two: a single curly quote in a comment doubled the
  // 7.5 MB bundle's 15 MB of heap. Names stay as written, so stack traces still read.
  minifyWhitespace: true,
  // better-sqlite3 and @node-rs/argon2 are native: each loads its .node file from its own folder.
  external: ['better-sqlite3', '@node-rs/argon2'],
  // The CommonJS dependencies inside the bundle require Node's built-in modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
  metafile: true,
} satisfies BuildOptions;

/**
 * Builds entries (`out` names the file in dist/, without `.mjs`) and returns esbuild's metafile.
 * `outdir` elsewhere (a test's temp tree) must also sit one level under a package root.
 */
export async function buildEntries(
  entries: ReadonlyArray<{ in: string; out: string }>,
  outdir: string = OUT_DIR,
): Promise<Metafile> {
  const result = await build({ ...BUNDLE_OPTIONS, outdir, entryPoints: [...entries] });
  return result.metafile;
}

/** The node's entry: the CLI, whose `serve` runs the node. */
export const NODE_ENTRY = { in: 'node/cli/main.ts', out: 'partner-sync' } as const;

/** `npm run build`: the node's bundle in dist/, and the chunks no build needs any more removed. */
export async function buildNode(): Promise<Metafile> {
  const metafile = await buildEntries([NODE_ENTRY]);
  await removeOldChunks(metafile);
  return metafile;
}

/**
 * Removes chunks neither this build nor the one before wrote. A node started from the previous
 * build loads its chunks on first use, maybe after the next build: those stay until the build
 * after that, so an upgrade in place leaves the running node working until it is restarted.
 */
async function removeOldChunks(metafile: Metafile): Promise<void> {
  const written = Object.keys(metafile.outputs)
    .map((path) => basename(path))
    .filter((name) => name.startsWith(CHUNK_PREFIX));
  const list = join(ROOT, CHUNK_LIST);
  const previous = await readFile(list, 'utf8')
    .then((text) => (JSON.parse(text) as { current?: string[] }).current ?? [])
    .catch(() => [] as string[]);
  const keep = new Set([...written, ...previous]);
  for (const name of await readdir(join(ROOT, OUT_DIR))) {
    const chunk = name.replace(/\.map$/, '');
    if (chunk.startsWith(CHUNK_PREFIX) && !keep.has(chunk)) {
      await rm(join(ROOT, OUT_DIR, name), { force: true });
    }
  }
  await writeFile(list, `${JSON.stringify({ current: written, previous })}\n`);
}

// Run as a script (`npm run build`), not imported (bench/run.ts, tests): the script's path may
// reach it through a symbolic link, so both are compared resolved.
const script = process.argv[1];
if (script !== undefined && realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))) {
  await buildNode();
}
