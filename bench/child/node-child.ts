/**
 * A partner-sync node in its own process, as in production (startNode on a data directory),
 * driven by the benchmark over IPC. It times what only the node can see: when each outbound
 * message was enqueued and when its receipt was committed.
 */
import { request } from 'undici';
import {
  buildMessage,
  newMessageId,
  signMessage,
  type MessagePayload,
} from '../../protocol/index.ts';
import { connectToNode } from '../../node/connect/connect-to-node.ts';
import { createLogger } from '../../node/logger.ts';
import { startNode, type RunningNode } from '../../node/main.ts';
import { createInvitation, parsePartnerProfile } from '../../node/partners/invitations.ts';
import type { Store, StoreTx } from '../../node/store/store.ts';
import type { OutboundDraft, Partner } from '../../node/store/types.ts';
import { serveParent } from '../lib/ipc.ts';
import { BENCH_KIND, benchBody } from '../lib/body.ts';
import { seedDatabase } from '../lib/seed.ts';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../node/init-node.ts';
import { memoryBreakdown } from '../lib/memory-breakdown.ts';

// `port`: a second process of a node on PostgreSQL listens on a port of its own.
const { dataDir, domainEvents, port } = JSON.parse(process.argv[2] ?? '{}') as {
  dataDir: string;
  /** false: the store without the event log (bench/sections/events.ts compares). */
  domainEvents?: boolean;
  port?: number;
};

const node: RunningNode = await startNode({
  dataDir,
  env: port === undefined ? {} : { PARTNER_SYNC_PORT: String(port) },
  log: createLogger('warn'),
  ...(domainEvents === false ? { domainEvents } : {}),
});

// Receipt commits, observed by wrapping the store's units of work: a unit that marked messages
// delivered is stamped when it resolves, which is after its COMMIT.
const receiptStoredAt = new Map<number, number>();
let onReceipts: (() => void) | null = null;
instrument(node.deps.store);

function instrument(store: Store): void {
  const transact = store.transact.bind(store);
  store.transact = <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
    const seqs: number[] = [];
    return transact((tx) => fn(watch(tx, seqs))).then((result) => {
      if (seqs.length > 0) {
        const t = performance.now();
        for (const s of seqs) receiptStoredAt.set(s, t);
        onReceipts?.();
      }
      return result;
    });
  };
}

function watch(tx: StoreTx, seqs: number[]): StoreTx {
  const outbox = Object.create(tx.outbox) as StoreTx['outbox'];
  outbox.markDelivered = (seq, input) => {
    seqs.push(seq);
    return tx.outbox.markDelivered(seq, input);
  };
  return Object.assign(Object.create(tx) as StoreTx, { outbox });
}

async function partnerByNodeId(nodeId: string): Promise<Partner> {
  const p = await node.deps.store.read((tx) => tx.partners.getByNodeId(nodeId));
  if (!p) throw new Error(`${nodeId} is not a partner`);
  return p;
}

function drafts(partner: Partner, from: number, count: number): OutboundDraft[] {
  return Array.from({ length: count }, (_, k) => ({
    messageId: newMessageId(),
    partnerId: partner.id,
    toNodeId: partner.nodeId,
    kind: BENCH_KIND,
    body: benchBody(from + k),
  }));
}

async function enqueue(partner: Partner, from: number, count: number): Promise<number[]> {
  const rows = await node.deps.store.transact((tx) =>
    tx.outbox.enqueue(drafts(partner, from, count), node.deps.clock.now()),
  );
  node.deps.notifyOutbox();
  return rows.map((r) => r.seq);
}

/** Resolves when every seq has its receipt stored; rejects after `timeoutMs`. */
function receiptsFor(seqs: number[], timeoutMs: number): Promise<number> {
  const done = () => seqs.every((s) => receiptStoredAt.has(s));
  const last = () => Math.max(...seqs.map((s) => receiptStoredAt.get(s)!));
  if (done()) return Promise.resolve(last());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      onReceipts = null;
      const missing = seqs.filter((s) => !receiptStoredAt.has(s)).length;
      reject(
        new Error(`${missing} of ${seqs.length} messages without a receipt after ${timeoutMs} ms`),
      );
    }, timeoutMs);
    let checkedUpTo = 0;
    onReceipts = () => {
      while (checkedUpTo < seqs.length && receiptStoredAt.has(seqs[checkedUpTo]!)) checkedUpTo++;
      if (checkedUpTo < seqs.length && !done()) return;
      clearTimeout(timer);
      onReceipts = null;
      resolve(last());
    };
  });
}

