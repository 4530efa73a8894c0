/**
 * fast-check arbitraries for fuzzing a node: values generated from the JSON Schemas in
 * `schemas/` (so that many get past validation and reach the handlers), mutations of valid
 * values, and hostile JSON — prototype keys, huge and negative-zero numbers, deep nesting,
 * duplicate keys, lone surrogates — as text, since JSON.stringify cannot write most of it.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCHEMAS_DIR = fileURLToPath(new URL('../../../schemas/', import.meta.url));
const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/messages/', import.meta.url));

type Schema = Record<string, any>;

const schemaFiles = new Map<string, Schema>(
  readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => [f, JSON.parse(readFileSync(`${SCHEMAS_DIR}${f}`, 'utf8')) as Schema]),
);

/** Kinds with a body schema (file names like `lead.offer.schema.json`). */
export const SCHEMA_KINDS: readonly string[] = [...schemaFiles.keys()]
  .map((f) => f.slice(0, -'.schema.json'.length))
  .filter((name) => /^[a-z]+(\.[a-z_]+)+$/.test(name))
  .sort();

/** A valid body of each kind, from `examples/messages/`. */
export function exampleBody(kind: string): unknown {
  try {
    return (JSON.parse(readFileSync(`${EXAMPLES_DIR}${kind}.json`, 'utf8')) as { body: unknown })
      .body;
  } catch {
    return {};
  }
}

function resolve(schema: Schema, file: string): { schema: Schema; file: string } {
  let current = schema;
  let currentFile = file;
  for (let i = 0; i < 10 && typeof current.$ref === 'string'; i++) {
    const [refFile, pointer = ''] = (current.$ref as string).split('#');
    if (refFile) currentFile = refFile;
    let target: any = schemaFiles.get(currentFile);
    for (const part of pointer.split('/').filter(Boolean)) target = target?.[part];
    if (!target) throw new Error(`cannot resolve ${current.$ref} from ${file}`);
    // Keywords beside $ref (bounds such as text's maxLength over multiLine's pattern) apply too.
    const { $ref: _ref, ...siblings } = current;
    current = { ...(target as Schema), ...siblings };
  }
  return { schema: current, file: currentFile };
}

const SIMPLE_TEXT = fc.string({ minLength: 1, maxLength: 30 });

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = Math.min((schema.maxLength as number | undefined) ?? 60, 300);
  const fits = (s: string) => s.length >= min && s.length <= max;
  switch (schema.format) {
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().replace('.000Z', 'Z'));
    case 'email':
      return fc.emailAddress().filter(fits);
    case 'uri':
      return fc.constantFrom(
        'https://partner.example',
        'http://127.0.0.1:1',
        'https://a.example/x',
      );
  }
  if (typeof schema.pattern === 'string') {
    return fc.stringMatching(new RegExp(schema.pattern), { size: 'small' }).filter(fits);
  }
  return fc.string({ minLength: min, maxLength: Math.min(max, 40) });
}

/**
 * Values for a JSON Schema (the subset `schemas/` uses: type, enum, const, $ref, properties,
 * required, items, bounds, pattern, format, anyOf/oneOf). allOf, if/then/else and
 * dependentRequired are not followed, so some values fail validation — also worth sending.
 */
export function fromSchema(schema: Schema, file: string, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, file);
  const s = resolved.schema;
  const f = resolved.file;
  if (depth > 6) return fc.constant(null);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((a) => fromSchema(a, f, depth + 1)));
  const type = Array.isArray(s.type) ? (s.type[0] as string) : (s.type as string | undefined);
  switch (type) {
    case 'string':
      return stringArbitrary(s);
    case 'integer':
      return fc.integer({
        min: Math.max((s.minimum as number | undefined) ?? -1000, Number.MIN_SAFE_INTEGER),
        max: Math.min((s.maximum as number | undefined) ?? 1000, Number.MAX_SAFE_INTEGER),
      });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = s.items ? fromSchema(s.items as Schema, f, depth + 1) : fc.jsonValue();
      return fc.array(items, {
        minLength: (s.minItems as number | undefined) ?? 0,
        maxLength: Math.min((s.maxItems as number | undefined) ?? 5, 5),
      });
    }
    case 'object':
    default: {
      const properties = (s.properties ?? {}) as Record<string, Schema>;
      const required = new Set((s.required ?? []) as string[]);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, prop] of Object.entries(properties)) {
        record[name] = fromSchema(prop, f, depth + 1);
      }
      return fc.record(record, {
        requiredKeys: Object.keys(properties).filter((k) => required.has(k)),
      });
    }
  }
}

/** A body for `kind` generated from its schema. */
export function bodyOf(kind: string): fc.Arbitrary<unknown> {
  const file = `${kind}.schema.json`;
  const schema = schemaFiles.get(file);
  if (!schema) throw new Error(`no schema for ${kind}`);
  return fromSchema(schema, file);
}

export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isAdmin',
] as const;

