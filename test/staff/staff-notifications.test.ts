/**
 * Staff notifications between real nodes (issue #17): a reseller registers a deal over the
 * federation and the vendor's channel managers find it in their console inbox, with the unread
 * count in the navigation, while a service agent does not; marking read (one, all) by CSRF forms;
 * the opt-in e-mail digest arrives once per person through the real SMTP sink, in Chinese for a
 * zh-CN account, with the right count, and never carries a notification twice; an overdue service
 * request reaches the service agents and a refused message the people who watch messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../portal/smtp-sink.ts';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { issueStaffLink } from '../../node/staff/sign-in-links.ts';
import { consoleForm, pressConsoleLink } from '../support/console-session.ts';
import { runCliOn } from '../support/run-cli.ts';
import { settle } from '../support/federation.ts';
import { eventually, removeTestDirs } from '../support/test-node.ts';
import { register, startDealNodes, type DealNodes, type DealView } from '../deals/deal-nodes.ts';

let n: DealNodes;
let sink: SmtpSink;

const STAFF = [
  ['cara@vendor.example', 'Cara Channel', 'channel_manager', 'en'],
  ['zhu@vendor.example', 'Zhu Channel', 'channel_manager', 'zh-CN'],
  ['sam@vendor.example', 'Sam Service', 'service_agent', 'en'],
  ['vic@vendor.example', 'Vic Viewer', 'viewer', 'en'],
] as const;

type Who = (typeof STAFF)[number][0];

/** Console sessions, signed in on the vendor's (manual) clock; cleared when a test moves it. */
const sessions = new Map<Who, { cookie: string; csrf: string }>();

async function session(who: Who) {
  const held = sessions.get(who);
  if (held) return held;
  const { url } = await issueStaffLink(n.vendor.deps, who, CLI_ACTOR);
  const res = await pressConsoleLink(url);
  expect(res.status).toBe(303);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('pss_session='))!
    .split(';')[0]!;
  const home = await (await fetch(`${n.vendor.url}/console`, { headers: { cookie } })).text();
  const fresh = { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(home)![1]! };
  sessions.set(who, fresh);
  return fresh;
}

async function page(who: Who, path = '/notifications') {
  const res = await fetch(`${n.vendor.url}/console${path}`, {
    headers: { cookie: (await session(who)).cookie },
  });
  expect(res.status).toBe(200);
  return res.text();
}

const cards = (html: string) =>
  [...html.matchAll(/data-notification="([a-z_]+)" data-id="(\d+)" data-read="(true|false)"/g)].map(
    (m) => ({ type: m[1]!, id: Number(m[2]), read: m[3] === 'true' }),
  );
const unreadOf = (html: string) => Number(/data-unread="(\d+)"/.exec(html)?.[1]);

async function post(who: Who, path: string, fields: Record<string, string> = {}) {
  const s = await session(who);
  return fetch(
    `${n.vendor.url}/console${path}`,
    consoleForm({ _csrf: s.csrf, ...fields }, s.cookie),
  );
}

/**
 * Runs every job of the vendor once after this point. The node's own timers run them too: a call
 * while one of them runs joins that run, which may have started before the change the test made,
 * so a second call makes sure of a whole run that started after it.
 */
async function runJobs() {
  await n.vendor.deps.jobs.runAll();
  await n.vendor.deps.jobs.runAll();
}

/** The vendor's registration once the federation delivered it (slow on a busy PostgreSQL). */
function atVendor(dealId: string): Promise<DealView> {
  return eventually(async () => {
    const res = await n.vendor.api('GET', '/deals?role=vendor&limit=500');
    return (res.body.deals as DealView[]).find((d) => d.dealId === dealId);
  }, 30_000);
}

const mailsTo = (email: string) => sink.mails.filter((m) => m.to.includes(email));

beforeAll(async () => {
  [n, sink] = await Promise.all([startDealNodes(), startSmtpSink()]);
  for (const [email, name, role, language] of STAFF) {
    const added = await runCliOn(n.vendor, [
      'staff',
      'add',
      '--email',
      email,
      '--name',
      name,
      '--role',
      role,
      '--language',
      language,
    ]);
    expect(added.code, added.err).toBe(0);
  }
  const smtp = await n.vendor.api('PATCH', '/portal/settings', {
    smtp: { host: '127.0.0.1', port: sink.port, from: 'console@vendor.example' },
  });
  expect(smtp.status, JSON.stringify(smtp.body)).toBe(200);
}, 90_000);

