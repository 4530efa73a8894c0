/**
 * The end-of-soak check: every sender's outbox against every receiver's inbox, read from the
 * nodes' own database files. For each (sender, receiver) stream: every message delivered with a
 * receipt, stored once by the receiver, in the order the sender created it, with the same bytes
 * (digest); and each service message had exactly one effect on the receiver. PostgreSQL nodes'
 * rows are read by postgres-snapshot.ts and compared the same way.
 */
import type { ChildNode } from './child-node.ts';
import { inboxRows, outboxRows, serviceEffects, type InRow, type OutRow } from './crash-pair.ts';

/** Sent while connecting, before the soak: delivered outside the outbox's normal path. */
const SKIP = new Set(['partner.connect']);

export interface StreamCounts {
  from: string;
  to: string;
  sent: number;
  delivered: number;
  duplicates: number;
}

export interface ConsistencyReport {
  streams: StreamCounts[];
  problems: string[];
}

/** What one node's store says at the end: its outbox, its inbox and its service effects. */
export interface NodeSnapshot {
  name: string;
  url: string;
  outbox: OutRow[];
  inbox: InRow[];
  effects: Map<string, number>;
}

/** Reads the child nodes' SQLite files. */
export function checkConsistency(nodes: ChildNode[]): ConsistencyReport {
  return compareSnapshots(
    nodes.map((n) => ({
      name: n.name,
      url: n.url,
      outbox: outboxRows(n),
      inbox: inboxRows(n),
      effects: serviceEffects(n),
    })),
  );
}

/** Every (sender, receiver) stream of the snapshots compared; any engine's rows. */
export function compareSnapshots(nodes: NodeSnapshot[]): ConsistencyReport {
  const streams: StreamCounts[] = [];
  const problems: string[] = [];

  for (const sender of nodes) {
    for (const receiver of nodes) {
      if (sender === receiver) continue;
      const out = sender.outbox.filter((r) => r.toNodeId === receiver.url && !SKIP.has(r.kind));
      const inb = receiver.inbox.filter((r) => r.fromNodeId === sender.url && !SKIP.has(r.kind));
      const name = `${sender.name} → ${receiver.name}`;
      streams.push({
        from: sender.name,
        to: receiver.name,
        sent: out.length,
        delivered: out.filter((r) => r.status === 'delivered').length,
        duplicates: out.filter((r) => r.resultStatus === 'duplicate').length,
      });
      problems.push(...compareStream(name, out, inb, receiver.effects));
    }
  }
  return { streams, problems };
}

function compareStream(
  name: string,
  out: OutRow[],
  inb: InRow[],
  effects: Map<string, number>,
): string[] {
  const problems: string[] = [];
  const undelivered = out.filter((r) => r.status !== 'delivered' || !r.receipt);
  if (undelivered.length > 0) {
    problems.push(`${name}: ${undelivered.length} not delivered with a receipt (lost)`);
  }
  const seen = new Set<string>();
  for (const r of inb) {
    if (seen.has(r.messageId)) problems.push(`${name}: ${r.messageId} stored twice`);
    seen.add(r.messageId);
  }
  const sentIds = new Set(out.map((r) => r.messageId));
  const stray = inb.filter((r) => !sentIds.has(r.messageId));
  if (stray.length > 0) problems.push(`${name}: ${stray.length} stored but never sent`);
  const missing = out.filter((r) => !seen.has(r.messageId));
  if (missing.length > 0) problems.push(`${name}: ${missing.length} sent but not stored (lost)`);
  // Creation order (outbox seq) must be arrival order (inbox seq).
  const order = inb.map((r) => r.messageId);
  const expected = out.map((r) => r.messageId).filter((id) => seen.has(id));
  const firstOff = order.findIndex((id, i) => id !== expected[i]);
  if (firstOff >= 0) problems.push(`${name}: out of creation order from position ${firstOff}`);
  const digests = new Map(inb.map((r) => [r.messageId, r.digest]));
  const otherBytes = out.filter(
    (r) => seen.has(r.messageId) && digests.get(r.messageId) !== r.digest,
  );
  if (otherBytes.length > 0) problems.push(`${name}: ${otherBytes.length} stored with other bytes`);
  for (const r of out.filter((r) => r.kind.startsWith('service.'))) {
    const n = effects.get(r.messageId) ?? 0;
    if (n !== 1) problems.push(`${name}: ${r.kind} ${r.messageId} applied ${n} times`);
  }
  return problems;
}
