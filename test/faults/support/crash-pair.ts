/**
 * Two connected child nodes for crash tests — a vendor that receives and a reseller that sends —
 * the messages of mixed kinds the reseller sends through its admin API, and what each side's
 * database says about them afterwards.
 */
import type { NodeConfig } from '../../../node/config/defaults.ts';
import { createChildNode, type ChildNode } from './child-node.ts';

export interface Pair {
  vendor: ChildNode;
  reseller: ChildNode;
}

/** Starts both and connects them: the vendor invites the reseller, which connects. */
export async function startPair(
  settings: { vendor?: Partial<NodeConfig>; reseller?: Partial<NodeConfig> } = {},
): Promise<Pair> {
  const vendor = await createChildNode({ name: 'vendor', settings: settings.vendor });
  const reseller = await createChildNode({ name: 'reseller', settings: settings.reseller });
  await Promise.all([vendor.start(), reseller.start()]);
  await connectChildren(vendor, reseller);
  return { vendor, reseller };
}

/** `host` invites `joiner` as a reseller and `joiner` connects, both over their admin APIs. */
export async function connectChildren(host: ChildNode, joiner: ChildNode): Promise<void> {
  const invited = await host.api('POST', '/invitations', {
    name: joiner.name,
    partnerType: 'reseller',
    relationship: 'strategic',
  });
  if (invited.status !== 201) throw new Error(`invitation failed: ${JSON.stringify(invited)}`);
  const connected = await joiner.api('POST', '/connect', {
    url: host.url,
    token: invited.body.token,
  });
  if (connected.status >= 300) throw new Error(`connect failed: ${JSON.stringify(connected)}`);
}

export interface Sent {
  messageId: string;
  kind: string;
}

/** A partner.update to every partner (here: the one), naming the profile `name`. */
export async function sendProfile(node: ChildNode, name: string): Promise<Sent[]> {
  const res = await node.api('POST', '/profile', { name });
  if (res.status !== 202) throw new Error(`profile update failed: ${JSON.stringify(res)}`);
  return (res.body.messageIds as string[]).map((messageId) => ({
    messageId,
    kind: 'partner.update',
  }));
}

/** Opens a service request with `partner` (service.request); its row id for updates. */
export async function openServiceRequest(
  node: ChildNode,
  partner: string,
  subject: string,
): Promise<{ id: number; sent: Sent }> {
  const res = await node.api('POST', '/service/requests', {
    partner,
    category: 'technical',
    subject,
    description: `${subject}: it does not start`,
    priority: 'normal',
  });
  if (res.status !== 201) throw new Error(`service request failed: ${JSON.stringify(res)}`);
  return { id: res.body.id as number, sent: lastSent(node, 'service.request') };
}

/** A partner-visible comment on the request (service.update). */
export async function commentOn(node: ChildNode, requestRowId: number, text: string) {
  const res = await node.api('POST', `/service/requests/${requestRowId}/updates`, {
    comment: text,
    visibility: 'partner',
  });
  if (res.status !== 200) throw new Error(`service update failed: ${JSON.stringify(res)}`);
  return lastSent(node, 'service.update');
}

function lastSent(node: ChildNode, kind: string): Sent {
  const row = node.query(
    (db) =>
      db
        .prepare(
          'SELECT message_id AS messageId FROM outbound_messages WHERE kind = ? ORDER BY seq DESC LIMIT 1',
        )
        .get(kind) as { messageId: string } | undefined,
  );
  if (!row) throw new Error(`no ${kind} queued`);
  return { messageId: row.messageId, kind };
}

export interface OutRow {
  seq: number;
  messageId: string;
  kind: string;
  toNodeId: string;
  status: string;
  digest: string | null;
  resultStatus: string | null;
  receipt: string | null;
  attempts: number;
  leaseUntil: number | null;
  deliveredAt: number | null;
}

export function outboxRows(node: ChildNode): OutRow[] {
  return node.query(
    (db) =>
      db
        .prepare(
          `SELECT seq, message_id AS messageId, kind, to_node_id AS toNodeId, status, digest,
                  result_status AS resultStatus, receipt, attempts, lease_until AS leaseUntil,
                  delivered_at AS deliveredAt
           FROM outbound_messages ORDER BY seq`,
        )
        .all() as OutRow[],
  );
}

export interface InRow {
  seq: number;
  messageId: string;
  fromNodeId: string;
  kind: string;
  digest: string;
}

export function inboxRows(node: ChildNode): InRow[] {
  return node.query(
    (db) =>
      db
        .prepare(
          `SELECT seq, message_id AS messageId, from_node_id AS fromNodeId, kind, digest
           FROM inbound_messages ORDER BY seq`,
        )
        .all() as InRow[],
  );
}

/** How many service events the node recorded for each message id it received. */
export function serviceEffects(node: ChildNode): Map<string, number> {
  const rows = node.query(
    (db) =>
      db
        .prepare(
          `SELECT message_id AS messageId, count(*) AS n FROM service_events
           WHERE message_id IS NOT NULL AND side = 'partner' GROUP BY message_id`,
        )
        .all() as Array<{ messageId: string; n: number }>,
  );
  return new Map(rows.map((r) => [r.messageId, r.n]));
}

/** The profile name the partner `nodeId` declared to `node`. */
export function declaredName(node: ChildNode, nodeId: string): string | undefined {
  const row = node.query(
    (db) =>
      db.prepare('SELECT declared_profile AS p FROM partners WHERE node_id = ?').get(nodeId) as
        { p: string | null } | undefined,
  );
  return row?.p ? (JSON.parse(row.p) as { name?: string }).name : undefined;
}
