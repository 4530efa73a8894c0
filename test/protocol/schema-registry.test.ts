import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDiscoveryDocument,
  buildMessage,
  createSchemaRegistry,
  PARTNER_KINDS,
  PARTNER_TYPES,
  REJECTION_CODES,
  RELATIONSHIPS,
  REQUEST_ERROR_CODES,
} from '../../protocol/index.ts';
import type { SchemaRegistry } from '../../protocol/index.ts';
import { timeBudget } from '../support/mutation-run.ts';

const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/messages/', import.meta.url));
const TOKEN = 'inv_7Q2x9LmP4vR8sT1wYc3N';

let registry: SchemaRegistry;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Calls `visit` on every subschema object of a schema document. */
function walk(node: unknown, path: string, visit: (s: Record<string, unknown>, p: string) => void) {
  if (Array.isArray(node)) {
    node.forEach((n, i) => walk(n, `${path}/${i}`, visit));
  } else if (typeof node === 'object' && node !== null) {
    const s = node as Record<string, unknown>;
    visit(s, path);
    for (const [k, v] of Object.entries(s)) {
      if (k !== 'enum' && k !== 'const' && k !== 'examples') walk(v, `${path}/${k}`, visit);
    }
  }
}

describe('schema-registry', () => {
  // Inside the describe, not at the top of the file: Stryker's vitest runner counts a failing
  // top-level hook as no test failing at all, so a mutant that breaks it would survive.
  beforeAll(() => {
    registry = createSchemaRegistry();
  });

  it('knows the partner.* kinds', () => {
    expect(registry.kinds()).toEqual(expect.arrayContaining([...PARTNER_KINDS]));
    expect(registry.hasKind('partner.connect')).toBe(true);
    expect(registry.hasKind('envelope')).toBe(false);
    expect(registry.hasKind('lead.nope')).toBe(false);
  });

  it('validates every example in examples/messages', () => {
    const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json'));
    expect(files).toEqual(expect.arrayContaining(PARTNER_KINDS.map((k) => `${k}.json`)));
    for (const file of files) {
      const example = readJson(join(EXAMPLES_DIR, file)) as { kind: string; body: unknown };
      expect(Object.keys(example).sort(), file).toEqual(['body', 'kind']);
      expect(`${example.kind}.json`, file).toBe(file);
      expect(registry.hasKind(example.kind), file).toBe(true);
      expect(registry.validateBody(example.kind, example.body), file).toEqual({ ok: true });
    }
  });

  it('gives the JSON pointer of the failing location', () => {
    const cases: [string, unknown, string, string][] = [
      ['partner.connect', { token: 5, name: 'Globex' }, '/token', '/token: must be string'],
      ['partner.connect', { token: 'short', name: 'Globex' }, '/token', ''],
      ['partner.connect', { token: TOKEN }, '/', "/: must have required property 'name'"],
      ['partner.connect', { token: TOKEN, name: 'G', x: 1 }, '/x', '/x: is not allowed'],
      ['partner.connect', { token: TOKEN, name: 'a\nb' }, '/name', ''],
      ['partner.connect', { token: TOKEN, name: '' }, '/name', ''],
      ['partner.connect', [], '/', '/: must be object'],
      ['partner.update', {}, '/', ''],
      ['partner.update', { contact: {} }, '/contact', ''],
      ['partner.update', { contact: { email: 'nope' } }, '/contact/email', ''],
      ['partner.update', { contact: { phone: 'call me' } }, '/contact/phone', ''],
      ['partner.update', { partnerType: 'vendor' }, '/partnerType', ''],
      ['partner.update', { relationship: 'friends' }, '/relationship', ''],
      ['partner.update', { name: 'x'.repeat(201) }, '/name', ''],
      ['partner.disconnect', { reason: '' }, '/reason', ''],
      ['partner.disconnect', { reason: 'x'.repeat(501) }, '/reason', ''],
      ['partner.disconnect', null, '/', ''],
    ];
    for (const [kind, body, pointer, detail] of cases) {
      const r = registry.validateBody(kind, body);
      expect(r, `${kind} ${JSON.stringify(body)}`).toMatchObject({ ok: false, pointer });
      if (!r.ok) expect(r.detail.startsWith(`${pointer}: `)).toBe(true);
      if (detail !== '') expect(r).toMatchObject({ detail });
    }
  });

  it('bounds a property name it echoes', () => {
    const r = registry.validateBody('partner.disconnect', { reason: 'x', ['k'.repeat(5000)]: 1 });
    expect(r.ok ? 0 : r.detail.length).toBeLessThan(150);
  });

  it('fails cleanly for a kind without a schema', () => {
    expect(registry.validateBody('lead.unknown', {})).toMatchObject({ ok: false, pointer: '/' });
  });

  it('validates the protocol documents', () => {
    const message = buildMessage({
      kind: 'partner.disconnect',
      from: 'https://a.example',
      to: 'https://b.example',
      body: { reason: 'done' },
      sentAt: new Date(),
    });
    expect(registry.validate('envelope', message)).toEqual({ ok: true });
    expect(registry.validate('envelope', { ...message, extra: 1 })).toMatchObject({ ok: false });
    const discovery = buildDiscoveryDocument({
      nodeId: 'https://a.example',
      name: 'A',
      kinds: ['partner.connect'],
      maxBatch: 100,
      maxBodyBytes: 1_048_576,
    });
    expect(registry.validate('discovery', discovery)).toEqual({ ok: true });
    expect(registry.validate('inbox-request', { messages: ['a.b.c'] })).toEqual({ ok: true });
    expect(registry.validate('inbox-request', { messages: [] })).toMatchObject({ ok: false });
    expect(registry.validate('inbox-request', { messages: ['a.b'] })).toMatchObject({
      pointer: '/messages/0',
    });
    const results = {
      results: [
        { id: 'm1', status: 'accepted', receipt: 'a.b.c' },
        { id: null, status: 'rejected', code: 'malformed', message: 'not a compact JWS' },
      ],
    };
    expect(registry.validate('inbox-response', results)).toEqual({ ok: true });
    expect(
      registry.validate('inbox-response', { results: [{ id: 'm', status: 'accepted' }] }),
    ).toMatchObject({ ok: false, pointer: '/results/0' });
    expect(
      registry.validate('inbox-response', {
        results: [{ id: 'm', status: 'rejected', code: 'stale', receipt: 'a.b.c' }],
      }),
    ).toMatchObject({ ok: false, pointer: '/results/0/receipt' });
    expect(
      registry.validate('inbox-response', {
        error: { code: 'rate_limited', message: 'slow down' },
      }),
    ).toEqual({ ok: true });
    expect(
      registry.validate('inbox-response', { error: { code: 'teapot', message: 'x' } }),
    ).toMatchObject({ ok: false, pointer: '/error/code' });
    const receipt = {
      v: 1,
      receiptFor: 'm1',
      from: 'https://b.example',
      to: 'https://a.example',
      status: 'duplicate',
      digest: 'sha-256=ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0',
      receivedAt: '2027-01-15T12:00:00.000Z',
    };
    expect(registry.validate('receipt', receipt)).toEqual({ ok: true });
    expect(registry.validate('receipt', { ...receipt, status: 'rejected' })).toMatchObject({
      pointer: '/status',
    });
  });

  it('keeps the schema enums in step with the TypeScript constants', () => {
    const defs = (
      readJson(join(SCHEMAS_DIR, 'defs.schema.json')) as {
        $defs: Record<string, { enum?: unknown[] }>;
      }
    ).$defs;
    expect(defs.partnerType?.enum).toEqual([...PARTNER_TYPES]);
    expect(defs.relationship?.enum).toEqual([...RELATIONSHIPS]);
    expect(defs.rejectionCode?.enum).toEqual([...REJECTION_CODES]);
    expect(defs.requestErrorCode?.enum).toEqual([...REQUEST_ERROR_CODES]);
  });

  it('bounds every input: closed objects, strings with maxLength, arrays with maxItems', () => {
    const files = readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json'));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of files) {
      const schema = readJson(join(SCHEMAS_DIR, file)) as Record<string, unknown>;
      expect(schema.$id, file).toBe(`https://partner-sync.dev/schemas/${file}`);
      expect(schema.$schema, file).toBe('https://json-schema.org/draft/2020-12/schema');
      walk(schema, file, (s, p) => {
        const bounded = 'enum' in s || 'const' in s;
        if (s.type === 'string' && !bounded) expect(s.maxLength, p).toEqual(expect.any(Number));
        if (s.type === 'array') expect(s.maxItems, p).toEqual(expect.any(Number));
        // Conditional subschemas (if/then/else) only refine an object that is closed already.
        if (s.type === 'object' && 'properties' in s && !/\/(if|then|else)$/.test(p)) {
          expect(s.additionalProperties, p).toBe(false);
        }
      });
    }
  });

  it('reads the schemas folder when called, from the folder given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    try {
      writeFileSync(
        join(dir, 'demo.ping.schema.json'),
        JSON.stringify({
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          $id: 'https://partner-sync.dev/schemas/demo.ping.schema.json',
          type: 'object',
          additionalProperties: false,
          properties: { n: { type: 'integer' } },
        }),
      );
      const custom = createSchemaRegistry({ schemasDir: dir });
      expect(custom.kinds()).toEqual(['demo.ping']);
      expect(custom.validateBody('demo.ping', { n: 'x' })).toEqual({
        ok: false,
        pointer: '/n',
        detail: '/n: must be integer',
      });
      writeFileSync(
        join(dir, 'demo.pong.schema.json'),
        JSON.stringify({ $id: 'https://elsewhere.example/x.json', type: 'object' }),
      );
      expect(() => createSchemaRegistry({ schemasDir: dir })).toThrow(/\$id/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compiles every schema of the package, and reports a strict-mode error from compileAll', () => {
    expect(() => createSchemaRegistry().compileAll()).not.toThrow();
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    try {
      writeFileSync(
        join(dir, 'demo.ping.schema.json'),
        JSON.stringify({
          $id: 'https://partner-sync.dev/schemas/demo.ping.schema.json',
          type: 'object',
          properties: { n: { type: 'integer', minimum: 0, frobnicate: true } },
        }),
      );
      const custom = createSchemaRegistry({ schemasDir: dir });
      expect(() => custom.compileAll()).toThrow(/frobnicate/);
      // Strict types too: a keyword that applies to objects, in a schema that does not say it
      // is one, is an error rather than a warning in the log.
      writeFileSync(
        join(dir, 'demo.ping.schema.json'),
        JSON.stringify({
          $id: 'https://partner-sync.dev/schemas/demo.ping.schema.json',
          properties: { n: { type: 'integer' } },
        }),
      );
      expect(() => createSchemaRegistry({ schemasDir: dir }).compileAll()).toThrow(/strict mode/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks a schema against the meta-schema at its first use, not when created', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    try {
      // A negative minLength compiles, but the meta-schema says it must be >= 0.
      writeFileSync(
        join(dir, 'demo.ping.schema.json'),
        JSON.stringify({
          $id: 'https://partner-sync.dev/schemas/demo.ping.schema.json',
          type: 'string',
          minLength: -1,
        }),
      );
      const custom = createSchemaRegistry({ schemasDir: dir });
      expect(custom.kinds()).toEqual(['demo.ping']);
      expect(() => custom.validateBody('demo.ping', 'x')).toThrow(/demo\.ping: .*must be >= 0/);
      expect(() => custom.compileAll()).toThrow(/must be >= 0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates quickly with compiled validators', () => {
    const body = {
      name: 'Globex',
      contact: { email: 'a@globex.example' },
      partnerType: 'reseller',
    };
    const start = performance.now();
    for (let i = 0; i < 20_000; i++) registry.validateBody('partner.update', body);
    expect(performance.now() - start).toBeLessThan(timeBudget(1000));
  });

  // The refusal `invalid_body` carries these words to the sender (section 3.3, step 8): each names
  // the JSON pointer and says what is wrong in words, not as the validator's regular expression.
  it('words each kind of failure for people, after the pointer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    try {
      const str = (extra: Record<string, unknown>) => ({ type: 'string', maxLength: 50, ...extra });
      writeFileSync(
        join(dir, 'demo.words.schema.json'),
        JSON.stringify({
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          $id: 'https://partner-sync.dev/schemas/demo.words.schema.json',
          type: 'object',
          additionalProperties: false,
          properties: {
            color: { enum: ['red', 'green'] },
            one: { const: 'x' },
            code: str({ pattern: '^[a-z]+$' }),
            mail: str({ format: 'email' }),
            short: str({ maxLength: 3 }),
            filled: str({ minLength: 1 }),
            long: str({ minLength: 4 }),
            few: { type: 'array', maxItems: 2, items: { type: 'integer' } },
            some: { type: 'array', maxItems: 9, minItems: 1, items: { type: 'integer' } },
            many: { type: 'array', maxItems: 9, minItems: 3, items: { type: 'integer' } },
            never: false,
            n: { type: 'integer', maximum: 5 },
          },
        }),
      );
      writeFileSync(join(dir, 'README.md'), 'not a schema');
      const words = createSchemaRegistry({ schemasDir: dir });
      expect(words.kinds()).toEqual(['demo.words']);
      const cases: [Record<string, unknown>, string][] = [
        [{ color: 'blue' }, '/color: must be one of "red", "green"'],
        [{ one: 'y' }, '/one: must be "x"'],
        [{ code: 'A1' }, '/code: is not in the expected form'],
        [{ mail: 'nope' }, '/mail: is not in the expected form'],
        [{ short: 'abcd' }, '/short: must be at most 3 characters'],
        [{ filled: '' }, '/filled: must not be empty'],
        [{ long: 'abc' }, '/long: must be at least 4 characters'],
        [{ few: [1, 2, 3] }, '/few: must list at most 2 items'],
        [{ some: [] }, '/some: must list at least 1 item'],
        [{ many: [1] }, '/many: must list at least 3 items'],
        [{ never: 1 }, '/never: is not allowed'],
        [{ n: 6 }, '/n: must be <= 5'],
        [{ 'a/b~c': 1 }, '/a~1b~0c: is not allowed'],
      ];
      for (const [body, detail] of cases) {
        const pointer = detail.slice(0, detail.indexOf(':'));
        expect(words.validateBody('demo.words', body), detail).toEqual({
          ok: false,
          pointer,
          detail,
        });
      }
      expect(words.validateBody('demo.words', { color: 'red', some: [1], filled: 'x' })).toEqual({
        ok: true,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a kind without a schema by name, bounded, and a document name it does not know', () => {
    expect(registry.validateBody('lead.unknown', {})).toEqual({
      ok: false,
      pointer: '/',
      detail: '/: no schema for kind lead.unknown',
    });
    const long = `lead.${'x'.repeat(300)}`;
    expect(registry.validateBody(long, {})).toMatchObject({
      detail: `/: no schema for kind ${long.slice(0, 100)}`,
    });
    // A registry of its own: one built in a hook is invisible to Stryker's per-test coverage.
    const fresh = createSchemaRegistry();
    expect(() => fresh.validate('partner.connect' as never, {})).toThrow(
      new TypeError('no document schema partner.connect'),
    );
    expect(fresh.hasKind('partner.connect')).toBe(true);
    expect(fresh.hasKind('envelope')).toBe(false);
    expect(fresh.kinds()).not.toContain('envelope');
    expect(registry.kinds()).toEqual([...registry.kinds()].sort());
    // Validating twice gives the same answer (the compiled validator is kept).
    expect(registry.validateBody('partner.disconnect', { reason: 'x' })).toEqual({ ok: true });
    expect(registry.validateBody('partner.disconnect', { reason: 5 })).toMatchObject({
      pointer: '/reason',
    });
  });

  it('names the $id a schema file must have', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    try {
      writeFileSync(
        join(dir, 'demo.pong.schema.json'),
        JSON.stringify({ $id: 'https://elsewhere.example/x.json', type: 'object' }),
      );
      expect(() => createSchemaRegistry({ schemasDir: dir })).toThrow(
        new Error(
          'schema demo.pong.schema.json: $id must be https://partner-sync.dev/schemas/demo.pong.schema.json',
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
