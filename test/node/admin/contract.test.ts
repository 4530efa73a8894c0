/**
 * The admin API keeps to its document: every route the app serves under /api is described, and
 * requests generated from the document's own schemas get answers that the document describes
 * (a documented status, a body valid against its schema) and never a 5xx. Runs against a real
 * node on a temp database.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT } from '../../../node/admin/openapi.ts';
import { createAdminFixture, type AdminFixture } from './admin-fixture.ts';
import { routesOf } from '../../../node/http/lazy-routes.ts';
import { createSchemaArbitraries } from './schema-arbitrary.ts';

type Json = Record<string, any>;
const doc = OPENAPI_DOCUMENT as unknown as Json;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const RUNS = Number(process.env.CONTRACT_RUNS ?? 8);
const { deref, arbitraryOf } = createSchemaArbitraries(doc);

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
addFormats.default(ajv);
ajv.addSchema({ ...doc, $id: 'https://partner-sync.invalid/admin-api' });
const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

interface Operation {
  method: string;
  path: string;
  op: Json;
}

const OPERATIONS: Operation[] = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
  Object.entries(item as Json)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, op]) => ({ method, path, op: op as Json })),
);

let fx: AdminFixture;
let partnerIds: string[];

beforeAll(async () => {
  fx = await createAdminFixture();
  const partner = await fx.addPartner();
  await fx.addPartner('https://second.example', 'Second Co');
  partnerIds = [String(partner.id), encodeURIComponent(partner.nodeId)];
}, 30_000);

afterAll(() => fx?.close());

function requestFor({ op, path }: Operation) {
  const params = ((op.parameters ?? []) as Json[]).map((p) => deref(p));
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const pathValue = (p: Json) =>
    fc.oneof(
      fc.constantFrom(...partnerIds, '1', '2'),
      arbitraryOf(p.schema ?? { type: 'string' }).map((v) => encodeURIComponent(String(v))),
    );
  const query = fc.record<Record<string, unknown>>(
    Object.fromEntries(queryParams.map((p) => [p.name, arbitraryOf(p.schema ?? {})])),
    { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name as string) as never[] },
  );
  const body = bodySchema
    ? arbitraryOf(bodySchema).map((b) =>
        // Never let a generated URL leave the machine.
        b && typeof b === 'object' && 'url' in b ? { ...b, url: 'http://127.0.0.1:1' } : b,
      )
    : fc.constant(undefined);
  return fc.record({
    url: fc.tuple(...pathParams.map(pathValue)).map((values) => {
      let url = path;
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, values[i] as string)));
      return url;
    }),
    query,
    body,
  });
}

function responseSchemaPointer(operation: Operation, status: number): string | null | undefined {
  const responses = operation.op.responses as Json;
  const key =
    String(status) in responses ? String(status) : 'default' in responses ? 'default' : null;
  if (key === null) return undefined;
  const raw = responses[key] as Json;
  const response = deref(raw);
  if (!response.content?.['application/json']?.schema) return null;
  const base = raw.$ref
    ? (raw.$ref as string)
    : `#/paths/${escape(operation.path)}/${operation.method}/responses/${key}`;
  return `https://partner-sync.invalid/admin-api${base}/content/application~1json/schema`;
}

function documentsCsv(operation: Operation, status: number): boolean {
  const raw = (operation.op.responses as Json)[String(status)] as Json | undefined;
  return raw !== undefined && deref(raw).content?.['text/csv'] !== undefined;
}

describe('admin api › contract', () => {
  it('documents every route the app serves under /api', async () => {
    const documented = new Set(OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`));
    const served = (await routesOf(fx.app))
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path.slice('/api'.length).replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(100);
    expect([...new Set(served)].filter((route) => !documented.has(route))).toEqual([]);
  });

  it('describes every operation with a summary, a description and its roles', () => {
    for (const { method, path, op } of OPERATIONS) {
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      expect(Array.isArray(op['x-roles']) || path === '/openapi.json', `${method} ${path}`).toBe(
        true,
      );
      expect(op.description, `${method} ${path}`).toBeTruthy();
    }
  });

  it.each(OPERATIONS.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))(
    'answers generated requests to %s as documented, never with a 5xx',
    async (_name, operation) => {
      await fc.assert(
        fc.asyncProperty(requestFor(operation), async ({ url, query, body }) => {
          const search = new URLSearchParams(
            Object.entries(query as Json).map(([k, v]): [string, string] => [k, String(v)]),
          ).toString();
          const res = await fx.api(`${url}${search ? `?${search}` : ''}`, {
            method: operation.method.toUpperCase(),
            ...(body !== undefined && { body }),
          });
          const where = `${operation.method.toUpperCase()} ${url}?${search} ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`;
          const pointer = responseSchemaPointer(operation, res.status);
          expect(pointer, `undocumented status: ${where}`).not.toBeUndefined();
          // A 502 is the other node's failure passed on (connect), and only where documented.
          if (res.status !== 502) expect(res.status, where).toBeLessThan(500);
          // A CSV answer (format=csv) is checked as documented text, not against the JSON schema.
          const csv = typeof res.body === 'string' && documentsCsv(operation, res.status);
          if (pointer && !csv) {
            const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
            expect(validate(res.body), `${where}\n${ajv.errorsText(validate.errors)}`).toBe(true);
          }
        }),
        { numRuns: RUNS },
      );
    },
    60_000,
  );
});
