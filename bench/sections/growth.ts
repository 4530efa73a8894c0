/**
 * Growth: what a message costs as the node's data grows, in one run on one pair of nodes. The
 * throughput and the p99 at a steady rate (as the federation section measures them) with 1, 10,
 * 100 and 1,000 connected partners, then with 1,000,000 messages stored in each node's inbox and
 * outbox as well, against the same pair with one partner and nothing stored (the empty node).
 * The partners beyond the pair are rows as a connect leaves them, with nothing queued to them
 * (see ../lib/seed.ts): traffic flows between the pair, while every lookup searches tables that
 * hold all of them. Then the query plans of the hot lookups, each of which must search an
 * index.
 *
 * Quicker while working: `--only growth --scale 0.05` (stored messages and run lengths scaled;
 * the partner counts are not), or `--set growthStored=0`.
 */
import Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../node/init-node.ts';
import { partners } from '../../node/db/schema/foundation.ts';
import { INBOX_DEDUPE_SQL } from '../../node/store/sqlite/inbox-repo.ts';
import { CLAIM_SQL } from '../../node/store/sqlite/outbox-repo.ts';
import type { Section } from '../lib/context.ts';
import { failed, row, type Row } from '../lib/report.ts';
import type { SeedResult } from '../lib/seed.ts';
import { percentile } from '../lib/stats.ts';
import { cpuOf, startBenchNode, type NodeProc } from './federation.ts';

const GROUP = 'growth (2 nodes; traffic between them, the other partners idle)';
const PLANS = 'query plans of the hot lookups (EXPLAIN QUERY PLAN)';
const EMPTY = 'empty node';

interface Stage {
  id: string;
  label: string;
  partners: number;
  stored: number;
}

interface Measured {
  rate: number;
  p99: number;
  cpuPerMessage: number;
}

export const growth: Section = {
  name: 'growth',
  async run(ctx) {
    const { sizes } = ctx;
    const stages: Stage[] = [];
    for (let n = 1; n <= sizes.growthPartners; n *= 10) {
      stages.push({ id: `p${n}`, label: `${n} partner(s)`, partners: n, stored: 0 });
    }
    if (sizes.growthStored > 0) {
      const n = stages.at(-1)!.partners;
      stages.push({
        id: `p${n}.stored`,
        label: `${n} partner(s) and ${sizes.growthStored.toLocaleString('en-US')} messages stored`,
        partners: n,
        stored: sizes.growthStored,
      });
    }

    ctx.log('growth: starting two nodes');
    const [receiver, sender] = await Promise.all([
      startBenchNode(ctx, 'growth-receiver'),
      startBenchNode(ctx, 'growth-sender'),
    ]);
    const rows: Row[] = [];
    let sent = 0;
    try {
      const { token } = await receiver.child.call<{ token: string }>('invite', { name: 'sender' });
      await sender.child.call('connect', { url: receiver.url, token });

      // Warm-up, not counted: the first runs of a process are slower (code not yet optimized),
      // which would flatter every later stage against the empty node.
      ctx.log('growth: warm-up');
      sent += (await measure(receiver, sender, sizes)).count;
      let empty: Measured | null = null;
      for (const stage of stages) {
        ctx.log(`growth: ${stage.label}`);
        try {
          await Promise.all(
            [receiver, sender].map((n) =>
              n.child.call<SeedResult>(
                'seed',
                { partners: stage.partners, stored: stage.stored },
                900_000,
              ),
            ),
          );
          const m = await measure(receiver, sender, sizes);
          sent += m.count;
          empty ??= m;
          rows.push(...stageRows(stage, m, empty, stage === stages.at(-1) && stages.length > 1));
        } catch (error) {
          rows.push(failed(`growth.${stage.id}.rate`, GROUP, stage.label, 'msg/s', error));
        }
      }
      rows.push(checkGrowth(sender.dataDir, receiver.dataDir, sent));
    } finally {
      await Promise.all([sender.child.stop(), receiver.child.stop()]);
    }
    rows.push(...queryPlans(receiver.dataDir));
    return rows;
  },
};

async function measure(
  receiver: NodeProc,
  sender: NodeProc,
  sizes: { growthMessages: number; growthLatencyMs: number; latencyRate: number },
): Promise<Measured & { count: number }> {
  const cpu0 = await cpuOf(sender, receiver);
  const t = await sender.child.call<{ totalMs: number }>('throughput', {
    to: receiver.url,
    count: sizes.growthMessages,
    chunk: 100,
    timeoutMs: 300_000,
  });
  const cpuPerMessage = ((await cpuOf(sender, receiver)) - cpu0) / sizes.growthMessages;
  const l = await sender.child.call<{ latenciesMs: number[] }>('steady', {
    to: receiver.url,
    rate: sizes.latencyRate,
    durationMs: sizes.growthLatencyMs,
    timeoutMs: 120_000,
  });
  return {
    rate: sizes.growthMessages / (t.totalMs / 1000),
    p99: percentile(l.latenciesMs, 99),
    cpuPerMessage,
    count: sizes.growthMessages + l.latenciesMs.length,
  };
}

