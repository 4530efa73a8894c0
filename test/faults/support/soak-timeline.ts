/**
 * What the soak's streams were doing while it ran: every few seconds, each sender's undelivered
 * messages per receiver, with the failed attempts of that stream's head and how long until it is
 * tried again. Printed with the soak's counts, so a slow run shows which stream waited and why.
 */
import type { ChildNode } from './child-node.ts';

interface StreamSample {
  to: string;
  pending: number;
  headAttempts: number;
  /** Milliseconds until the head's next attempt (negative: due, or leased now). */
  headDueInMs: number;
  headError: string | null;
}

interface Sample {
  atMs: number;
  streams: Array<StreamSample & { from: string }>;
}

export interface SoakTimeline {
  stop(): void;
  /** One line per sample: `t=12s alpha→charlie 3012 (head: 4 failures, due in 5.1 s) …`. */
  lines(): string[];
}

export function startSoakTimeline(
  senders: ChildNode[],
  names: Map<string, string>,
  everyMs: number,
): SoakTimeline {
  const started = Date.now();
  const samples: Sample[] = [];
  const take = () => {
    const now = Date.now();
    samples.push({
      atMs: now - started,
      streams: senders.flatMap((node) =>
        sampleSender(node, now).map((s) => ({ ...s, from: node.name })),
      ),
    });
  };
  const timer = setInterval(take, everyMs);
  return {
    stop: () => clearInterval(timer),
    lines: () =>
      samples.map(
        (s) =>
          `  t=${Math.round(s.atMs / 1000)}s ` +
          s.streams
            .map(
              (st) =>
                `${st.from}→${names.get(st.to) ?? st.to} ${st.pending}` +
                (st.pending > 0
                  ? ` (head ${st.headAttempts}×, due ${(st.headDueInMs / 1000).toFixed(1)} s` +
                    `${st.headError ? `, ${st.headError}` : ''})`
                  : ''),
            )
            .join(', '),
      ),
  };
}

function sampleSender(node: ChildNode, now: number): StreamSample[] {
  return node.query((db) =>
    (
      db
        .prepare(
          `SELECT to_node_id AS "to", count(*) AS pending,
                  min(seq) AS head
             FROM outbound_messages
            WHERE status <> 'delivered' AND status <> 'dead' AND kind <> 'partner.connect'
            GROUP BY to_node_id`,
        )
        .all() as Array<{ to: string; pending: number; head: number }>
    ).map((row) => {
      const head = db
        .prepare(
          `SELECT attempts, next_attempt_at AS due, last_error_code AS error
             FROM outbound_messages WHERE seq = ?`,
        )
        .get(row.head) as { attempts: number; due: number; error: string | null };
      return {
        to: row.to,
        pending: row.pending,
        headAttempts: head.attempts,
        headDueInMs: head.due - now,
        headError: head.attempts > 0 ? head.error : null,
      };
    }),
  );
}
