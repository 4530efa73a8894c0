/**
 * A change and its audit row commit together, over the admin API and from the CLI, against the
 * node's real SQLite file: a change that fails leaves no row, and a row that cannot be written
 * takes the change back with it. The failures are made with triggers added straight in SQLite.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../node/init-node.ts';
import { saveTestPartner } from '../support/partner-row.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

let node: TestNode;

beforeAll(async () => {
  node = await createTestNode({ name: 'audit-same-unit' });
});
afterAll(async () => {
  await node?.stop();
  await removeTestDirs();
});

function sql<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(join(node.dataDir, DATABASE_FILE));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const auditRows = () =>
  sql(
    (db) =>
      db.prepare('SELECT operation, record, outcome FROM audit_log ORDER BY seq').all() as Array<{
        operation: string;
        record: string | null;
        outcome: string;
      }>,
  );
const invitationNames = () =>
  sql((db) =>
    (
      db.prepare('SELECT name FROM invitations ORDER BY created_at').all() as Array<{
        name: string;
      }>
    ).map((r) => r.name),
  );

const invite = (name: string) =>
  node.api('POST', '/invitations', { name, partnerType: 'reseller', relationship: 'strategic' });
const cliInvite = (name: string) =>
  runCliOn(node, ['invite', '--name', name, '--type', 'reseller', '--relationship', 'strategic']);

/** Runs `fn` while every insert into `table` fails inside SQLite. */
async function failingInserts<T>(table: string, fn: () => Promise<T>): Promise<T> {
  sql((db) =>
    db.exec(
      `CREATE TRIGGER test_fail BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'test failure'); END`,
    ),
  );
  try {
    return await fn();
  } finally {
    sql((db) => db.exec('DROP TRIGGER test_fail'));
  }
}

describe('staff › audit row in the change’s own unit', () => {
  it('records a change through the API in the same unit as the change', async () => {
    expect((await invite('Alpha')).status).toBe(201);
    expect(invitationNames()).toEqual(['Alpha']);
    expect(auditRows()).toEqual([
      {
        operation: 'POST /api/invitations',
        record: expect.stringMatching(/^invitations\//),
        outcome: 'ok',
      },
    ]);
  });

  it('an API change that fails leaves no audit row', async () => {
    const before = auditRows().length;
    const res = await failingInserts('invitations', () => invite('Beta'));
    expect(res.status).toBe(500);
    expect(invitationNames()).toEqual(['Alpha']);
    expect(auditRows()).toHaveLength(before);
  });

  it('an API change whose audit row cannot be written is rolled back', async () => {
    const before = auditRows().length;
    const res = await failingInserts('audit_log', () => invite('Gamma'));
    expect(res.status).toBe(500);
    expect(invitationNames()).toEqual(['Alpha']);
    expect(auditRows()).toHaveLength(before);
    // With the trail writable again, the same change goes through with its row.
    expect((await invite('Gamma')).status).toBe(201);
    expect(invitationNames()).toEqual(['Alpha', 'Gamma']);
    expect(auditRows()).toHaveLength(before + 1);
  });

  it('a CLI change is recorded as the operator’s in its own unit, and rolled back without it', async () => {
    const before = auditRows().length;
    const failed = await failingInserts('audit_log', () => cliInvite('Delta'));
    expect(failed.code).not.toBe(0);
    expect(invitationNames()).toEqual(['Alpha', 'Gamma']);
    expect(auditRows()).toHaveLength(before);

    const failedChange = await failingInserts('invitations', () => cliInvite('Delta'));
    expect(failedChange.code).not.toBe(0);
    expect(auditRows()).toHaveLength(before);

    const ok = await cliInvite('Delta');
    expect(ok.code, ok.err).toBe(0);
    expect(invitationNames()).toEqual(['Alpha', 'Gamma', 'Delta']);
    expect(auditRows().slice(before)).toEqual([
      { operation: 'cli invite', record: expect.stringMatching(/^invite\//), outcome: 'ok' },
    ]);
    const listed = await node.api('GET', '/audit?operation=cli%20invite');
    expect(listed.body.entries[0]).toMatchObject({ actorKind: 'cli', address: 'local' });
  });

  it('names the messages a change queued, over the API and from the CLI', async () => {
    await saveTestPartner(node.deps.store, 'https://one.example', { name: 'One' });
    await saveTestPartner(node.deps.store, 'https://two.example', { name: 'Two' });
    const queued = () =>
      sql((db) =>
        db.prepare('SELECT message_id FROM outbound_messages ORDER BY seq').pluck().all(),
      ) as string[];
    const newest = async (operation: string) =>
      (await node.api('GET', `/audit?operation=${encodeURIComponent(operation)}&limit=1`)).body
        .entries[0] as { messageIds: string[] };

    const before = queued().length;
    const res = await node.api('POST', '/profile', { name: 'Vendor New Name' });
    expect(res.status).toBe(202);
    const viaApi = queued().slice(before);
    expect(viaApi).toHaveLength(2);
    expect((await newest('POST /api/profile')).messageIds.sort()).toEqual([...viaApi].sort());

    const cli = await runCliOn(node, ['profile', '--name', 'Vendor Newer Name']);
    expect(cli.code, cli.err).toBe(0);
    const viaCli = queued().slice(before + 2);
    expect(viaCli).toHaveLength(2);
    expect((await newest('cli profile')).messageIds.sort()).toEqual([...viaCli].sort());
  });
});
