/**
 * CSV export of every list the admin API offers: each GET operation of the OpenAPI document whose
 * answer holds a list of records answers `Accept: text/csv` with those records, one row each,
 * through the one formula-safe writer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT } from '../../node/admin/openapi.ts';
import { listOf } from '../../node/bulk/csv-export.ts';
import { expectApi, newLead } from '../leads/lead-nodes.ts';
import { createTestNode, type TestNode } from '../support/test-node.ts';

type Schema = { $ref?: string; type?: string; items?: Schema; properties?: Record<string, Schema> };
const doc = OPENAPI_DOCUMENT as unknown as {
  paths: Record<
    string,
    { get?: { parameters?: Array<{ required?: boolean }>; responses: Record<string, any> } }
  >;
  components: { schemas: Record<string, Schema>; responses: Record<string, any> };
};
const deref = (s: Schema | undefined): Schema | undefined =>
  s?.$ref ? deref(doc.components.schemas[s.$ref.split('/').pop()!]) : s;

/** Paths without parameters whose JSON answer has a list of objects; which lists. */
function listOperations(): Array<{ path: string; lists: string[] }> {
  const found = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!item.get || path.includes('{')) continue;
    // A search is not a list: it needs its words (`q`), and answers hits of several kinds.
    if (item.get.parameters?.some((p) => p.required)) continue;
    const ok = item.get.responses['200'];
    const content = ok?.content?.['application/json'] ? ok.content : null;
    // Answers with their own CSV form (the audit trail) keep it.
    if (!content || content['text/csv']) continue;
    const schema = deref(content['application/json'].schema);
    const lists = Object.entries(schema?.properties ?? {})
      .filter(([, v]) => deref(v)?.type === 'array' && deref(deref(v)!.items)?.type === 'object')
      .map(([name]) => name);
    if (lists.length > 0) found.push({ path, lists });
  }
  return found;
}

let node: TestNode;
beforeAll(async () => {
  node = await createTestNode({ name: 'csv-lists' });
  await expectApi(node, 201, 'POST', '/leads', newLead('C1', { company: '@SUM(1+1)' }));
});
afterAll(() => node?.stop());

async function csv(path: string) {
  const res = await fetch(`${node.url}/api${path}`, {
    headers: { authorization: `Bearer ${node.adminToken}`, accept: 'text/csv' },
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('bulk › CSV export of every list', () => {
  it('finds the lists in the OpenAPI document', () => {
    const paths = listOperations().map((o) => o.path);
    expect(paths.length).toBeGreaterThan(30);
    expect(paths).toEqual(expect.arrayContaining(['/leads', '/receivables', '/events']));
  });

  it('answers text/csv for each', async () => {
    const refused: string[] = [];
    for (const { path } of listOperations()) {
      const res = await csv(path);
      if (res.status !== 200 || !res.type?.startsWith('text/csv') || !res.text.includes('\r\n')) {
        refused.push(`${path}: ${res.status} ${res.type} ${res.text.slice(0, 80)}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('writes the records of the list the path names, formula-safe', async () => {
    const leads = await csv('/leads');
    const [header, ...rows] = leads.text.trim().split('\r\n');
    expect(header!.split(',')).toEqual(
      expect.arrayContaining(['lead.id', 'lead.company', 'lead.contact.email']),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`'@SUM(1+1)`);
    // Receivables answer their open totals beside the list: the CSV is the receivables.
    const receivables = await csv('/receivables');
    expect(receivables).toMatchObject({ status: 200, type: expect.stringContaining('text/csv') });
    const body = {
      openTotals: [{ partnerId: 3, currency: 'EUR', open: '10.00' }],
      receivables: [{ id: 'R-1' }, { id: 'R-2' }],
      nextCursor: null,
    };
    expect(listOf(body, 'receivables')).toEqual({ name: 'receivables', items: body.receivables });
    // Two lists and neither named by the path: not one list.
    expect(listOf(body, 'totals')).toBeNull();
  });
});
