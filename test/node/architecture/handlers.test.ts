import { readdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getDefaultSchemaRegistry, isMessageKind, MESSAGE_KINDS } from '../../../protocol/index.ts';
import {
  CONNECT_KIND,
  createHandlerRegistry,
  defaultHandlers,
} from '../../../node/handlers/registry.ts';
import { createLazyHandlerRegistry } from '../../../node/handlers/lazy-registry.ts';

const NODE_DIR = fileURLToPath(new URL('../../../node/', import.meta.url));

/** Every file under node/ whose name ends in `-handler.ts`, as a path relative to node/. */
function handlerFiles(): string[] {
  return readdirSync(NODE_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('-handler.ts'))
    .map((f) => relative(NODE_DIR, `${NODE_DIR}${f}`));
}

/** `lead.offer` → `lead-offer-handler.ts`: the file name the template gives a kind's handler. */
const fileOf = (kind: string) => `${kind.replaceAll('.', '-')}-handler.ts`;

describe('handlers', () => {
  const schemaKinds = getDefaultSchemaRegistry().kinds();

  it('MESSAGE_KINDS names exactly the kinds that have a schema', () => {
    expect([...MESSAGE_KINDS].sort()).toEqual(schemaKinds);
    expect(isMessageKind('lead.offer')).toBe(true);
    expect(isMessageKind('lead.offered')).toBe(false);
  });

  it('registers exactly one handler for each schema kind (partner.connect has its own route)', () => {
    const kinds = defaultHandlers().map((h) => h.kind);
    expect(new Set(kinds).size, 'a kind registered twice').toBe(kinds.length);
    expect([CONNECT_KIND, ...kinds].sort()).toEqual(schemaKinds);
    expect(createHandlerRegistry().kinds()).toEqual(schemaKinds);
  });

  it('the lazy registry a node starts with lists the same kinds, and each handler once loaded', async () => {
    const lazy = createLazyHandlerRegistry();
    expect(lazy.kinds()).toEqual(schemaKinds);
    expect(lazy.get(CONNECT_KIND)).toBeUndefined();
    expect(lazy.get('lead.offered')).toBeUndefined();
    await lazy.load();
    for (const kind of schemaKinds.filter((k) => k !== CONNECT_KIND)) {
      expect(lazy.get(kind)?.kind, kind).toBe(kind);
    }
  });

  it('keeps each kind’s handler in one file named <kind>-handler.ts, and no other handler file', () => {
    const files = handlerFiles();
    const expected = schemaKinds.filter((k) => k !== CONNECT_KIND).map(fileOf);
    for (const name of expected) {
      expect(
        files.filter((f) => f.endsWith(`/${name}`)),
        name,
      ).toHaveLength(1);
    }
    const names = files.map((f) => f.slice(f.lastIndexOf('/') + 1));
    expect(
      names.filter((n) => !expected.includes(n)),
      'handler files for no kind',
    ).toEqual([]);
  });

  it('answers forbidden only through domain-kernel/outcomes.ts, so "not shared" reads the same', () => {
    const own = readdirSync(NODE_DIR, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && f !== 'domain-kernel/outcomes.ts')
      .filter((f) => /code: 'forbidden',\s*detail/.test(readFileSync(`${NODE_DIR}${f}`, 'utf8')));
    expect(own).toEqual([]);
  });
});
