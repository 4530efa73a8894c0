/**
 * Load for the soak: outbox rows written straight into a running sender's database, in the shape
 * the domains queue them (one row per message and partner, bodies that pass the kinds' schemas),
 * because the admin API of a node on a shared 2-core machine queues a few hundred messages a
 * second and the soak needs tens of thousands. The node signs, sends and settles them as its own:
 * only the enqueueing is the test's. A second writer is something the node's store already waits
 * for (it retries BEGIN while another process holds the lock).
 */
import Database from 'better-sqlite3';
import { newMessageId } from '../../../protocol/index.ts';
import type { ChildNode } from './child-node.ts';

interface Stream {
  partnerId: number;
  toNodeId: string;
  /** Service requests opened on this stream, with the last update version and stamp of each. */
  requests: Array<{ id: string; version: number; changedAt: number }>;
  /** Messages queued on this stream so far. */
  n: number;
}

export interface SoakLoad {
  /** Queues about `count` messages (partner.update, service.request, service.update) in one go. */
  enqueue(count: number): number;
  close(): void;
}

export function createSoakLoad(sender: ChildNode, receivers: ChildNode[]): SoakLoad {
  const db = new Database(sender.dbFile, { fileMustExist: true, timeout: 5_000 });
  const partnerOf = db.prepare<[string], { id: number }>(
    'SELECT id FROM partners WHERE node_id = ?',
  );
  const streams: Stream[] = receivers.map((r) => {
    const row = partnerOf.get(r.url);
    if (!row) throw new Error(`${sender.name} is not connected to ${r.name}`);
    return { partnerId: row.id, toNodeId: r.url, requests: [], n: 0 };
  });
  const insert = db.prepare<[string, number, string, string, string, number, number, number]>(
    `INSERT INTO outbound_messages
       (message_id, partner_id, to_node_id, kind, body, created_at, status, attempts,
        next_attempt_at, horizon_from)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
  );
  function next(stream: Stream): { kind: string; body: unknown } {
    const i = stream.n++;
    const open = stream.requests;
    if (i % 4 === 1 || (i % 4 === 2 && open.length === 0)) {
      const id = `soak-${sender.name}-${stream.partnerId}-${i}`;
      open.push({ id, version: 0, changedAt: Date.now() });
      return {
        kind: 'service.request',
        body: {
          request: {
            id,
            category: 'technical',
            subject: `Unit ${i}`,
            description: 'It does not start',
            priority: 'normal',
          },
          version: 1,
        },
      };
    }
    if (i % 4 === 2) {
      const request = open[i % open.length]!;
      request.version++;
      request.changedAt = Math.max(Date.now(), request.changedAt + 1);
      return {
        kind: 'service.update',
        body: {
          requestId: request.id,
          status: 'in_progress',
          comment: { id: `c-${stream.partnerId}-${i}`, text: `Note ${i}` },
          version: request.version,
          changedAt: new Date(request.changedAt).toISOString(),
        },
      };
    }
    return { kind: 'partner.update', body: { name: `${sender.name} ${i}` } };
  }

  const enqueueMany = db.transaction((count: number) => {
    const now = Date.now();
    for (let k = 0; k < count; k++) {
      const stream = streams[k % streams.length]!;
      const { kind, body } = next(stream);
      insert.run(
        newMessageId(),
        stream.partnerId,
        stream.toNodeId,
        kind,
        JSON.stringify(body),
        now,
        now,
        now,
      );
    }
    return count;
  });

  return {
    enqueue: (count) => enqueueMany(count),
    close: () => db.close(),
  };
}
