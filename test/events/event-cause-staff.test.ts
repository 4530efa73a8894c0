/**
 * The cause of a change made through the admin API: the staff member's e-mail. The node's own
 * admin token acts as the first owner once there is one (node/staff/authenticate.ts), and is
 * named `admin-token` before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApi, newLead } from '../leads/lead-nodes.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  node = await createTestNode({ name: 'staff-cause' });
});
afterAll(async () => {
  await node?.stop();
  await removeTestDirs();
});

async function cliJson(argv: string[]) {
  const result = await runCliOn(node, [...argv, '--json']);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out);
}

describe('events › staff cause', () => {
  it('names the staff member whose token made the change', async () => {
    await expectApi(node, 201, 'POST', '/leads', newLead('SC0'));
    await cliJson([
      'staff',
      'add',
      '--email',
      'olga@vendor.example',
      '--name',
      'Olga Owner',
      '--role',
      'owner',
    ]);
    const { token } = await cliJson(['tokens', 'create', '--email', 'olga@vendor.example']);
    const res = await fetch(`${node.url}/api/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(newLead('SC1')),
    });
    expect(res.status).toBe(201);
    await expectApi(node, 201, 'POST', '/leads', newLead('SC2'));

    const { events } = await expectApi(node, 200, 'GET', '/events?types=lead.created');
    expect(events.map((e: any) => [e.subject, e.cause.kind, e.cause.principal])).toEqual([
      ['SC0', 'staff', 'admin-token'],
      ['SC1', 'staff', 'olga@vendor.example'],
      ['SC2', 'staff', 'olga@vendor.example'],
    ]);
  });
});
