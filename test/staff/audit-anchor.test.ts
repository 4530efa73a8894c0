/**
 * Dropping the newest rows of the audit trail leaves a chain that is intact in itself: only a
 * head kept outside the node reveals it. `audit verify` prints its head as SEQ:HASH, and
 * `audit verify --head SEQ:HASH` fails, naming the missing row, once that row is gone or changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWrite } from '../support/node-database.ts';
import { dropAuditGuards } from '../support/tamper-database.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

let node: TestNode;

beforeAll(async () => {
  node = await createTestNode({ name: 'audit-anchor' });
  for (const name of ['a', 'b', 'c']) {
    const r = await runCliOn(node, [
      'staff',
      'add',
      '--email',
      `${name}@v.example`,
      '--name',
      name,
      '--role',
      'viewer',
    ]);
    expect(r.code, r.err).toBe(0);
  }
});
afterAll(async () => {
  await node?.stop();
  await removeTestDirs();
});

describe('staff › audit verify against a kept head', () => {
  it('passes with the head it printed, and names the row once the newest were dropped', async () => {
    const first = await runCliOn(node, ['audit', 'verify']);
    expect(first.code, first.err).toBe(0);
    const head = /head (\d+:[0-9a-f]{64})\./.exec(first.out)![1]!;
    expect(head.startsWith('3:')).toBe(true);
    expect((await runCliOn(node, ['audit', 'verify', '--head', head])).code).toBe(0);

    // Someone with the file drops the triggers and the newest two rows: the rest still chains.
    await dropAuditGuards(node);
    await nodeWrite(node, 'DELETE FROM audit_log WHERE seq >= 2');
    expect((await runCliOn(node, ['audit', 'verify'])).code).toBe(0);
    const dropped = await runCliOn(node, ['audit', 'verify', '--head', head]);
    expect(dropped.code).toBe(1);
    expect(dropped.err).toContain('broken at row 2');
    expect(dropped.err).toContain('newest rows were removed');
    const json = await runCliOn(node, ['audit', 'verify', '--head', head, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, seq: 2, rows: 1 });
  });

  it('fails when the kept row was rewritten, and refuses a malformed head', async () => {
    const now = await runCliOn(node, ['audit', 'verify']);
    const [seq] = /head (\d+):/.exec(now.out)!.slice(1);
    const other = await runCliOn(node, ['audit', 'verify', '--head', `${seq}:${'0'.repeat(64)}`]);
    expect(other.code).toBe(1);
    expect(other.err).toContain(`broken at row ${seq}`);
    const bad = await runCliOn(node, ['audit', 'verify', '--head', 'yesterday']);
    expect(bad.code).toBe(2);
  });
});