function stageRows(stage: Stage, m: Measured, empty: Measured, last: boolean): Row[] {
  const rateRatio = m.rate / empty.rate;
  const p99Ratio = m.p99 / empty.p99;
  return [
    row({
      id: `growth.${stage.id}.rate`,
      group: GROUP,
      label: `${stage.label}: throughput`,
      value: m.rate,
      unit: 'msg/s',
      ratio: { of: EMPTY, value: rateRatio },
      ...(last ? { target: { text: `≥ 0.8 × ${EMPTY}`, met: rateRatio >= 0.8 } } : {}),
      note: `CPU ${Math.round(m.cpuPerMessage)} µs per message, both nodes, all threads`,
    }),
    row({
      id: `growth.${stage.id}.p99`,
      group: GROUP,
      label: `${stage.label}: p99 enqueue → receipt stored`,
      value: m.p99,
      unit: 'ms',
      ratio: { of: EMPTY, value: p99Ratio },
      ...(last ? { target: { text: `≤ 2 × ${EMPTY}`, met: p99Ratio <= 2 } } : {}),
    }),
  ];
}

/** Every bench message of the growth runs delivered with an accepted receipt, and stored once. */
function checkGrowth(senderDir: string, receiverDir: string, expected: number): Row {
  const s = new Database(join(senderDir, DATABASE_FILE), { readonly: true });
  const r = new Database(join(receiverDir, DATABASE_FILE), { readonly: true });
  try {
    const delivered = s
      .prepare(
        "SELECT count(*) FROM outbound_messages WHERE kind = 'partner.update' AND status = 'delivered' AND result_status = 'accepted' AND receipt IS NOT NULL",
      )
      .pluck()
      .get() as number;
    const stored = r
      .prepare("SELECT count(*) FROM inbound_messages WHERE kind = 'partner.update'")
      .pluck()
      .get() as number;
    const ok = delivered === expected && stored === expected;
    return row({
      id: 'growth.check',
      group: GROUP,
      label: 'all growth messages delivered, accepted, receipted, stored once',
      value: ok ? 1 : 0,
      unit: '',
      status: ok ? 'ok' : 'failed',
      note: ok ? undefined : `delivered ${delivered}, stored ${stored} of ${expected}`,
    });
  } finally {
    s.close();
    r.close();
  }
}

/**
 * The plans of the lookups every message or claim round makes, on the grown database. A lookup
 * is indexed when it searches an index and no step scans a table (a scan of the statement's own
 * common table expression, the claim's walk over the partners with queued messages, reads no
 * table).
 */
export function queryPlans(dataDir: string): Row[] {
  const sqlite = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const partnerByNodeId = drizzle(sqlite)
      .select()
      .from(partners)
      .where(eq(partners.nodeId, sql.placeholder('nodeId')))
      .toSQL().sql;
    const lookups: Array<[string, string, string]> = [
      ['dedupe', 'dedupe by id (inbox)', INBOX_DEDUPE_SQL],
      ['partner', 'partner by node id', partnerByNodeId],
      ['claim.expire', 'outbox claim: expired leases', CLAIM_SQL.expireLeases],
      ['claim.busy', 'outbox claim: partners in flight', CLAIM_SQL.busy],
      ['claim.heads', 'outbox claim: queue heads', CLAIM_SQL.heads],
      ['claim.queue', 'outbox claim: a partner’s batch', CLAIM_SQL.queue],
    ];
    return lookups.map(([id, label, text]) => {
      const params = (text.match(/\?/g) ?? []).map(() => 1);
      const plan = (
        sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as Array<{ detail: string }>
      ).map((p) => p.detail);
      const ownTables = [...text.matchAll(/WITH RECURSIVE (\w+)/g)].map((m) => m[1]);
      const scans = plan.filter((d) => {
        const scanned = /^SCAN (\w+)/.exec(d)?.[1];
        return scanned !== undefined && !ownTables.includes(scanned);
      });
      const indexed =
        scans.length === 0 && plan.some((d) => /USING (COVERING )?INDEX|PRIMARY KEY/.test(d));
      return row({
        id: `plan.${id}`,
        group: PLANS,
        label,
        value: indexed ? 1 : 0,
        unit: '',
        target: { text: 'searches an index', met: indexed },
        note: plan.join('; '),
      });
    });
  } finally {
    sqlite.close();
  }
}
