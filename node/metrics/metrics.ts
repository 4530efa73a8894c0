/**
 * The node's Prometheus metrics, one registry per node (never prom-client's global one, so two
 * nodes in one process, as in the tests, keep their own counts). Counters are bumped where
 * messages are accepted, rejected and delivered; the outbox gauges are read from the store at
 * scrape time, so they are right even after a restart.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { InboundResult } from '../inbox/inbound-result.ts';
import type { NodeStatus } from '../node-status.ts';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** How an outbound message left an attempt: `retried` counts attempts, the others messages. */
export type OutboundMetricStatus = 'delivered' | 'rejected' | 'dead' | 'retried';

export interface NodeMetrics {
  readonly registry: Registry;
  /**
   * One inbox batch: each result with the message's kind when its signature checked out (null
   * when the envelope could not be trusted, so a stranger cannot invent label values).
   */
  inbound(results: readonly InboundResult[], kinds: ReadonlyArray<string | null>): void;
  /** Outbound messages that reached an end (or a failed attempt); `createdAt` for the latency. */
  outbound(
    status: OutboundMetricStatus,
    now: Date,
    messages: ReadonlyArray<{ kind: string; createdAt: Date }>,
  ): void;
  /** Sets the gauges from a status snapshot; called just before a scrape. */
  setStatus(status: NodeStatus): void;
}

export interface NodeMetricsOptions {
  /** Kinds that may appear as a label value; anything else is counted as `other`. */
  isKnownKind(kind: string): boolean;
}

// Seconds from enqueued to receipt: a healthy partner answers in well under a second, a partner
// that was down for a day shows up in the top buckets.
const LATENCY_BUCKETS = [
  0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 21_600, 86_400,
];

export function createNodeMetrics(options: NodeMetricsOptions): NodeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const messagesIn = new Counter({
    name: 'partner_sync_messages_in_total',
    help: 'Messages received at the inbox, by kind and result (accepted, duplicate, rejected).',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
  });
  const rejections = new Counter({
    name: 'partner_sync_inbox_rejections_total',
    help: 'Messages the inbox rejected, by rejection code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const messagesOut = new Counter({
    name: 'partner_sync_messages_out_total',
    help: 'Outbound messages by kind and outcome: delivered (receipt verified), rejected by the partner, dead (expired or too large), retried (a failed attempt).',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'partner_sync_delivery_latency_seconds',
    help: 'Time from enqueueing a message to holding its verified receipt.',
    labelNames: [] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const depth = new Gauge({
    name: 'partner_sync_outbox_depth',
    help: 'Messages waiting or in flight to each partner.',
    labelNames: ['partner'] as const,
    registers: [registry],
  });
  const dead = new Gauge({
    name: 'partner_sync_dead_letters',
    help: 'Dead letters to each partner, waiting for an operator (partner-sync outbox dead).',
    labelNames: ['partner'] as const,
    registers: [registry],
  });
  const partners = new Gauge({
    name: 'partner_sync_partners',
    help: 'Partners by status (active, suspended, removed).',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const storedBytes = new Gauge({
    name: 'partner_sync_partner_stored_bytes',
    help: 'Bytes of received messages stored for each partner that sent since the node started.',
    labelNames: ['partner'] as const,
    registers: [registry],
  });
  const overQuota = new Gauge({
    name: 'partner_sync_partner_over_quota',
    help: 'Whether a partner is over its storage quota (partnerStorageQuotaMib): 1 while its messages are refused.',
    labelNames: ['partner'] as const,
    registers: [registry],
  });

  const kindLabel = (kind: string | null): string =>
    kind === null ? 'unknown' : options.isKnownKind(kind) ? kind : 'other';

  return {
    registry,
    inbound(results, kinds) {
      results.forEach((result, i) => {
        messagesIn.inc({ kind: kindLabel(kinds[i] ?? null), status: result.status });
        if (result.status === 'rejected') rejections.inc({ code: result.code });
      });
    },
    outbound(status, now, messages) {
      for (const m of messages) {
        messagesOut.inc({ kind: kindLabel(m.kind), status });
        if (status === 'delivered') {
          latency.observe(Math.max(0, now.getTime() - m.createdAt.getTime()) / 1000);
        }
      }
    },
    setStatus(status) {
      // Reset first: a partner whose queue emptied or who was removed must not keep its old value.
      depth.reset();
      dead.reset();
      storedBytes.reset();
      overQuota.reset();
      partners.reset();
      for (const [partner, counts] of Object.entries(status.outboxByPartner)) {
        depth.set({ partner }, (counts.pending ?? 0) + (counts.in_flight ?? 0));
        dead.set({ partner }, counts.dead ?? 0);
      }
      for (const [state, count] of Object.entries(status.partners)) {
        partners.set({ status: state }, count);
      }
      for (const [partner, usage] of Object.entries(status.partnerStorage)) {
        storedBytes.set({ partner }, usage.storedBytes);
        overQuota.set({ partner }, usage.overQuota ? 1 : 0);
      }
    },
  };
}
