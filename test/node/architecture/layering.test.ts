import { readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layers of node/, as import rules (like test/protocol/dependency-rule.test.ts for protocol/):
 * the store knows no domain, the domains know no adapter (admin API, portal, CLI) and no inbox or
 * outbox, and only the composition root (node/main.ts) builds the transports a message leaves by.
 * docs/architecture.md draws the same layers.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NODE_DIR = resolve(ROOT, 'node');

const DOMAINS = ['leads', 'deals', 'service', 'catalog', 'orders', 'funds', 'inventory'];
/** Shared by the domains: the kernel of send/refuse/withdraw helpers and record-level values. */
const KERNEL = ['domain-kernel', 'records'];
const ADAPTERS = ['admin', 'portal', 'cli'];
const PIPELINES = ['inbox', 'outbox', 'http', 'connect', 'well-known', 'health', 'metrics'];
const COMPOSITION_ROOT = 'node/main.ts';
/** Value imports that build how the node talks to the world: only the composition root uses them. */
const WIRING = new Map<string, readonly string[]>([
  ['node/outbox/http-transport.ts', ['createHttpTransport']],
  ['node/portal/portal-transport.ts', ['createPortalTransport']],
  ['node/outbox/outbox-worker.ts', ['createOutboxWorker']],
  ['node/net/http-client.ts', ['createHttpClient']],
  ['@hono/node-server', ['*']],
]);

/**
 * Edges the rules refuse that are still there, each with why; none are left since the domains'
 * input reads through their own schemas. An entry that no longer matches an import fails, so the
 * list only shrinks.
 */
const KNOWN_EXCEPTIONS = new Set<string>();

interface Import {
  from: string;
  /** node/… path of a relative import, else the package name. */
  target: string;
  typeOnly: boolean;
  names: string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => resolve(dir, f));
}

/**
 * The names an import clause takes at run time: `a, { b, type C, d as e }` → a, b, d; `* as x`
 * and a side-effect import → `*`. None means the import is erased (types only).
 */
function valueNames(clause: string): string[] {
  if (clause === '*' || clause.startsWith('*')) return ['*'];
  const brace = clause.indexOf('{');
  const head = (brace < 0 ? clause : clause.slice(0, brace)).replace(/,\s*$/, '').trim();
  const listed =
    brace < 0
      ? []
      : clause
          .slice(brace + 1, clause.lastIndexOf('}'))
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n !== '' && !n.startsWith('type '))
          .map((n) => n.split(/\s+as\s+/)[0] as string);
  return [...(head === '' ? [] : [head]), ...listed];
}

/** Every static or dynamic import and re-export of a file, with the names it takes. */
function importsOf(path: string): Import[] {
  const source = readFileSync(path, 'utf8');
  const from = relative(ROOT, path);
  const found: Import[] = [];
  const add = (spec: string, typeOnly: boolean, clause: string) => {
    const target = spec.startsWith('.') ? relative(ROOT, resolve(dirname(path), spec)) : spec;
    const names = typeOnly ? [] : valueNames(clause);
    found.push({ from, target, typeOnly: names.length === 0, names });
  };
  for (const m of source.matchAll(
    /\b(import|export)\s+(type\s+)?([^'";]*?)\s*\bfrom\s*['"]([^'"]+)['"]/g,
  )) {
    add(m[4] as string, m[2] !== undefined, m[3] as string);
  }
  for (const m of source.matchAll(/\bimport\s*['"]([^'"]+)['"]/g)) add(m[1] as string, false, '*');
  for (const m of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    add(m[1] as string, false, '*');
  }
  return found;
}

const inFolders = (target: string, folders: readonly string[]) =>
  folders.some((f) => target.startsWith(`node/${f}/`));

describe('layering', () => {
  const imports = sourceFiles(NODE_DIR).flatMap(importsOf);
  const refused = (edges: Import[]) =>
    edges.map((i) => `${i.from} -> ${i.target}`).filter((e) => !KNOWN_EXCEPTIONS.has(e));

  it('reads the imports of node/ (type-only ones told apart)', () => {
    const main = imports.filter((i) => i.from === COMPOSITION_ROOT);
    expect(main.some((i) => i.target === 'node/outbox/http-transport.ts')).toBe(true);
    const deps = imports.find(
      (i) => i.from === 'node/service/service-deps.ts' && i.target === 'node/deps.ts',
    );
    expect(deps?.typeOnly).toBe(true);
  });

  it('the store imports no domain, adapter or pipeline', () => {
    const edges = imports.filter(
      (i) =>
        i.from.startsWith('node/store/') &&
        inFolders(i.target, [...DOMAINS, ...ADAPTERS, ...PIPELINES, 'handlers', 'jobs']),
    );
    expect(refused(edges)).toEqual([]);
  });

  it('the domains and their kernel import no adapter (admin API, portal, CLI) and no pipeline', () => {
    const edges = imports.filter(
      (i) =>
        inFolders(i.from, [...DOMAINS, ...KERNEL]) &&
        (inFolders(i.target, [...ADAPTERS, ...PIPELINES]) ||
          i.target === 'node/app.ts' ||
          i.target === COMPOSITION_ROOT),
    );
    expect(refused(edges)).toEqual([]);
  });

  it('the inbox and outbox pipelines import no adapter (a portal partner is a transport)', () => {
    const edges = imports.filter(
      (i) => inFolders(i.from, ['inbox', 'outbox']) && inFolders(i.target, ADAPTERS),
    );
    expect(refused(edges)).toEqual([]);
  });

  it('the kernel imports no domain', () => {
    const edges = imports.filter((i) => inFolders(i.from, KERNEL) && inFolders(i.target, DOMAINS));
    expect(refused(edges)).toEqual([]);
  });

  it('only the composition root builds transports, the HTTP client and the server', () => {
    const edges = imports.filter((i) => {
      const wired = WIRING.get(i.target);
      if (!wired || i.from === COMPOSITION_ROOT || i.typeOnly) return false;
      return wired.includes('*') || i.names.some((n) => wired.includes(n));
    });
    expect(edges.map((i) => `${i.from} -> ${i.target} (${i.names.join(', ')})`)).toEqual([]);
  });

  it('lists only exceptions that still exist', () => {
    const all = new Set(imports.map((i) => `${i.from} -> ${i.target}`));
    expect([...KNOWN_EXCEPTIONS].filter((e) => !all.has(e))).toEqual([]);
  });
});
