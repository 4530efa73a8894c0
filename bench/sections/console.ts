/**
 * The staff console at size (issue #17): a node seeded with 1,000 partners, 100,000 leads (each
 * offered to one partner), 50,000 orders and 20,000 service requests, then every console list and
 * Today read over HTTP by a signed-in owner, and a partner's page with its scorecard. Each row
 * is the p95 of sequential requests, with its ratio to the budget the issue sets (lists and
 * Today < 150 ms, scorecard < 300 ms): a ratio under 1 meets it. Rows are seeded straight into
 * the node's SQLite file while it is stopped (the domain flows would take hours at this size).
 * `--tiny` (and `--scale`) shrink the counts with the throughput run's count.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BenchContext, Section } from '../lib/context.ts';
import { failed, row, type Row } from '../lib/report.ts';
import { percentile } from '../lib/stats.ts';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { issueStaffLink } from '../../node/staff/sign-in-links.ts';
import { runCliOn } from '../../test/support/run-cli.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../../test/support/test-node.ts';

const FULL_THROUGHPUT = 20_000;
const LIST_BUDGET_MS = 150;
const SCORECARD_BUDGET_MS = 300;

const PAGES: ReadonlyArray<[id: string, path: string, label: string]> = [
  ['today', '/today', 'Today'],
  ['partners', '/partners', 'partners list'],
  ['leads', '/leads', 'leads list'],
  ['deals', '/deals', 'deals list'],
  ['service', '/service', 'service desk list'],
  ['orders', '/orders', 'orders list'],
];

interface Counts {
  partners: number;
  leads: number;
  orders: number;
  requests: number;
  samples: number;
}

function countsOf(ctx: BenchContext): Counts {
  const f = ctx.sizes.throughputMessages / FULL_THROUGHPUT;
  const n = (full: number, min: number) => Math.max(min, Math.round(full * f));
  return {
    partners: n(1_000, 20),
    leads: n(100_000, 200),
    orders: n(50_000, 100),
    requests: n(20_000, 50),
    samples: n(60, 10),
  };
}

/** Rows as the domains would have written them, spread over the last twelve months. */
export function seed(file: string, c: Counts, now: number): void {
  const db = new Database(file);
  const year = 365 * 24 * 3_600_000;
  const at = (i: number, n: number) => now - Math.floor((year * (n - i)) / n);
  db.transaction(() => {
    const partner = db.prepare(
      `INSERT INTO partners (node_id, name, partner_type, relationship, allowed_kinds, status,
         inbox_url, jwks_url, max_batch, max_body_bytes, keys, keys_fetched_at, connected_at,
         updated_at)
       VALUES (?, ?, 'reseller', 'strategic', '[]', 'active', ?, ?, 100, 1000000, '[]', ?, ?, ?)`,
    );
    const firstId = Number(
      (db.prepare('SELECT coalesce(max(id), 0) + 1 AS id FROM partners').get() as { id: number })
        .id,
    );
    for (let i = 0; i < c.partners; i++) {
      const node = `https://p${i}.bench.example`;
      partner.run(
        node,
        `Bench Partner ${i}`,
        `${node}/inbox`,
        `${node}/jwks`,
        now,
        now - year,
        now,
      );
    }
    const pid = (i: number) => firstId + (i % c.partners);
    const lead = db.prepare(
      `INSERT INTO leads (id, company, contact_name, region, interest, estimated_value, currency,
         source, normalized_name, version, created_at, updated_at, first_offered_at)
       VALUES (?, ?, 'Dana', 'EMEA', '["router"]', '1000.00', 'EUR', 'web', ?, 1, ?, ?, ?)`,
    );
    const offer = db.prepare(
      `INSERT INTO lead_offers (lead_id, partner_id, exclusive, status, offered_at, expires_at,
         offer_message_id, accepted_at, stage, amount, amount_currency)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 'EUR')`,
    );
    const STATUSES = ['open', 'accepted', 'accepted', 'declined', 'expired'];
    for (let i = 0; i < c.leads; i++) {
      const id = `L-${i}`;
      const t = at(i, c.leads);
      lead.run(id, `Company ${i}`, `company ${i}`, t, t, t);
      const status = STATUSES[i % STATUSES.length]!;
      const accepted = status === 'accepted';
      const stage = accepted ? (i % 3 === 0 ? 'won' : i % 3 === 1 ? 'lost' : 'qualified') : null;
      offer.run(
        id,
        pid(i),
        status,
        t,
        t + 72 * 3_600_000,
        `m-${i}`,
        accepted ? t + 3_600_000 : null,
        stage,
        accepted ? '1000.00' : null,
      );
    }
    const order = db.prepare(
      `INSERT INTO orders (order_id, partner_id, direction, type, price_list_id,
         price_list_version, currency, lines, total, ordered_at, status, created_at, updated_at)
       VALUES (?, ?, 'incoming', 'standard', 'eu', 1, 'EUR',
         '[{"line":1,"sku":"SKU-1","qty":"2","unitPrice":"10.00"}]', '20.00', ?, ?, ?, ?)`,
    );
    for (let i = 0; i < c.orders; i++) {
      const t = at(i, c.orders);
      order.run(`O-${i}`, pid(i), t, i % 4 === 0 ? 'placed' : 'accepted', t, t);
    }
    const request = db.prepare(
      `INSERT INTO service_requests (request_id, partner_id, owner, category, subject, description,
         priority, due_at, version, status, status_at, status_by, created_at, updated_at)
       VALUES (?, ?, 'partner', 'technical', ?, 'It stopped.', 'normal', ?, 1, ?, ?, '', ?, ?)`,
    );
    for (let i = 0; i < c.requests; i++) {
      const t = at(i, c.requests);
      request.run(
        `R-${i}`,
        pid(i),
        `Request ${i}`,
        t + 48 * 3_600_000,
        i % 3 === 0 ? 'open' : 'resolved',
        t + 3_600_000,
        t,
        t,
      );
    }
  })();
  db.close();
}

