/**
 * Webhook deliveries of a node served by two processes on one PostgreSQL database: while one
 * process waits on a receiver that has not answered, a second process starting beside it (whose
 * worker frees a dead process's leases at its start) neither frees nor sends that delivery; once
 * the receiver answers, each event has reached it exactly once.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../node/logger.ts';
import { startNode, type RunningNode } from '../../node/main.ts';
import { newLead } from '../leads/lead-nodes.ts';
import { nodeRows } from '../support/node-database.ts';
import { hasTestPostgres } from '../support/test-database.ts';
import { createTestNode, eventually, freePort, removeTestDirs } from '../support/test-node.ts';

afterAll(removeTestDirs);

/** A receiver that holds every request until `release()`, recording each webhook-id it gets. */
async function startHoldingReceiver() {
  const ids: string[] = [];
  const held: ServerResponse[] = [];
  let holding = true;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      ids.push(String(req.headers['webhook-id']));
      if (holding) held.push(res);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    ids,
    release() {
      holding = false;
      for (const res of held.splice(0)) res.writeHead(204).end();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function startProcess(dataDir: string): Promise<RunningNode> {
  return startNode({
    dataDir,
    env: { PARTNER_SYNC_PORT: String(await freePort()) },
    log: silentLogger(),
    random: () => 0,
    outboxPollMs: 20,
  });
}

describe.runIf(hasTestPostgres())('webhooks › several processes on PostgreSQL', () => {
  it('a delivery under way in one process is not freed or sent again by another', async () => {
    const receiver = await startHoldingReceiver();
    // A minute's timeout leases a round for 150 s: only another process taking it could resend.
    const node = await createTestNode({
      name: 'hooks',
      postgres: true,
      settings: { outboundTimeoutMs: 60_000 },
    });
    const processes: RunningNode[] = [];
    try {
      const created = await node.api('POST', '/webhooks', {
        url: receiver.url,
        events: ['lead.created'],
      });
      expect(created.status).toBe(201);
      await node.stop();
      processes.push(await startProcess(node.dataDir));
      const api = (p: RunningNode, path: string, body: unknown) =>
        fetch(`http://127.0.0.1:${p.port}/api${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${node.adminToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
        });
      expect((await api(processes[0]!, '/leads', newLead('H1'))).status).toBe(201);
      await eventually(async () => receiver.ids.length === 1, 20_000);
      const inFlight = `SELECT seq, status FROM webhook_deliveries ORDER BY seq`;
      expect(await nodeRows(node, inFlight)).toMatchObject([{ status: 'in_flight' }]);

      // The second process starts, looks for work for a while, and leaves the delivery alone.
      processes.push(await startProcess(node.dataDir));
      await processes[1]!.deps.webhooks.runOnce();
      await new Promise((r) => setTimeout(r, 1_500));
      expect(receiver.ids).toHaveLength(1);
      expect(await nodeRows(node, inFlight)).toMatchObject([{ status: 'in_flight' }]);

      // A second event, queued through the second process, waits behind the first in order.
      expect((await api(processes[1]!, '/leads', newLead('H2'))).status).toBe(201);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(receiver.ids).toHaveLength(1);

      receiver.release();
      await eventually(async () => {
        const rows = await nodeRows<{ status: string }>(node, inFlight);
        return rows.length === 2 && rows.every((r) => r.status === 'delivered');
      }, 20_000);
      expect(receiver.ids).toHaveLength(2);
      expect(new Set(receiver.ids).size).toBe(2);
    } finally {
      await Promise.all(processes.map((p) => p.close()));
      await receiver.close();
    }
  }, 120_000);
});
