/**
 * Bulk in and out over the admin API: leads imported from CSV and JSON with a row-level report,
 * all or nothing unless bad rows are skipped; every list exported as CSV through the one writer,
 * formula-safe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNode, type TestNode } from '../support/test-node.ts';
import { expectApi, newLead } from '../leads/lead-nodes.ts';

let node: TestNode;
beforeAll(async () => {
  node = await createTestNode({ name: 'bulk' });
});
afterAll(() => node?.stop());

async function send(path: string, type: string, body: string, accept = 'application/json') {
  const res = await fetch(`${node.url}/api${path}`, {
    method: path.includes('import') ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${node.adminToken}`, 'content-type': type, accept },
    ...(path.includes('import') ? { body } : {}),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text };
}

const CSV_HEADER = 'id,company,contact.name,contact.email,region,interest,currency,source';

describe('bulk › leads import', () => {
  it('imports nothing when a row is bad, and reports each bad row', async () => {
    const csv = [
      CSV_HEADER,
      'B1,Acme,Ann,ann@acme.example,EMEA,router;switch,EUR,fair',
      'B2,Acme,Bob,not-an-email,EMEA,router,EUR,fair',
      'B1,Acme again,Ann,ann@acme.example,EMEA,router,EUR,fair',
    ].join('\r\n');
    const res = await send('/leads/import', 'text/csv', csv);
    expect(res.status).toBe(400);
    const { error, report } = JSON.parse(res.text);
    expect(error.code).toBe('invalid_import');
    expect(report).toMatchObject({ ok: false, rows: 3, imported: 0, rejectedCount: 2 });
    expect(report.rejected).toEqual([
      expect.objectContaining({ row: 2, field: 'contact.email', code: 'invalid_field' }),
      expect.objectContaining({ row: 3, field: 'id', code: 'duplicate_row' }),
    ]);
    expect((await node.api('GET', '/leads/B1')).status).toBe(404);

    // With skipBadRows the good row goes in, in one unit with its event.
    const skipped = await send('/leads/import?skipBadRows=true', 'text/csv', csv);
    expect(skipped.status).toBe(201);
    expect(JSON.parse(skipped.text).report).toMatchObject({ ok: true, imported: 1, ids: ['B1'] });
    const lead = await expectApi(node, 200, 'GET', '/leads/B1');
    expect(lead.lead).toMatchObject({ company: 'Acme', interest: ['router', 'switch'] });
    const { events } = await expectApi(node, 200, 'GET', '/events?types=lead.created');
    expect(events.map((e: any) => e.subject)).toContain('B1');
  });

  it('imports a JSON array, and refuses leads that exist already', async () => {
    const rows = [newLead('J1'), newLead('J2'), newLead('B1')];
    const res = await send('/leads/import', 'application/json', JSON.stringify(rows));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).report.rejected).toEqual([
      expect.objectContaining({ row: 3, code: 'lead_exists' }),
    ]);
    const ok = await send('/leads/import', 'application/json', JSON.stringify(rows.slice(0, 2)));
    expect(ok.status).toBe(201);
    expect((await node.api('GET', '/leads/J2')).status).toBe(200);
    for (const [type, body, code] of [
      ['application/json', '{"not":"a list"}', 'invalid_import'],
      ['application/json', '[', 'invalid_import'],
      ['text/plain', 'x', 'unsupported_media_type'],
    ]) {
      const bad = await send('/leads/import', type!, body!);
      expect(JSON.parse(bad.text).error.code, body).toBe(code);
    }
  });
});

describe('bulk › CSV export', () => {
  it('exports any list as CSV through the formula-safe writer', async () => {
    await expectApi(node, 201, 'POST', '/leads', newLead('X1', { company: '=HYPERLINK("x")' }));
    const res = await send('/leads', 'application/json', '', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/csv');
    const [header, ...lines] = res.text.trim().split('\r\n');
    expect(header).toContain('contact.email');
    expect(lines.find((l) => l.startsWith('X1'))).toContain(`"'=HYPERLINK(""x"")"`);
    // Other lists too: events, webhooks, invitations.
    for (const path of ['/events', '/invitations', '/partners']) {
      const other = await send(path, 'application/json', '', 'text/csv');
      expect(other.status, path).toBe(200);
      expect(other.type, path).toContain('text/csv');
    }
    // A single record is not a list.
    const one = await send('/leads/X1', 'application/json', '', 'text/csv');
    expect(one.status).toBe(406);
  });
});

describe('bulk › invitations import', () => {
  it('invites partners from CSV, all or nothing, with each token in the answer', async () => {
    const bad = [
      'name,partnerType,relationship,kinds,ttlHours',
      'North Reseller,reseller,strategic,,48',
      'South Reseller,nonsense,strategic,,48',
    ].join('\r\n');
    const refused = await send('/invitations/import', 'text/csv', bad);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).report.rejected).toEqual([
      expect.objectContaining({ row: 2, field: 'partnerType' }),
    ]);
    expect((await expectApi(node, 200, 'GET', '/invitations')).invitations).toHaveLength(0);
    const good = bad.replace('nonsense', 'value_added_supplier');
    const res = await send('/invitations/import', 'text/csv', good);
    expect(res.status).toBe(201);
    const { report } = JSON.parse(res.text);
    expect(report.invitations.map((i: any) => i.name)).toEqual([
      'North Reseller',
      'South Reseller',
    ]);
    expect(report.invitations.every((i: any) => typeof i.token === 'string')).toBe(true);
    const { invitations } = await expectApi(node, 200, 'GET', '/invitations');
    expect(invitations).toHaveLength(2);
  });
});