/** A console session for `email`: the sign-in link's page, then its form, cookies kept. */
async function signIn(node: TestNode, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!, value.join('='));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const { url } = await issueStaffLink(node.deps, email, CLI_ACTOR);
  const page = await fetch(url);
  keep(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ _csrf: csrf }).toString(),
  });
  keep(res);
  if (res.status !== 303 && res.status !== 302) throw new Error(`sign-in: ${res.status}`);
  return cookie();
}

/** p95 of `samples` sequential GETs (after two warm-up requests), each checked for 200. */
async function p95(node: TestNode, cookie: string, path: string, samples: number) {
  const times: number[] = [];
  for (let i = 0; i < samples + 2; i++) {
    const t0 = performance.now();
    const res = await fetch(`${node.url}/console${path}`, { headers: { cookie } });
    const text = await res.text();
    if (res.status !== 200) {
      const code = /data-code="([^"]+)"/.exec(text)?.[1];
      throw new Error(`${path}: ${res.status}${code ? ` ${code}` : ''}`);
    }
    if (i >= 2) times.push(performance.now() - t0);
  }
  return percentile(times, 95);
}

export const consolePages: Section = {
  name: 'console',
  async run(ctx) {
    const group = 'staff console';
    const c = countsOf(ctx);
    const rows: Row[] = [];
    let node: TestNode | undefined;
    const budgetRow = (id: string, label: string, value: number, budget: number) =>
      row({
        id: `console.${id}.p95`,
        group,
        label,
        value: Math.round(value * 10) / 10,
        unit: 'ms p95',
        ratio: { of: `${budget} ms budget`, value: Math.round((value / budget) * 100) / 100 },
        target: { text: `< ${budget} ms`, met: value < budget },
      });
    try {
      node = await createTestNode({ name: 'console-bench' });
      const added = await runCliOn(node, [
        'staff',
        'add',
        '--email',
        'olga@bench.example',
        '--name',
        'Olga',
        '--role',
        'owner',
      ]);
      if (added.code !== 0) throw new Error(added.err);
      await node.stop();
      const file = (await readdir(node.dataDir)).find((f) => f.endsWith('.db'));
      ctx.log(
        `console: seeding ${c.partners} partners, ${c.leads} leads, ${c.orders} orders, ${c.requests} requests`,
      );
      seed(join(node.dataDir, file!), c, Date.now());
      await node.start();
      const cookie = await signIn(node, 'olga@bench.example');
      const size = `${c.partners} partners, ${c.leads} leads, ${c.orders} orders, ${c.requests} requests`;
      for (const [id, path, label] of PAGES) {
        ctx.log(`console: ${path}`);
        const value = await p95(node, cookie, path, c.samples);
        rows.push(budgetRow(id, `${label} (${size})`, value, LIST_BUDGET_MS));
      }
      const partners = (await node.api('GET', '/partners')).body.partners as Array<{ id: number }>;
      const busiest = partners.at(-1)!.id;
      const value = await p95(node, cookie, `/partners/${busiest}`, c.samples);
      rows.push(
        budgetRow(
          'scorecard',
          `a partner's page with its scorecard and charts`,
          value,
          SCORECARD_BUDGET_MS,
        ),
      );
    } catch (error) {
      rows.push(failed('console.error', group, 'staff console at size', 'ms p95', error));
    } finally {
      await node?.stop();
      await removeTestDirs();
    }
    return rows;
  },
};
