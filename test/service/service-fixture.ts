/**
 * Three real nodes for the service tests — a vendor and two partners — on one shared manual
 * clock, each with its own offset so a test can make one node's clock run ahead.
 */
import { expect } from 'vitest';
import type { Clock } from '../../node/clock.ts';
import { nodeStoredBytes } from '../support/node-database.ts';
import { connectPair } from '../support/federation.ts';
import { createTestNode, eventually, ManualClock, type TestNode } from '../support/test-node.ts';

export class OffsetClock implements Clock {
  offsetMs = 0;
  constructor(private readonly base: ManualClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
}

export interface Trio {
  clock: ManualClock;
  clocks: Map<TestNode, OffsetClock>;
  vendor: TestNode;
  p1: TestNode;
  p2: TestNode;
  /** Partner ids: on `on`, the partner that is `of`. */
  idOf(on: TestNode, of: TestNode): number;
  stop(): Promise<void>;
}

export async function createTrio(): Promise<Trio> {
  const clock = new ManualClock(new Date());
  const clocks = new Map<TestNode, OffsetClock>();
  const node = async (name: string) => {
    const c = new OffsetClock(clock);
    const n = await createTestNode({ name, clock: c });
    clocks.set(n, c);
    return n;
  };
  const [vendor, p1, p2] = await Promise.all([node('vendor'), node('p1'), node('p2')]);
  const ids = new Map<string, number>();
  const record = (on: TestNode, of: TestNode, id: number) => ids.set(`${on.url} ${of.url}`, id);
  for (const partner of [p1, p2]) {
    const { onHost, onJoiner } = await connectPair(vendor, partner);
    record(vendor, partner, onHost.id);
    record(partner, vendor, onJoiner.id);
  }
  // p2 is also p1's supplier: connected, but party to none of p1's business with the vendor.
  const { onHost, onJoiner } = await connectPair(p1, p2, { partnerType: 'value_added_supplier' });
  record(p1, p2, onHost.id);
  record(p2, p1, onJoiner.id);
  return {
    clock,
    clocks,
    vendor,
    p1,
    p2,
    idOf(on, of) {
      const id = ids.get(`${on.url} ${of.url}`);
      if (id === undefined) throw new Error(`${on.name} is not connected to ${of.name}`);
      return id;
    },
    async stop() {
      await Promise.all([vendor.stop(), p1.stop(), p2.stop()]);
    },
  };
}

/** Calls the admin API and expects the status; returns the body. */
export async function call(
  node: TestNode,
  method: string,
  path: string,
  body?: unknown,
  status = method === 'POST' && /\/(requests|claims)$/.test(path) ? 201 : 200,
): Promise<any> {
  const res = await node.api(method, path, body);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

export { settle } from '../support/federation.ts';

/** The node's request with this wire id (as the admin API shows it, with its timeline). */
export async function requestOn(node: TestNode, requestId: string): Promise<any> {
  return call(node, 'GET', `/service/requests/${requestId}`);
}

export async function claimOn(node: TestNode, claimId: string): Promise<any> {
  return call(node, 'GET', `/warranty/claims/${claimId}`);
}

/** The bytes of the node's SQLite database and its write-ahead log, as stored on disk. */
export async function databaseBytes(node: TestNode): Promise<Buffer> {
  return nodeStoredBytes(node);
}

/**
 * Whether `bytes` hold `text`: as UTF-8, or base64url-encoded at any byte alignment (as inside a
 * stored JWS), comparing the characters that depend on the text alone.
 */
export function holds(bytes: Buffer, text: string): boolean {
  const raw = Buffer.from(text, 'utf8');
  if (bytes.includes(raw)) return true;
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), raw]).toString('base64url');
    // Leading characters mix in the shift bytes; the last ones may mix in what follows the text.
    const core = encoded.slice(Math.ceil((8 * shift) / 6), encoded.length - 2);
    if (bytes.includes(Buffer.from(core, 'latin1'))) return true;
  }
  return false;
}

/** What both sides must agree on about a request. */
export function sharedState(view: any) {
  return {
    requestId: view.requestId,
    category: view.category,
    subject: view.subject,
    description: view.description,
    priority: view.priority,
    dueAt: view.dueAt,
    version: view.version,
    status: view.status,
    statusChangedAt: view.statusChangedAt,
    statusChangedBy: view.statusChangedBy,
    withdrawn: view.withdrawn,
    partnerComments: (view.timeline as any[])
      .filter((e) => e.comment?.visibility === 'partner')
      .map((e) => `${e.comment.id} ${e.comment.text}`)
      .sort(),
    updates: (view.timeline as any[])
      .filter((e) => e.type === 'update')
      .map((e) => `${e.by} v${e.version} ${e.status} ${e.at}`)
      .sort(),
  };
}