/** Hostile scalars as JSON text: huge, tiny, negative zero, long digit runs. */
const HOSTILE_NUMBER_TEXT = fc.oneof(
  fc.constantFrom(
    '1e308',
    '-1e308',
    '1e309',
    '-0',
    '0e0',
    '1e-400',
    '9007199254740993',
    '-9007199254740993',
    '123456789012345678901234567890123456789',
    '0.' + '0'.repeat(500) + '1',
    '1' + '0'.repeat(400),
  ),
  fc
    .double()
    .filter(Number.isFinite)
    .map((n) => JSON.stringify(n)),
  fc.bigInt().map((n) => n.toString()),
);

/** JSON string literals, some with lone surrogates (escaped or raw) or odd escapes. */
const HOSTILE_STRING_TEXT = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => JSON.stringify(s)),
  fc.constantFrom(
    '"\\ud800"',
    '"\\udfff"',
    '"a\\ud83d"',
    '"\\u0000"',
    '"\\u202e"',
    '"\\uFEFF"',
    '"' + '\ud800' + '"',
    '"' + 'x'.repeat(70_000) + '"',
    '"\\u00e9\\u0301"',
    // Terminal escapes (issue 14.9): screen clear, window title, OSC 52 clipboard, 8-bit CSI, CR.
    '"\\u001b[2J\\u001b[H"',
    '"\\u001b]0;owned\\u0007"',
    '"\\u001b]52;c;ZXZpbA==\\u0007"',
    '"\\u009b31m"',
    '"fake\\rline"',
    // Spreadsheet formulas (issue 14.6), for anything that ends up in a CSV export.
    '"=HYPERLINK(\\"https://evil.example\\",\\"x\\")"',
    '"+1+1"',
    '"-2+3"',
    '"@SUM(A1:A9)"',
  ),
  fc.constantFrom(...PROTOTYPE_KEYS).map((k) => JSON.stringify(k)),
);

const HOSTILE_KEY_TEXT = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS).map((k) => JSON.stringify(k)) },
  { weight: 1, arbitrary: HOSTILE_STRING_TEXT },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }).map((k) => JSON.stringify(k)) },
);

/** Nesting `depth` deep, to probe the 32-level limit (and the parser's stack beyond it). */
const DEEP_TEXT = fc
  .tuple(fc.integer({ min: 30, max: 5000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? '['.repeat(depth) + ']'.repeat(depth)
      : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  );

/** Hostile JSON text: anything a peer might write, valid JSON or (sometimes) I-JSON. */
export const hostileJsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    HOSTILE_NUMBER_TEXT,
    HOSTILE_STRING_TEXT,
    fc.constantFrom('true', 'false', 'null'),
    DEEP_TEXT,
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc.array(fc.tuple(HOSTILE_KEY_TEXT, tie('value')), { maxLength: 4 }).chain((members) =>
      // Sometimes a key twice: I-JSON forbids it, JSON.parse keeps the last.
      fc.boolean().map((dup) => {
        const all = dup && members.length > 0 ? [...members, members[0]!] : members;
        return `{${all.map(([k, v]) => `${k}:${v}`).join(',')}}`;
      }),
    ),
  ),
})).value;

/** Replaces, removes or adds one member somewhere in a JSON value, with a hostile value. */
export function mutated(value: unknown): fc.Arbitrary<string> {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    paths.push(path);
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
    }
  };
  walk(value, []);
  return fc
    .tuple(
      fc.constantFrom(...paths),
      fc.constantFrom('replace', 'remove', 'add'),
      hostileJsonText,
      HOSTILE_KEY_TEXT,
    )
    .map(([path, op, replacement, key]) => {
      const MARK = '\u0000MARK\u0000';
      const copy = structuredClone(value) as any;
      if (path.length === 0) return replacement;
      const parentPath = path.slice(0, -1);
      let parent = copy;
      for (const p of parentPath) parent = parent[p];
      const last = path.at(-1)!;
      if (op === 'remove' && !Array.isArray(parent)) {
        delete parent[last];
        return JSON.stringify(copy);
      }
      if (op === 'add' && parent && typeof parent === 'object' && !Array.isArray(parent)) {
        parent[MARK] = 0;
        return JSON.stringify(copy).replace(
          `"${MARK.replace(/\u0000/g, '\\u0000')}":0`,
          `${key}:${replacement}`,
        );
      }
      parent[last] = MARK;
      return JSON.stringify(copy).replace(`"${MARK.replace(/\u0000/g, '\\u0000')}"`, replacement);
    });
}

/** Bytes that are not UTF-8: lone continuation bytes, overlongs, encoded surrogates, truncation. */
export const invalidUtf8: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.string({ maxLength: 10 }),
    fc.constantFrom(
      [0x80],
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xff],
      [0xe2, 0x82],
    ),
    fc.string({ maxLength: 10 }),
  )
  .map(([a, bad, b]) => Buffer.concat([Buffer.from(a), Buffer.from(bad), Buffer.from(b)]));
