/**
 * No write path of the admin API skips the audit trail: every route the node serves under /api
 * with a changing method (the declared operations, the hand-described ones, and any route the
 * operation lists forgot) is called over HTTP, and each call must leave its own row naming the
 * route, with `ok` when it answered 2xx and the refusal's code otherwise. The operation lists are
 * checked against the routes too, so a new operation is walked here as soon as it is served.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../node/app.ts';
import { routesOf } from '../../node/http/lazy-routes.ts';
import { OPERATIONS } from '../../node/admin/operations.ts';
import { OPENAPI_DOCUMENT } from '../../node/admin/openapi.ts';
import { nodeRows, nodeTableValues, nodeTables } from '../support/node-database.ts';
import { saveTestPartner } from '../support/partner-row.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { createSchemaArbitraries } from '../node/admin/schema-arbitrary.ts';

type Json = Record<string, any>;
let node: TestNode;
let partnerIds: string[];

beforeAll(async () => {
  node = await createTestNode({ name: 'audit-coverage' });
  const key = {
    kty: 'OKP',
    crv: 'Ed25519',
    x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
    kid: 'partner-key-1',
    alg: 'EdDSA',
    use: 'sig',
  } as const;
  const partner = await saveTestPartner(node.deps.store, 'https://partner.example', {
    name: 'Partner Co',
    keys: [key],
  });
  partnerIds = [String(partner.id), encodeURIComponent(partner.nodeId)];
});
afterAll(async () => {
  await node?.stop();
  await removeTestDirs();
});

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Row {
  seq: number;
  operation: string;
  outcome: string;
  actorKind: string;
}

function rowsAfter(seq: number): Promise<Row[]> {
  return nodeRows<Row>(
    node,
    'SELECT CAST(seq AS INTEGER) AS seq, operation, outcome, actor_kind AS "actorKind" FROM audit_log WHERE seq > ? ORDER BY seq',
    [seq],
  );
}

/** The write routes the running app serves under /api, as `METHOD /api/path/:param`. */
async function servedWriteRoutes(): Promise<Array<{ method: string; path: string }>> {
  const app = createApp(node.deps);
  const seen = new Set<string>();
  const routes: Array<{ method: string; path: string }> = [];
  for (const r of await routesOf(app)) {
    if (!WRITE_METHODS.has(r.method) || !r.path.startsWith('/api/')) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push({ method: r.method, path: r.path });
  }
  return routes;
}

/**
 * What the node's workers change on their own while the walk runs (delivery attempts, webhook
 * state): only the messages queued count for the outbox, and webhook state not at all.
 */
const WORKER_STATE: Record<string, string | null> = {
  outbound_messages: 'SELECT message_id FROM outbound_messages ORDER BY seq',
  webhook_deliveries: null,
  webhook_endpoints: null,
  // The staff-notifications job reads the event log on its own (node/staff/notifications).
  staff_notification_cursors: null,
  staff_notifications: null,
};

/** A hash of every table's rows but the trail's own, to see which tables a call changed. */
async function snapshot(): Promise<Map<string, string>> {
  const tables = (await nodeTables(node)).filter(
    (t) => t !== 'audit_log' && WORKER_STATE[t] !== null,
  );
  const values = await nodeTableValues(
    node,
    new Map(tables.map((t) => [t, WORKER_STATE[t] ?? `SELECT * FROM "${t}"`])),
  );
  return new Map(
    [...values].map(([t, rows]) => [
      t,
      createHash('sha256').update(JSON.stringify(rows)).digest('hex'),
    ]),
  );
}

const changedTables = (a: Map<string, string>, b: Map<string, string>) =>
  [...b].filter(([t, h]) => a.get(t) !== h).map(([t]) => t);

const doc = OPENAPI_DOCUMENT as unknown as Json;
const { deref, arbitraryOf } = createSchemaArbitraries(doc);

/** Requests a client reading only the document would send (as the contract test makes them). */
function requestsFor(path: string, op: Json, count: number) {
  const params = ((op.parameters ?? []) as Json[]).map((p) => deref(p));
  const pathParams = params.filter((p) => p.in === 'path');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const body = bodySchema
    ? arbitraryOf(bodySchema).map((b) =>
        // Never let a generated URL leave the machine.
        b && typeof b === 'object' && 'url' in b ? { ...b, url: 'http://127.0.0.1:1' } : b,
      )
    : fc.constant(undefined);
  const url = fc
    .tuple(...pathParams.map(() => fc.constantFrom(...partnerIds, '1', '2')))
    .map((values) => {
      let out = path;
      pathParams.forEach((p, i) => (out = out.replace(`{${p.name}}`, values[i] as string)));
      return out;
    });
  return fc.sample(fc.record({ url, body }), { numRuns: count, seed: 16 });
}

