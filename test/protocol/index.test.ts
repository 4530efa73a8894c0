import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as library from '../../protocol/index.ts';

const PROTOCOL_DIR = fileURLToPath(new URL('../../protocol/', import.meta.url));
const modules = readdirSync(PROTOCOL_DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -'.ts'.length));

// protocol/index.ts is the library's one entry point (the node, the CLI and other implementers
// import it): a module left out of it, or two modules exporting one name (which `export *`
// silently drops from both), would take part of the library away without an error.
describe('index', () => {
  it('re-exports every value of every protocol module, the same binding', async () => {
    expect(modules.length).toBeGreaterThanOrEqual(18);
    for (const file of modules) {
      const mod = (await import(`../../protocol/${file}.ts`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        expect(Object.hasOwn(library, name), `${file} exports ${name}`).toBe(true);
        expect((library as Record<string, unknown>)[name], `${file} exports ${name}`).toBe(value);
      }
    }
  });

  it('exports nothing that no module defines', async () => {
    const defined = new Set<string>();
    for (const file of modules) {
      for (const name of Object.keys(await import(`../../protocol/${file}.ts`))) defined.add(name);
    }
    expect(Object.keys(library).filter((name) => !defined.has(name))).toEqual([]);
  });
});
