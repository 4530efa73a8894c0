/**
 * A change and its audit row commit together, over the admin API and from the CLI, against the
 * node's real database (SQLite, or PostgreSQL with PARTNER_SYNC_TEST_STORE=postgres): a change
 * that fails leaves no row, and a row that cannot be written takes the change back with it. The
 * failures are made with triggers added straight in the database (tamper-database.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFailingInserts } from '../support/tamper-database.ts';
import { nodeRows } from '../support/node-database.ts';
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

const auditRows = () =>
  nodeRows<{ operation: string; record: string | null; outcome: string }>(
    node,
    'SELECT operation, record, outcome FROM audit_log ORDER BY seq',
  );
const invitationNames = async () =>
  (await nodeRows<{ name: string }>(node, 'SELECT name FROM invitations ORDER BY created_at')).map(
    (r) => r.name,
  );

const invite = (name: string) =>
  node.api('POST', '/invitations', { name, partnerType: 'reseller', relationship: 'strategic' });
const cliInvite = (name: string) =>
  runCliOn(node, ['invite', '--name', name, '--type', 'reseller', '--relationship', 'strategic']);

/** Runs `fn` while every insert into `table` fails inside the database. */
const failingInserts = <T>(table: string, fn: () => Promise<T>) =>
  withFailingInserts(node, table, fn);

describe('staff › audit row in the change’s own unit', () => {
  it('records a change through the API in the same unit as the change', async () => {
    expect((await invite('Alpha')).status).toBe(201);
    expect(await invitationNames()).toEqual(['Alpha']);
    expect(await auditRows()).toEqual([
      {
        operation: 'POST /api/invitations',
        record: expect.stringMatching(/^invitations\//),
        outcome: 'ok',
      },
    ]);
  });

  it('an API change that fails leaves no audit row', async () => {
    const before = (await auditRows()).length;
    const res = await failingInserts('invitations', () => invite('Beta'));
    expect(res.status).toBe(500);
    expect(await invitationNames()).toEqual(['Alpha']);
    expect(await auditRows()).toHaveLength(before);
  });

  it('an API change whose audit row cannot be written is rolled back', async () => {
    const before = (await auditRows()).length;
    const res = await failingInserts('audit_log', () => invite('Gamma'));
    expect(res.status).toBe(500);
    expect(await invitationNames()).toEqual(['Alpha']);
    expect(await auditRows()).toHaveLength(before);
    // With the trail writable again, the same change goes through with its row.
    expect((await invite('Gamma')).status).toBe(201);
    expect(await invitationNames()).toEqual(['Alpha', 'Gamma']);
    expect(await auditRows()).toHaveLength(before + 1);
  });

  it('a CLI change is recorded as the operator’s in its own unit, and rolled back without it', async () => {
    const before = (await auditRows()).length;
    const failed = await failingInserts('audit_log', () => cliInvite('Delta'));
    expect(failed.code).not.toBe(0);
    expect(await invitationNames()).toEqual(['Alpha', 'Gamma']);
    expect(await auditRows()).toHaveLength(before);

    const failedChange = await failingInserts('invitations', () => cliInvite('Delta'));
    expect(failedChange.code).not.toBe(0);
    expect(await auditRows()).toHaveLength(before);

    const ok = await cliInvite('Delta');
    expect(ok.code, ok.err).toBe(0);
    expect(await invitationNames()).toEqual(['Alpha', 'Gamma', 'Delta']);
    expect((await auditRows()).slice(before)).toEqual([
      { operation: 'cli invite', record: expect.stringMatching(/^invite\//), outcome: 'ok' },
    ]);
    const listed = await node.api('GET', '/audit?operation=cli%20invite');
    expect(listed.body.entries[0]).toMatchObject({ actorKind: 'cli', address: 'local' });
  });

  it('names the messages a change queued, over the API and from the CLI', async () => {
    await saveTestPartner(node.deps.store, 'https://one.example', { name: 'One' });
    await saveTestPartner(node.deps.store, 'https://two.example', { name: 'Two' });
    const queued = async () =>
      (
        await nodeRows<{ id: string }>(
          node,
          'SELECT message_id AS "id" FROM outbound_messages ORDER BY seq',
        )
      ).map((r) => r.id);
    const newest = async (operation: string) =>
      (await node.api('GET', `/audit?operation=${encodeURIComponent(operation)}&limit=1`)).body
        .entries[0] as { messageIds: string[] };

    const before = (await queued()).length;
    const res = await node.api('POST', '/profile', { name: 'Vendor New Name' });
    expect(res.status).toBe(202);
    const viaApi = (await queued()).slice(before);
    expect(viaApi).toHaveLength(2);
    expect((await newest('POST /api/profile')).messageIds.sort()).toEqual([...viaApi].sort());

    const cli = await runCliOn(node, ['profile', '--name', 'Vendor Newer Name']);
    expect(cli.code, cli.err).toBe(0);
    const viaCli = (await queued()).slice(before + 2);
    expect(viaCli).toHaveLength(2);
    expect((await newest('cli profile')).messageIds.sort()).toEqual([...viaCli].sort());
  });
});
