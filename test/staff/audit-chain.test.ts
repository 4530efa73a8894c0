/**
 * The audit trail: what people and the CLI change is recorded, read back with filters, paging
 * and exports, and `audit verify` catches a row edited, re-hashed or deleted straight in the
 * database (SQLite, or PostgreSQL with PARTNER_SYNC_TEST_STORE=postgres).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash } from '../../node/staff/audit-chain.ts';
import { auditFromRow } from '../../node/store/sqlite/audit-repo.ts';
import { nodeRows, nodeWrite } from '../support/node-database.ts';
import { dropAuditGuards } from '../support/tamper-database.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

let node: TestNode;

beforeAll(async () => {
  node = await createTestNode({ name: 'audit-chain' });
});
afterAll(async () => {
  await node?.stop();
  await removeTestDirs();
});

async function cli(argv: string[]) {
  return runCliOn(node, argv);
}

async function cliJson(argv: string[]) {
  const result = await cli([...argv, '--json']);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out);
}

describe('staff › audit trail', () => {
  it('records staff changes and API changes, and reads them back filtered and paged', async () => {
    const owner = await cliJson([
      'staff',
      'add',
      '--email',
      'o@v.example',
      '--name',
      'O',
      '--role',
      'owner',
    ]);
    await cliJson([
      'staff',
      'add',
      '--email',
      'c@v.example',
      '--name',
      'C',
      '--role',
      'channel_manager',
    ]);
    await cliJson([
      'staff',
      'roles',
      '--email',
      'c@v.example',
      '--role',
      'channel_manager,finance',
    ]);
    const { token } = await cliJson(['tokens', 'create', '--email', 'c@v.example']);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${node.url}/api/invitations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `P${i}`, partnerType: 'reseller', relationship: 'strategic' }),
      });
      expect(res.status).toBe(201);
    }
    // Tokens and secrets never reach the trail.
    const all = await cliJson(['audit', 'list']);
    expect(JSON.stringify(all)).not.toContain(token);
    expect(all.entries.map((e: { operation: string }) => e.operation)).toEqual([
      'POST /api/invitations',
      'POST /api/invitations',
      'POST /api/invitations',
      'tokens.create',
      'staff.roles',
      'staff.add',
      'staff.add',
    ]);
    expect(all.entries[6]).toMatchObject({
      actorKind: 'cli',
      address: 'local',
      record: `staff/${owner.id}`,
    });
    expect(all.entries[0]).toMatchObject({
      actorKind: 'api-token',
      email: 'c@v.example',
      address: '127.0.0.1',
    });

    const page1 = await cliJson(['audit', 'list', '--person', 'c@v.example', '--limit', '2']);
    expect(page1.entries).toHaveLength(2);
    const page2 = await cliJson([
      'audit',
      'list',
      '--person',
      'c@v.example',
      '--before',
      String(page1.next),
    ]);
    expect(page2.entries).toHaveLength(1);
    expect(page2.next).toBeNull();

    const api = await node.api('GET', '/audit?operation=staff.&limit=10');
    expect(api.body.entries.map((e: { operation: string }) => e.operation)).toEqual([
      'staff.roles',
      'staff.add',
      'staff.add',
    ]);
    const byRecord = await node.api('GET', `/audit?record=staff/${owner.id}`);
    expect(byRecord.body.entries).toHaveLength(1);
    const future = await node.api('GET', '/audit?from=2999-01-01T00:00:00Z');
    expect(future.body.entries).toEqual([]);
    const bad = await node.api('GET', '/audit?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_filter');

    const csv = await fetch(`${node.url}/api/audit?format=csv&operation=staff.roles`, {
      headers: { authorization: `Bearer ${node.adminToken}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^seq,at,actorKind,/);
    expect(lines).toHaveLength(2);
    const cliCsv = await cli(['audit', 'list', '--csv', '--operation', 'staff.add']);
    expect(cliCsv.out.trim().split('\r\n')).toHaveLength(3);
  });

  it('verify passes on an intact trail', async () => {
    const ok = await cli(['audit', 'verify']);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('intact: 7 rows');
  });

  it('the database refuses updates and deletes of audit rows', async () => {
    await expect(
      nodeWrite(node, `UPDATE audit_log SET outcome = 'x' WHERE seq = 2`),
    ).rejects.toThrow(/append-only/);
    await expect(nodeWrite(node, 'DELETE FROM audit_log WHERE seq = 2')).rejects.toThrow(
      /append-only/,
    );
  });

  it('verify names the first row edited straight in the database', async () => {
    // Someone with the database can drop the triggers; the chain still tells.
    await dropAuditGuards(node);
    await nodeWrite(node, `UPDATE audit_log SET email = 'someone@else.example' WHERE seq = 3`);
    const edited = await cli(['audit', 'verify']);
    expect(edited.code).toBe(1);
    expect(edited.err).toContain('broken at row 3');
    expect(edited.err).toContain('edited');
    const json = await cli(['audit', 'verify', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, seq: 3, rows: 2 });
  });

  it('a re-hashed row breaks the link of the next one; a deleted row leaves a gap', async () => {
    const [stored] = await nodeRows<Record<string, unknown>>(
      node,
      `SELECT seq, at, actor_kind AS "actorKind", staff_id AS "staffId", email, token_id AS "tokenId",
         address, operation, record, outcome, message_ids AS "messageIds", detail,
         prev_hash AS "prevHash", hash FROM audit_log WHERE seq = 3`,
    );
    // PostgreSQL's 64-bit integers arrive as strings.
    const row = auditFromRow({
      ...stored,
      seq: Number(stored!.seq),
      at: Number(stored!.at),
    } as never);
    await nodeWrite(node, 'UPDATE audit_log SET hash = ? WHERE seq = 3', [auditHash(row)]);
    const rehashed = await cli(['audit', 'verify']);
    expect(rehashed.code).toBe(1);
    expect(rehashed.err).toContain('broken at row 4');

    await nodeWrite(node, 'DELETE FROM audit_log WHERE seq IN (3, 4)');
    const deleted = await cli(['audit', 'verify']);
    expect(deleted.code).toBe(1);
    expect(deleted.err).toContain('row 3 is missing');
  });
});
