/** `partner-sync webhooks …` on a running node's data directory, seen through the admin API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  node = await createTestNode({ name: 'hooks-cli' });
});
afterAll(() => node?.stop());

describe('cli › webhooks', () => {
  it('adds, lists, disables, rotates, tests and deletes an endpoint', async () => {
    const added = await runCliOn(node, [
      'webhooks',
      'add',
      'http://127.0.0.1:9/hook',
      '--events',
      'lead.,deal.decided',
      '--json',
    ]);
    expect(added.code).toBe(0);
    const { id, secret } = JSON.parse(added.out);
    expect(secret).toMatch(/^whsec_/);
    const listed = await node.api('GET', '/webhooks');
    expect(listed.body.webhooks).toMatchObject([{ id, events: ['lead.', 'deal.decided'] }]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    expect((await runCliOn(node, ['webhooks', 'disable', id])).code).toBe(0);
    const table = await runCliOn(node, ['webhooks']);
    expect(table.out).toContain(id);
    expect(table.out).toContain('disabled by an admin');
    const rotated = await runCliOn(node, ['webhooks', 'rotate-secret', id, '--json']);
    expect(JSON.parse(rotated.out).secret).not.toBe(secret);
    expect((await runCliOn(node, ['webhooks', 'test', id])).out).toMatch(/Queued test event evt_/);
    const log = await runCliOn(node, ['webhooks', 'deliveries', id, '--json']);
    expect(JSON.parse(log.out)).toMatchObject([{ type: 'webhook.test', status: 'pending' }]);
    expect((await runCliOn(node, ['webhooks', 'delete', id])).code).toBe(0);
    expect((await node.api('GET', `/webhooks/${id}`)).status).toBe(404);
  });

  it('refuses a URL the SSRF guard refuses', async () => {
    const res = await runCliOn(node, ['webhooks', 'add', 'http://169.254.169.254/']);
    expect(res.code).not.toBe(0);
    expect(res.err).toMatch(/169\.254/);
  });
});