afterAll(async () => {
  await sink?.close();
  await n?.stop();
  await removeTestDirs();
});

// Real nodes and every job run per step: much slower on PostgreSQL on a busy machine
// (PARTNER_SYNC_TEST_STORE=postgres), a few seconds on SQLite.
describe('staff › notifications', { timeout: 120_000 }, () => {
  it('tells the channel managers of a new registration, not the service agent', async () => {
    const deal = await register(n.alpha, n.ids.vendorOnAlpha);
    const held = await atVendor(deal.dealId);
    await runJobs();

    const html = await page('cara@vendor.example');
    expect(cards(html)).toEqual([expect.objectContaining({ type: 'deal_to_decide', read: false })]);
    expect(unreadOf(html)).toBe(1);
    expect(html).toContain(`href="/console/deals/${held.id}"`);
    expect(html).toContain(`Alpha Systems registered the deal ${deal.dealId} for ACME GmbH`);
    // The navigation of every page carries the count.
    expect(await page('cara@vendor.example', '/today')).toContain('Notifications, 1 unread');

    const zhu = await page('zhu@vendor.example');
    expect(zhu).toContain(`为 ACME GmbH 报备了商机 ${deal.dealId}`);
    expect(zhu).toContain('通知，1 条未读');

    for (const who of ['sam@vendor.example', 'vic@vendor.example'] as const) {
      const other = await page(who);
      expect(cards(other)).toEqual([]);
      expect(unreadOf(other)).toBe(0);
      expect(other).not.toContain(deal.dealId);
    }
    // Running the job again derives nothing twice.
    await runJobs();
    expect(cards(await page('cara@vendor.example'))).toHaveLength(1);
  });

  it('marks one read by its form, refuses a form without the token or with another id', async () => {
    const [first] = cards(await page('cara@vendor.example'));
    const forged = await fetch(
      `${n.vendor.url}/console/notifications/read`,
      consoleForm({ id: String(first!.id) }, (await session('cara@vendor.example')).cookie),
    );
    expect(forged.status).toBe(403);
    expect(cards(await page('cara@vendor.example'))[0]!.read).toBe(false);

    // Someone else's notification: nothing changes for either of them.
    const bySam = await post('sam@vendor.example', '/notifications/read', {
      id: String(first!.id),
    });
    expect(bySam.status).toBe(303);
    expect(bySam.headers.get('location')).toMatch(/marked=0$/);
    expect(cards(await page('cara@vendor.example'))[0]!.read).toBe(false);

    const bad = await post('cara@vendor.example', '/notifications/read', { id: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('invalid_field');

    const res = await post('cara@vendor.example', '/notifications/read', { id: String(first!.id) });
    expect(res.status).toBe(303);
    const after = await page('cara@vendor.example', res.headers.get('location')!.slice(8));
    expect(cards(after)).toEqual([expect.objectContaining({ id: first!.id, read: true })]);
    expect(unreadOf(after)).toBe(0);
    expect(after).toContain('1 notification marked read.');
  });

  it('mails one digest, in the reader’s language, only to who chose it, and never twice', async () => {
    // A second registration: Zhu has two unread, Cara (digest off) one. (Chosen after both are
    // in the inbox, so the node's own timer cannot mail the first alone.)
    await atVendor((await register(n.beta, n.ids.vendorOnBeta)).dealId);
    await runJobs();
    expect(unreadOf(await page('zhu@vendor.example'))).toBe(2);

    const home = await page('zhu@vendor.example', '');
    expect(home).toMatch(/<option value="off" selected="">/);
    expect(sink.mails).toEqual([]);
    const chose = await post('zhu@vendor.example', '/notifications/digest', { frequency: 'daily' });
    expect(chose.status).toBe(303);
    expect(await page('zhu@vendor.example', '')).toMatch(/<option value="daily" selected="">/);
    const wrong = await post('zhu@vendor.example', '/notifications/digest', {
      frequency: 'weekly',
    });
    expect(wrong.status).toBe(400);
    await runJobs();
    await eventually(async () => mailsTo('zhu@vendor.example').length === 1);
    const mail = readable(mailsTo('zhu@vendor.example')[0]!.data);
    expect(mail.subject).toBe('Vendor AG：2 条新通知');
    expect(mail.text).toContain('Zhu Channel，您好');
    expect(mail.text).toContain('您有 2 条尚未阅读的通知');
    expect(mail.text).toContain('Alpha Systems 为 ACME GmbH 报备了商机');
    expect(mail.text).toContain('Beta Solutions 为 ACME GmbH 报备了商机');
    expect(mail.text).toContain(`${n.vendor.url}/console/notifications`);
    expect(mail.text).toContain('每天');
    expect(mailsTo('cara@vendor.example')).toEqual([]);

    // The next runs send nothing: each notification is mailed once, even a day later.
    await runJobs();
    n.clock.advance(25 * 3600_000);
    sessions.clear();
    await runJobs();
    await new Promise((r) => setTimeout(r, 200));
    expect(mailsTo('zhu@vendor.example')).toHaveLength(1);
  });

  it('tells the service agents of an overdue request and the watchers of a refused message', async () => {
    const dueAt = new Date(n.clock.now().getTime() + 3600_000);
    const opened = await n.vendor.api('POST', '/service/requests', {
      partner: n.ids.alphaOnVendor,
      category: 'shipping',
      subject: 'Return label for RMA-4411',
      description: 'Please send the unit back with the label attached.',
      dueAt: dueAt.toISOString(),
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    n.clock.advance(2 * 3600_000);
    sessions.clear();
    await runJobs();
    const sam = await page('sam@vendor.example');
    expect(cards(sam)).toEqual([expect.objectContaining({ type: 'request_overdue' })]);
    expect(sam).toContain(`href="/console/service/${opened.body.id}"`);
    expect(sam).toContain('is overdue: Return label for RMA-4411');
    expect(cards(await page('cara@vendor.example')).map((c) => c.type)).not.toContain(
      'request_overdue',
    );

    // Alpha no longer takes service requests from the vendor: the next one is refused. The first
    // request must have reached Alpha before, or it is refused too (a second card) when a busy
    // machine delays its delivery past the change.
    await settle(n.vendor);
    const kinds = (await n.alpha.api('GET', `/partners/${n.ids.vendorOnAlpha}`)).body
      .kinds as string[];
    const patched = await n.alpha.api('PATCH', `/partners/${n.ids.vendorOnAlpha}`, {
      kinds: kinds.filter((k) => k !== 'service.request'),
    });
    expect(patched.status).toBe(200);
    const refused = await n.vendor.api('POST', '/service/requests', {
      partner: n.ids.alphaOnVendor,
      category: 'help_desk',
      subject: 'Password reset',
      description: 'User j.doe is locked out.',
    });
    expect(refused.status).toBe(201);
    await eventually(async () => {
      const r = await n.vendor.api('GET', '/refusals');
      return r.body.refusals.length > 0;
    }, 30_000);
    await runJobs();
    const vic = await page('vic@vendor.example');
    expect(cards(vic)).toEqual([expect.objectContaining({ type: 'message_refused' })]);
    expect(vic).toContain('Alpha Systems refused the message service.request');
    expect(vic).toContain('href="/console/messages/dead-letters"');
    expect(cards(await page('sam@vendor.example')).map((c) => c.type)).toEqual(['request_overdue']);
  });

  it('marks all read at once', async () => {
    expect(unreadOf(await page('zhu@vendor.example'))).toBe(2);
    const res = await post('zhu@vendor.example', '/notifications/read-all');
    expect(res.status).toBe(303);
    const after = await page('zhu@vendor.example', res.headers.get('location')!.slice(8));
    expect(unreadOf(after)).toBe(0);
    expect(cards(after).every((c) => c.read)).toBe(true);
    expect(after).toContain('已将 2 条通知标为已读');
  });
});

/**
 * Subject and text of a mail as the reader sees them. The sink has undone quoted-printable over
 * the whole mail (soft breaks too), so an encoded word may have lost its closing `=`: each word
 * is read up to its `?`.
 */
function readable(data: string): { subject: string; text: string } {
  const [head = '', ...rest] = data.split(/\r?\n\r?\n/);
  const words = [...head.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?/gi)];
  const subject = words.length
    ? words
        .map(([, enc, text]) =>
          enc!.toUpperCase() === 'B'
            ? Buffer.from(text!, 'base64').toString('utf8')
            : text!.replace(/_/g, ' '),
        )
        .join('')
    : (/^Subject: (.*)$/m.exec(head)?.[1] ?? '');
  const body = rest.join('\n\n');
  const text = /Content-Transfer-Encoding: base64/i.test(head)
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : body;
  return { subject, text };
}