serveParent(
  {
    info: () => ({ nodeId: node.nodeId, port: node.port, pid: process.pid }),

    async invite({ name }: { name: string }) {
      const profile = parsePartnerProfile(
        { name, partnerType: 'reseller', relationship: 'strategic' },
        node.deps.handlers.kinds(),
      );
      const { token } = await createInvitation(
        { store: node.deps.store, now: node.deps.clock.now(), ttlMs: 24 * 3600_000 },
        profile,
      );
      return { token };
    },

    async connect({ url, token }: { url: string; token: string }) {
      const p = await connectToNode(node.deps, { url, token });
      return { partnerId: p.id };
    },

    /**
     * Enqueues `count` messages to `to` in transactions of `chunk` and waits until every receipt
     * is stored. Times are milliseconds from the start of the first enqueue.
     */
    async throughput({
      to,
      count,
      chunk,
      timeoutMs,
    }: {
      to: string;
      count: number;
      chunk: number;
      timeoutMs: number;
    }) {
      const partner = await partnerByNodeId(to);
      receiptStoredAt.clear();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const seqs: number[] = [];
      for (let i = 0; i < count; i += chunk) {
        seqs.push(...(await enqueue(partner, i, Math.min(chunk, count - i))));
      }
      const enqueuedMs = performance.now() - t0;
      const last = await receiptsFor(seqs, timeoutMs);
      const cpu = process.cpuUsage(cpu0);
      return { enqueuedMs, totalMs: last - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
    },

    /**
     * The enqueue path alone: `count` messages in transactions of `chunk` from `concurrent`
     * callers, with delivery to the partner paused (suspended) meanwhile, then resumed.
     */
    async enqueueOnly({
      to,
      count,
      chunk,
      concurrent,
    }: {
      to: string;
      count: number;
      chunk: number;
      concurrent: number;
    }) {
      const partner = await partnerByNodeId(to);
      const setStatus = (status: 'active' | 'suspended') =>
        node.deps.store.transact((tx) =>
          tx.partners.setStatus(partner.id, status, node.deps.clock.now()),
        );
      await setStatus('suspended');
      const t0 = performance.now();
      let next = 0;
      const seqs: number[] = [];
      await Promise.all(
        Array.from({ length: concurrent }, async () => {
          while (next < count) {
            const from = next;
            const n = Math.min(chunk, count - from);
            next += n;
            seqs.push(...(await enqueue(partner, from, n)));
          }
        }),
      );
      const ms = performance.now() - t0;
      await setStatus('active');
      node.deps.notifyOutbox();
      return { ms, seqs };
    },

    async awaitReceipts({ seqs, timeoutMs }: { seqs: number[]; timeoutMs: number }) {
      await receiptsFor(seqs, timeoutMs);
      return {};
    },

    /**
     * One message at a time at a steady `rate` for `durationMs`, each in its own transaction, as
     * business actions enqueue them; returns each message's time from enqueue to receipt stored.
     */
    async steady({
      to,
      rate,
      durationMs,
      timeoutMs,
    }: {
      to: string;
      rate: number;
      durationMs: number;
      timeoutMs: number;
    }) {
      const partner = await partnerByNodeId(to);
      receiptStoredAt.clear();
      const count = Math.max(1, Math.round((rate * durationMs) / 1000));
      const startedAt = new Map<number, number>();
      const t0 = performance.now();
      const pending: Array<Promise<void>> = [];
      for (let i = 0; i < count; i++) {
        const due = t0 + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        const at = performance.now();
        pending.push(
          enqueue(partner, i, 1).then(([seq]) => {
            startedAt.set(seq!, at);
          }),
        );
      }
      await Promise.all(pending);
      const seqs = [...startedAt.keys()];
      await receiptsFor(seqs, timeoutMs);
      const achievedRate = count / ((performance.now() - t0) / 1000);
      return {
        latenciesMs: seqs.map((s) => receiptStoredAt.get(s)! - startedAt.get(s)!),
        sentRate: count / ((Math.max(...startedAt.values()) - t0 + 1000 / rate) / 1000),
        achievedRate,
      };
    },

    /**
     * The receiver's inbox alone: messages signed beforehand, posted by this process with
     * `perRequest` messages per request and `inFlight` requests outstanding.
     */
    async inboxOnly({
      to,
      count,
      perRequest,
      inFlight,
    }: {
      to: string;
      count: number;
      perRequest: number;
      inFlight: number;
    }) {
      const partner = await partnerByNodeId(to);
      const signed: string[] = [];
      const sentAt = node.deps.clock.now();
      for (let i = 0; i < count; i++) {
        const message: MessagePayload = buildMessage({
          id: newMessageId(),
          kind: BENCH_KIND,
          from: node.nodeId,
          to: partner.nodeId,
          sentAt,
          body: benchBody(i),
        });
        signed.push(await signMessage(message, node.deps.keys.signing()));
      }
      const bodies: string[] = [];
      for (let i = 0; i < count; i += perRequest) {
        bodies.push(JSON.stringify({ messages: signed.slice(i, i + perRequest) }));
      }
      let next = 0;
      let accepted = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < bodies.length) {
            const body = bodies[next++]!;
            const res = await request(partner.inboxUrl, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
            });
            const answer = (await res.body.json()) as { results?: Array<{ status: string }> };
            if (res.statusCode !== 200) throw new Error(`inbox answered ${res.statusCode}`);
            accepted += answer.results!.filter((r) => r.status === 'accepted').length;
          }
        }),
      );
      const ms = performance.now() - t0;
      if (accepted !== count) throw new Error(`${accepted} of ${count} accepted`);
      return { ms };
    },

    /** Grows this node's data (see ../lib/seed.ts): more partners, more stored messages. */
    seed({ partners, stored }: { partners: number; stored: number }) {
      return seedDatabase(join(dataDir, DATABASE_FILE), partners, stored);
    },

    /**
     * What the process's memory is: V8's heap by space, external and array buffers, and the
     * resident pages by mapping (/proc/self/smaps: the node binary, native modules, anonymous).
     * `snapshot`: also writes a heap snapshot to that path.
     */
    memory: ({ snapshot, gc }: { snapshot?: string; gc?: boolean }) =>
      memoryBreakdown(snapshot, gc),

    usage: () => {
      const cpu = process.cpuUsage();
      return {
        maxRssKb: process.resourceUsage().maxRSS,
        rssBytes: process.memoryUsage.rss(),
        cpuMicros: cpu.user + cpu.system,
      };
    },
  },
  () => node.close(),
);
