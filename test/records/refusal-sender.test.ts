/**
 * The person who sent a message a partner refused is told (issue #20, defect 3): the refusal
 * keeps who sent it (from the audit row of the change that queued the message), a person's own
 * refusals are listed with `GET /api/refusals?mine=true` on their personal token, and the
 * operator's list and the CLI say who sent each one, and the sender gets one e-mail about it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailRefusals } from '../../node/jobs/refusal-mail-job.ts';
import { decodeQuotedPrintable, startSmtpSink, type SmtpSink } from '../portal/smtp-sink.ts';
import { consoleSession } from '../support/console-session.ts';
import { runCliOn } from '../support/run-cli.ts';
import { eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { call, createTrio, type Trio } from '../service/service-fixture.ts';

let t: Trio;
let sink: SmtpSink;
const tokens: Record<string, string> = {};

const CLAIM = {
  product: 'RTR-4800',
  serial: 'SN-4800-0021987',
  purchaseDate: '2026-03-14',
  failureDate: '2026-11-20',
  failure: 'Reboots under load.',
  claimedAmount: '420.00',
  currency: 'EUR',
};

async function cliJson(node: TestNode, argv: string[]) {
  const result = await runCliOn(node, [...argv, '--json']);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out);
}

async function as(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.p1.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  [t, sink] = await Promise.all([createTrio(), startSmtpSink()]);
  for (const [email, name] of [
    ['sam@p1.example', 'Sam Service'],
    ['vic@p1.example', 'Vic Service'],
  ] as const) {
    await cliJson(t.p1, [
      'staff',
      'add',
      '--email',
      email,
      '--name',
      name,
      '--role',
      'service_agent',
    ]);
    tokens[email] = (await cliJson(t.p1, ['tokens', 'create', '--email', email])).token;
  }
  // The vendor no longer takes warranty claims from p1: the next one is refused (forbidden).
  const p1OnVendor = t.idOf(t.vendor, t.p1);
  const kinds = (await call(t.vendor, 'GET', `/partners/${p1OnVendor}`)).kinds as string[];
  await call(t.vendor, 'PATCH', `/partners/${p1OnVendor}`, {
    kinds: kinds.filter((k) => k !== 'warranty.claim'),
  });
}, 60_000);
afterAll(async () => {
  await sink?.close();
  await t?.stop();
  await removeTestDirs();
});

describe('records › who sent a refused message is told', () => {
  it("lists a person's own refusals, says who sent each, and refuses mine without a person", async () => {
    const filed = await as(tokens['sam@p1.example']!, 'POST', '/warranty/claims', {
      vendor: t.idOf(t.p1, t.vendor),
      ...CLAIM,
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const claimId = filed.body.claimId;

    const mine = await eventually(async () => {
      const res = await as(tokens['sam@p1.example']!, 'GET', '/refusals?mine=true');
      return res.body.refusals?.length > 0 ? res.body.refusals : null;
    });
    expect(mine).toEqual([
      expect.objectContaining({
        record: { kind: 'warranty_claim', id: claimId },
        code: 'forbidden',
        kind: 'warranty.claim',
        sentBy: { staffId: expect.any(String), email: 'sam@p1.example' },
      }),
    ]);
    // Another person has none of their own, but sees it among everyone's.
    const vic = await as(tokens['vic@p1.example']!, 'GET', '/refusals?mine=true');
    expect(vic).toMatchObject({ status: 200, body: { refusals: [] } });
    const everyone = await as(tokens['vic@p1.example']!, 'GET', '/refusals');
    expect(everyone.body.refusals).toEqual([
      expect.objectContaining({ sentBy: expect.objectContaining({ email: 'sam@p1.example' }) }),
    ]);

    const bad = await as(tokens['sam@p1.example']!, 'GET', '/refusals?mine=yes');
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_field', field: 'mine' } },
    });

    const listed = await runCliOn(t.p1, ['refusals']);
    expect(listed.out).toMatch(/SENT BY/);
    expect(listed.out).toMatch(/warranty_claim .*sam@p1\.example\s+forbidden/);
  });

  it('a message sent without a person (the CLI) is the operator’s: no sender', async () => {
    const filed = await runCliOn(t.p1, [
      'warranty',
      'file',
      '--vendor',
      String(t.idOf(t.p1, t.vendor)),
      '--product',
      CLAIM.product,
      '--serial',
      'SN-2',
      '--purchased',
      CLAIM.purchaseDate,
      '--failed',
      CLAIM.failureDate,
      '--failure',
      CLAIM.failure,
      '--amount',
      CLAIM.claimedAmount,
      '--currency',
      CLAIM.currency,
    ]);
    expect(filed.code, filed.err).toBe(0);
    const claimId = /\(([^)]+)\)/.exec(filed.out)![1];
    // The CLI wrote the claim and its message on the real clock; the running node sends it once
    // its clock has caught up and it is woken.
    t.clock.set(new Date());
    t.p1.deps.notifyOutbox();
    const refusal = await eventually(async () => {
      const all = (await call(t.p1, 'GET', '/refusals')).refusals as any[];
      return all.find((r) => r.record?.id === claimId) ?? null;
    });
    expect(refusal.sentBy).toBeNull();
    const mine = await as(tokens['sam@p1.example']!, 'GET', '/refusals?mine=true');
    expect(mine.body.refusals).toHaveLength(1);
  });

  it('e-mails the sender once, in their words, and nobody for what the CLI sent', async () => {
    // No SMTP settings yet: nothing goes out and the refusals wait.
    expect(await mailRefusals(t.p1.deps, t.clock.now())).toBe(0);
    const set = await t.p1.api('PATCH', '/portal/settings', {
      smtp: { host: '127.0.0.1', port: sink.port, from: 'partner-sync@p1.example' },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(await mailRefusals(t.p1.deps, t.clock.now())).toBe(1);
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.to).toEqual(['sam@p1.example']);
    const text = decodeQuotedPrintable(mail.data);
    expect(text).toContain('Subject: vendor refused your warranty.claim');
    expect(text).toContain('Hello Sam Service');
    expect(text).toMatch(/forbidden: \S/);
    expect(text).toMatch(/about warranty_claim \S+/);
    // Once: a later run sends nothing more.
    expect(await mailRefusals(t.p1.deps, t.clock.now())).toBe(0);
    expect(sink.mails).toHaveLength(1);
  });

  it('shows a person their own refused messages in the console: a Today count and a page', async () => {
    const page = async (email: string, path: string) => {
      const { cookie } = await consoleSession(t.p1, email);
      const res = await fetch(`${t.p1.url}/console${path}`, { headers: { cookie } });
      expect(res.status, path).toBe(200);
      return res.text();
    };
    const samToday = await page('sam@p1.example', '/today');
    expect(samToday).toMatch(/id="today-my-refusals"[\s\S]*?data-count="1"/);
    expect(samToday).toContain('/console/today/refused');
    const samList = await page('sam@p1.example', '/today/refused');
    const cards = samList.match(/<li class="card" data-refusal="forbidden"[^>]*>/g) ?? [];
    expect(cards).toHaveLength(1);
    expect(samList).toContain('warranty claim');
    expect(samList).toContain('warranty.claim');

    // Vic sent nothing that was refused: none of Sam's show up on Vic's pages.
    const vicToday = await page('vic@p1.example', '/today');
    expect(vicToday).not.toContain('id="today-my-refusals"');
    const vicList = await page('vic@p1.example', '/today/refused');
    expect(vicList).not.toContain('data-refusal=');
    expect(vicList).toContain('No partner has refused a message your changes sent.');
  });
});
