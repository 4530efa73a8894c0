/**
 * What someone with the database can do behind a test node's back, on either engine: make every
 * insert into a table fail (a SQLite trigger that raises, or a PostgreSQL trigger function that
 * does), for tests that a change and its audit row commit or fail together; and drop the triggers
 * that keep the audit trail append-only, for tests that `audit verify` still sees an edit.
 */
import { nodeWrite } from './node-database.ts';

interface StoredNode {
  dataDir: string;
  databaseUrl?: string;
}

/** Runs `fn` while every insert into `table` fails; the trigger is dropped after. */
export async function withFailingInserts<T>(
  node: StoredNode,
  table: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (node.databaseUrl) {
    await nodeWrite(
      node,
      `CREATE OR REPLACE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'test failure'; END; $$`,
    );
    await nodeWrite(
      node,
      `CREATE TRIGGER test_fail BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION test_fail()`,
    );
  } else {
    await nodeWrite(
      node,
      `CREATE TRIGGER test_fail BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'test failure'); END`,
    );
  }
  try {
    return await fn();
  } finally {
    await nodeWrite(node, `DROP TRIGGER test_fail${node.databaseUrl ? ` ON ${table}` : ''}`);
  }
}

/** Drops the audit trail's append-only triggers (migration 0003 on SQLite, 0001 on PostgreSQL). */
export async function dropAuditGuards(node: StoredNode): Promise<void> {
  if (node.databaseUrl) {
    await nodeWrite(node, 'DROP TRIGGER audit_log_no_update ON audit_log');
    return;
  }
  await nodeWrite(node, 'DROP TRIGGER audit_log_no_update');
  await nodeWrite(node, 'DROP TRIGGER audit_log_no_delete');
}