describe('staff › every admin write path is audited', () => {
  it('serves every declared write operation, and declares every served write route', async () => {
    const served = new Set((await servedWriteRoutes()).map((r) => `${r.method} ${r.path}`));
    const declared = OPERATIONS.filter((op) => WRITE_METHODS.has(op.method)).map(
      (op) => `${op.method} /api${op.path.replace(/\{(\w+)\}/g, ':$1')}`,
    );
    expect(declared.length).toBeGreaterThan(50);
    expect(declared.filter((d) => !served.has(d))).toEqual([]);
    expect([...served].filter((s) => !declared.includes(s))).toEqual([]);
  });

  it('leaves one row per call naming the route, ok or the refusal’s code', async () => {
    const routes = await servedWriteRoutes();
    const missing: string[] = [];
    for (const route of routes) {
      const before = (await rowsAfter(0)).at(-1)?.seq ?? 0;
      const url = `${node.url}${route.path.replace(/:(\w+)/g, '1')}`;
      const res = await fetch(url, {
        method: route.method,
        headers: {
          authorization: `Bearer ${node.adminToken}`,
          'content-type': 'application/json',
        },
        body: '{}',
      });
      const text = await res.text();
      const answer =
        /json/.test(res.headers.get('content-type') ?? '') && text ? JSON.parse(text) : null;
      const operation = `${route.method} ${route.path}`;
      const rows = await rowsAfter(before);
      const expected = res.status < 400 ? 'ok' : answer?.error?.code;
      if (
        rows.length === 0 ||
        rows.some((r) => r.operation !== operation || r.actorKind !== 'admin-token') ||
        !rows.some((r) => r.outcome === expected)
      ) {
        missing.push(`${operation} → ${res.status} ${expected}: ${JSON.stringify(rows)}`);
      }
    }
    expect(routes.length).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('records as ok every generated call that changed a table, in the change’s own unit', async () => {
    const skipped: string[] = [];
    let changes = 0;
    for (let round = 0; round < 2; round++) {
      for (const [path, item] of Object.entries(doc.paths as Json)) {
        for (const [method, op] of Object.entries(item as Json)) {
          if (!WRITE_METHODS.has(method.toUpperCase())) continue;
          for (const { url, body } of requestsFor(path, op as Json, 2)) {
            const before = (await rowsAfter(0)).at(-1)?.seq ?? 0;
            const tables = await snapshot();
            const res = await fetch(`${node.url}/api${url}`, {
              method: method.toUpperCase(),
              headers: {
                authorization: `Bearer ${node.adminToken}`,
                ...(body !== undefined && { 'content-type': 'application/json' }),
              },
              ...(body !== undefined && { body: JSON.stringify(body) }),
            });
            await res.arrayBuffer();
            const changed = changedTables(tables, await snapshot());
            const rows = await rowsAfter(before);
            if (changed.length > 0) changes++;
            if (changed.length > 0 && !rows.some((r) => r.outcome === 'ok')) {
              skipped.push(`${method} ${url} → ${res.status} changed ${changed.join(', ')}`);
            }
          }
        }
      }
    }
    // The walk must reach real changes, not only refusals.
    expect(changes).toBeGreaterThan(15);
    expect(skipped).toEqual([]);
  }, 240_000);

  it('records each CLI command that changes the store as the operator’s, and no read', async () => {
    const writes: string[][] = [
      ['invite', '--name', 'Cli Co', '--type', 'reseller', '--relationship', 'strategic'],
      ['keys', 'rotate'],
      ['profile', '--name', 'Vendor Renamed'],
      ['partners', 'suspend', 'https://cli-partner.example'],
      ['partners', 'resume', 'https://cli-partner.example'],
      ['deals', 'settings', '--protection-days', '45'],
      ['leads', 'rule-add', '--name', 'DACH', '--regions', 'DE,AT,CH', '--any-product'],
      [
        'leads',
        'create',
        '--company',
        'Buyer GmbH',
        '--contact-name',
        'Bea',
        '--region',
        'DE',
        '--interest',
        'firewalls',
        '--source',
        'fair',
      ],
      ['webhooks', 'add', 'https://crm.example/hooks'],
    ];
    // Its own partner: the walk above may have removed the first.
    await saveTestPartner(node.deps.store, 'https://cli-partner.example', { name: 'Cli Partner' });
    const reads: string[][] = [['partners'], ['deals'], ['leads'], ['audit', 'list']];
    const wrong: string[] = [];
    for (const argv of [...writes, ...reads]) {
      const before = (await rowsAfter(0)).at(-1)?.seq ?? 0;
      const result = await runCliOn(node, argv);
      expect(result.code, `${argv.join(' ')}: ${result.err}`).toBe(0);
      const rows = await rowsAfter(before);
      const name = `cli ${argv
        .filter((a) => !a.startsWith('-') && !a.includes(':'))
        .slice(0, 2)
        .join(' ')}`;
      const isWrite = writes.includes(argv);
      const ok = isWrite
        ? rows.length > 0 &&
          rows.every(
            (r) => name.startsWith(r.operation) && r.actorKind === 'cli' && r.outcome === 'ok',
          )
        : rows.length === 0;
      if (!ok) wrong.push(`${argv.join(' ')}: ${JSON.stringify(rows)}`);
    }
    expect(wrong).toEqual([]);
    const listed = await node.api('GET', '/audit?operation=cli%20profile');
    expect(listed.body.entries[0]).toMatchObject({
      actorKind: 'cli',
      address: 'local',
      detail: { osUser: expect.any(String) },
    });
  });
});
