/**
 * Property-based fuzzing of the admin API over HTTP, driven by its own OpenAPI document so that
 * every operation is covered, including ones added later: hostile path parameters, query strings
 * and JSON bodies that name the operation's real fields with hostile values (prototype keys,
 * huge numbers, deep nesting, duplicate keys, lone surrogates, invalid UTF-8). Never a 5xx, the
 * prototypes stay clean, and the node still answers afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT } from '../../node/admin/openapi.ts';
import { connectPair } from '../support/federation.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { hostileJsonText, invalidUtf8, PROTOTYPE_KEYS } from './support/arbitraries.ts';
import { expectPrototypesClean } from './support/fuzz-checks.ts';
import { FUZZ_RUNS, FUZZ_SEED, FUZZ_TIMEOUT_MS } from './support/fuzz-runs.ts';

type Json = Record<string, any>;
const doc = OPENAPI_DOCUMENT as unknown as Json;

function deref(value: Json | undefined): Json | undefined {
  let current = value;
  for (let i = 0; i < 10 && typeof current?.$ref === 'string'; i++) {
    let target: any = doc;
    for (const part of (current.$ref as string).replace(/^#\//, '').split('/')) {
      target = target?.[part];
    }
    current = target as Json | undefined;
  }
  return current;
}

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: Array<{ name: string; schema: Json }>;
  /** The request body's fields and their schemas, when it has a JSON body. */
  fields: Array<{ name: string; schema: Json }> | null;
}

const OPERATIONS: Operation[] = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
  Object.entries(item as Json)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => {
      const params = ((op as Json).parameters ?? []).map((p: Json) => deref(p)!) as Json[];
      const body = deref((op as Json).requestBody?.content?.['application/json']?.schema);
      return {
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name as string, schema: deref(p.schema) ?? {} })),
        fields: body
          ? Object.entries((body.properties ?? {}) as Json).map(([name, schema]) => ({
              name,
              schema: deref(schema as Json) ?? {},
            }))
          : null,
      };
    }),
);

// URLs the connect operation may be pointed at: none of them leaves the machine.
const SAFE_URLS = [
  'http://127.0.0.1:1',
  'http://169.254.169.254/latest/meta-data/',
  'http://10.0.0.1',
  'file:///etc/passwd',
  'https://[::1]:1/',
  // IPv4-compatible and IPv4-translated forms of loopback and cloud metadata (issue 14.13).
  'http://[::127.0.0.1]:1/',
  'http://[::ffff:0:127.0.0.1]:1/',
  'http://[::a9fe:a9fe]/latest/meta-data/',
  'not a url',
];

let node: TestNode;
let partner: TestNode;
let ids: string[] = [];

beforeAll(async () => {
  node = await createTestNode({ name: 'admin', settings: { outboundTimeoutMs: 1000 } });
  partner = await createTestNode({ name: 'partner' });
  await connectPair(node, partner);
  ids = ['1', '2', encodeURIComponent(partner.url)];
}, 30_000);

afterAll(async () => {
  await Promise.all([node?.stop(), partner?.stop()]);
  await removeTestDirs();
});

/** A value for a field as JSON text: plausible for its schema, or hostile. */
function fieldValue(name: string, schema: Json): fc.Arbitrary<string> {
  if (name === 'url') return fc.constantFrom(...SAFE_URLS).map((u) => JSON.stringify(u));
  const plausible: fc.Arbitrary<unknown> = Array.isArray(schema.enum)
    ? fc.constantFrom(...(schema.enum as unknown[]))
    : schema.type === 'integer'
      ? fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 53, 1e308))
      : schema.type === 'boolean'
        ? fc.boolean()
        : schema.type === 'array'
          ? fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...ids)), {
              maxLength: 3,
            })
          : schema.type === 'object'
            ? fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, 'name', 'email'), fc.string())
            : fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...ids, ...PROTOTYPE_KEYS));
  return fc.oneof(
    { weight: 3, arbitrary: plausible.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: hostileJsonText },
  );
}

