import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PROTOCOL_DIR = fileURLToPath(new URL('../../protocol/', import.meta.url));
const ROOT = resolve(PROTOCOL_DIR, '..');
const FORBIDDEN = /^(hono|@hono\/|drizzle-orm|better-sqlite3|undici)(\/|$)/;
const ALLOWED_PACKAGES = /^(jose|ajv|ajv-formats|uuid|canonicalize)(\/|$)|^node:/;

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const m of source.matchAll(pattern)) found.push(m[1] as string);
  }
  return found;
}

describe('dependency-rule', () => {
  const files = readdirSync(PROTOCOL_DIR).filter((f) => f.endsWith('.ts'));

  it('finds the protocol sources and their imports', () => {
    expect(files).toContain('index.ts');
    expect(specifiers(readFileSync(join(PROTOCOL_DIR, 'verify.ts'), 'utf8'))).toContain('jose');
  });

  it('protocol/ imports nothing from node/ nor a server, storage or HTTP library', () => {
    for (const file of files) {
      const path = join(PROTOCOL_DIR, file);
      for (const spec of specifiers(readFileSync(path, 'utf8'))) {
        const where = `${file} imports ${spec}`;
        expect(FORBIDDEN.test(spec), where).toBe(false);
        if (spec.startsWith('.')) {
          const target = relative(ROOT, resolve(dirname(path), spec));
          expect(target.startsWith('node/') || target === 'node', where).toBe(false);
          expect(target.startsWith('protocol/') || target.startsWith('schemas/'), where).toBe(true);
        } else {
          expect(ALLOWED_PACKAGES.test(spec), where).toBe(true);
        }
      }
    }
  });
});
