/**
 * Files the node reads from its installation at run time, located from the package root rather
 * than from this module: the same code runs as TypeScript from node/db/ and bundled from dist/,
 * at different depths, and both find the root by its package.json. (protocol/ cannot import this
 * module; its `../schemas/` is right from both protocol/ and dist/, which sit at the same depth.)
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

/** The directory holding package.json, node/, schemas/ and dist/. */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** drizzle-kit's output folder, applied at start by open-database.ts. */
export const MIGRATIONS_DIR = join(PACKAGE_ROOT, 'node', 'db', 'migrations');

/** The PostgreSQL store's migrations (drizzle.pg.config.ts), applied by open-postgres.ts. */
export const PG_MIGRATIONS_DIR = join(PACKAGE_ROOT, 'node', 'db', 'pg-migrations');