function bodyFor(op: Operation): fc.Arbitrary<string | Uint8Array | undefined> {
  if (op.fields === null) {
    return fc.oneof(
      fc.constant(undefined),
      hostileJsonText.map((t) => t.slice(0, 70_000)),
    );
  }
  const known = op.fields.map((f) =>
    fc.tuple(fc.constant(JSON.stringify(f.name)), fieldValue(f.name, f.schema)),
  );
  const extra = fc.tuple(
    fc.constantFrom(...PROTOTYPE_KEYS).map((k) => JSON.stringify(k)),
    hostileJsonText,
  );
  const object = fc
    .tuple(
      known.length > 0 ? fc.subarray(known.map((k, i) => i)) : fc.constant([] as number[]),
      fc.array(extra, { maxLength: 2 }),
    )
    .chain(([picked, extras]) =>
      fc.tuple(fc.tuple(...picked.map((i) => known[i]!)), fc.constant(extras), fc.boolean()),
    )
    .map(([members, extras, dup]) => {
      const all = [...members, ...extras];
      if (dup && all.length > 0) all.push(all[0]!);
      return `{${all.map(([k, v]) => `${k}:${v}`).join(',')}}`;
    });
  return fc.oneof(
    { weight: 6, arbitrary: object },
    { weight: 1, arbitrary: hostileJsonText },
    {
      weight: 1,
      arbitrary: invalidUtf8.map((b) =>
        Buffer.concat([Buffer.from('{"name":"'), b, Buffer.from('"}')]),
      ),
    },
  );
}

const pathValue = fc.oneof(
  fc.constantFrom(...(['1', '2', '0', '-1', '1e308', '9'.repeat(40), 'NaN'] as const)),
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

function queryFor(op: Operation): fc.Arbitrary<string> {
  const known = op.query.map((q) =>
    fc.tuple(
      fc.constant(q.name),
      Array.isArray(q.schema.enum)
        ? fc.oneof(fc.constantFrom(...(q.schema.enum as string[])), fc.string({ maxLength: 10 }))
        : fc.oneof(
            fc.string({ unit: 'binary', maxLength: 20 }),
            fc.constantFrom('0', '-1', '1e308', '9'.repeat(40), '1', ...PROTOTYPE_KEYS),
          ),
    ),
  );
  const unknown = fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS, 'x', 'limit[]'), fc.string());
  return fc
    .array(known.length > 0 ? fc.oneof(...known, unknown) : unknown, { maxLength: 4 })
    .map((pairs) =>
      pairs.length === 0 ? '' : `?${new URLSearchParams(pairs as Array<[string, string]>)}`,
    );
}

const request = fc.constantFrom(...OPERATIONS).chain((op) =>
  fc.record({
    op: fc.constant(op),
    params: fc.array(pathValue, {
      minLength: op.pathParams.length,
      maxLength: op.pathParams.length,
    }),
    query: queryFor(op),
    body: bodyFor(op),
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json; charset=latin1') },
    ),
  }),
);

describe('faults › fuzzing the admin API', () => {
  it(
    'answers every operation’s hostile input without a 5xx',
    async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(request, async ({ op, params, query, body, contentType }) => {
          let i = 0;
          const path = op.path.replace(/\{\w+\}/g, () => encodeURIComponent(params[i++]!));
          const res = await fetch(`${node.url}/api${path}${query}`, {
            method: op.method,
            headers: {
              authorization: `Bearer ${node.adminToken}`,
              ...(body === undefined ? {} : { 'content-type': contentType }),
            },
            body: op.method === 'GET' || op.method === 'DELETE' ? undefined : body,
          });
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, `${op.method} ${path}${query}: ${text.slice(0, 300)}`).toBeLessThan(
            500,
          );
          expectPrototypesClean();
        }),
        { numRuns: FUZZ_RUNS * 5, ...FUZZ_SEED },
      );
      console.info(
        `fuzz admin: ${OPERATIONS.length} operations; statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}`,
      );
      expect((await fetch(`${node.url}/readyz`)).status).toBe(200);
      expect((await node.api('GET', '/status')).status).toBe(200);
    },
    FUZZ_TIMEOUT_MS,
  );
});
