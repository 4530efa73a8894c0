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
import { nextSoakMessage, soakStream, type SoakStream } from './soak-messages.ts';

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
  const streams: SoakStream[] = receivers.map((r) => {
    const row = partnerOf.get(r.url);
    if (!row) throw new Error(`${sender.name} is not connected to ${r.name}`);
    return soakStream(row.id, r.url);
  });
  const insert = db.prepare<[string, number, string, string, string, number, number, number]>(
    `INSERT INTO outbound_messages
       (message_id, partner_id, to_node_id, kind, body, created_at, status, attempts,
        next_attempt_at, horizon_from)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
  );
  const enqueueMany = db.transaction((count: number) => {
    const now = Date.now();
    for (let k = 0; k < count; k++) {
      const stream = streams[k % streams.length]!;
      const { kind, body } = nextSoakMessage(sender.name, stream);
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
