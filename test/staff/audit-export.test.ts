/**
 * Exporting the audit trail: a CSV over HTTP and a CSV or JSON from the CLI hold every row the
 * filters match, across more rows than one page (AUDIT_PAGE.max), newest first with none twice;
 * `limit` still asks for fewer, and the JSON listing with a limit still pages with `next`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { appendAudit } from '../../node/staff/audit-chain.ts';
import { AUDIT_PAGE } from '../../node/staff/audit-query.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

let node: TestNode;
/** More than one page of the largest size, so an export has to read several. */
const ROWS = AUDIT_PAGE.max + 250;
const OPERATION = 'test.export';

beforeAll(async () => {
  node = await createTestNode({ name: 'audit-export' });
  // Rows appended as any change appends them, in one unit so that setting up stays quick.
  await node.deps.store.transact(async (tx) => {
    for (let i = 0; i < ROWS; i++) {
      await appendAudit(tx, {
        ...CLI_ACTOR,
        at: new Date(Date.UTC(2026, 11, 1) + i * 1000),
        operation: OPERATION,
        record: `partners/${i}`,
        outcome: 'ok',
        messageIds: [],
        detail: {},
      });
    }
  });
});
afterAll(async () => {
  await node?.stop();
  await removeTestDirs();
});

/** The `record` column of a CSV export, in order. */
function csvRecords(text: string): string[] {
  const [header, ...lines] = text.trim().split('\r\n');
  const column = header!.split(',').indexOf('record');
  return lines.map((line) => line.split(',')[column]!);
}

const NEWEST_FIRST = Array.from({ length: ROWS }, (_, i) => `partners/${ROWS - 1 - i}`);

describe('staff › audit export', () => {
  it('a CSV over HTTP holds every matching row, not one page', async () => {
    const res = await fetch(`${node.url}/api/audit?format=csv&operation=${OPERATION}`, {
      headers: { authorization: `Bearer ${node.adminToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(csvRecords(await res.text())).toEqual(NEWEST_FIRST);

    const limited = await fetch(`${node.url}/api/audit?format=csv&operation=${OPERATION}&limit=5`, {
      headers: { authorization: `Bearer ${node.adminToken}` },
    });
    expect(csvRecords(await limited.text())).toEqual(NEWEST_FIRST.slice(0, 5));
    // The JSON listing stays a page.
    const page = await node.api('GET', `/audit?operation=${OPERATION}`);
    expect(page.body.entries).toHaveLength(AUDIT_PAGE.fallback);
    expect(page.body.next).toBe(page.body.entries.at(-1).seq);
  });

  it('the CLI exports every matching row as CSV and as JSON', async () => {
    const csv = await runCliOn(node, ['audit', 'list', '--operation', OPERATION, '--csv']);
    expect(csv.code, csv.err).toBe(0);
    expect(csvRecords(csv.out)).toEqual(NEWEST_FIRST);

    const json = await runCliOn(node, ['audit', 'list', '--operation', OPERATION, '--json']);
    expect(json.code, json.err).toBe(0);
    const all = JSON.parse(json.out);
    expect(all.next).toBeNull();
    expect(all.entries.map((e: { record: string }) => e.record)).toEqual(NEWEST_FIRST);
    expect(all.entries[0]).toMatchObject({ operation: OPERATION, actorKind: 'cli' });

    const none = await runCliOn(node, ['audit', 'list', '--operation', 'nothing.', '--json']);
    expect(JSON.parse(none.out)).toEqual({ entries: [], next: null });

    const paged = await runCliOn(node, [
      'audit',
      'list',
      '--operation',
      OPERATION,
      '--limit',
      '3',
      '--json',
    ]);
    const first = JSON.parse(paged.out);
    expect(first.entries).toHaveLength(3);
    expect(first.next).toBe(first.entries[2].seq);
  });
});
