import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../node/logger.ts';
import { sendQueuedMail } from '../../node/portal/mail-job.ts';
import { freePort, ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  expectApi,
  invitePortal,
  offerLead,
  portalLead,
  PortalClient,
  startVendor,
  type Invited,
} from './portal-fixture.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

const HOUR = 3600_000;

describe('portal › e-mail notifications', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let sink: SmtpSink;
  let p: Invited;

  const queue = async () =>
    (await expectApi(vendor, 200, 'GET', `/portal/notifications?partner=${p.partnerId}`)) as {
      emailEnabled: boolean;
      queued: number;
      notifications: any[];
    };

  beforeAll(async () => {
    [vendor, sink] = await Promise.all([startVendor({ clock }), startSmtpSink()]);
    p = await invitePortal(vendor, 'Mail Partner', 'sales@mail-partner.example');
  });
  afterAll(async () => {
    await sink.close();
    await vendor.stop();
    await removeTestDirs();
  });

  it('queues notifications while there are no SMTP settings, and says so', async () => {
    await offerLead(vendor, p.partnerId, portalLead('L-MAIL', { company: 'Initrode' }));
    const q = await queue();
    expect(q.emailEnabled).toBe(false);
    expect(q.notifications).toMatchObject([
      {
        type: 'lead_offered',
        subject: 'New lead offered: Initrode',
        path: '/leads/L-MAIL',
        state: 'queued',
      },
    ]);
    const warnings: string[] = [];
    const log = { warn: (_: unknown, m: string) => warnings.push(m), info: () => {} };
    const sent = await sendQueuedMail(
      { ...vendor.deps, log: log as unknown as Logger },
      clock.now(),
    );
    expect(sent).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/portal e-mail is off: no SMTP settings/);
    expect((await queue()).notifications[0].state).toBe('queued');
  });

  it('says at start that e-mail is off while portal partners have access', async () => {
    await vendor.stop();
    await vendor.start();
    expect(vendor.running!.warnings).toHaveLength(1);
    expect(vendor.running!.warnings[0]).toMatch(
      /^portal e-mail is off: no SMTP settings, though 1 portal partner has access; .*1 waits in the queue/,
    );
    expect(vendor.running!.warnings[0]).toContain('portal notifications --state queued');
    // The admin API lists what waits, and the mail job does not say it all again.
    const waiting = (await expectApi(vendor, 200, 'GET', '/portal/notifications?state=queued')) as {
      queued: number;
      notifications: any[];
    };
    expect(waiting.queued).toBe(1);
    expect(waiting.notifications.map((n) => n.state)).toEqual(['queued']);
  });

  it('sends the queue through the SMTP server once it is set, each mail linking to its page', async () => {
    const settings = await expectApi(vendor, 200, 'PATCH', '/portal/settings', {
      smtp: { host: '127.0.0.1', port: sink.port, from: 'portal@vendor.example' },
    });
    expect(settings.smtp).toMatchObject({ host: '127.0.0.1', secure: false, passwordSet: false });
    await vendor.deps.jobs.runAll();
    expect(sink.mails).toHaveLength(1);
    const [mail] = sink.mails;
    expect(mail!.to).toEqual(['sales@mail-partner.example']);
    expect(mail!.from).toBe('portal@vendor.example');
    expect(mail!.data).toContain('Subject: New lead offered: Initrode');
    expect(mail!.data).toContain(`${vendor.url}/portal/leads/L-MAIL`);
    expect(mail!.data).toContain('Please accept or decline by Mar 3, 2027, 09:00 UTC');
    const q = await queue();
    expect(q.notifications[0].state).toBe('sent');
    expect(q.queued).toBe(0);
    // Run again: nothing is sent twice.
    await vendor.deps.jobs.runAll();
    expect(sink.mails).toHaveLength(1);
  });

  it('reminds of an offer about to expire, once', async () => {
    clock.advance(37 * HOUR); // 11 hours left of 48: under a quarter of the window
    await vendor.deps.jobs.runAll();
    await vendor.deps.jobs.runAll();
    const reminders = sink.mails.filter((m) => m.data.includes('Subject: Lead offer expires soon'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.data).toContain('expires at Mar 3, 2027, 09:00 UTC');
  });

  it('mails a sign-in link someone asked for; the link signs in', async () => {
    const browser = new PortalClient(vendor.url);
    await browser.get('/portal/sign-in');
    await browser.post('/portal/sign-in', { email: 'sales@mail-partner.example' });
    await vendor.deps.jobs.runAll();
    const mail = sink.mails.at(-1)!;
    expect(mail.data).toContain('Subject: Your sign-in link');
    const link = new RegExp(`${vendor.url}/portal/sign-in/[A-Za-z0-9_-]{43}`).exec(mail.data)?.[0];
    expect(link).toBeDefined();
    expect((await browser.signIn(link!)).status).toBe(303);
    expect((await browser.get('/portal/home')).text).toContain('New lead offered: Initrode');
  });

  it('retries a mail the server did not take, and tells the operator why', async () => {
    const closed = await freePort();
    await expectApi(vendor, 200, 'PATCH', '/portal/settings', {
      smtp: { host: '127.0.0.1', port: closed, from: 'portal@vendor.example' },
    });
    await expectApi(vendor, 200, 'POST', '/leads/L-MAIL/withdraw', {
      reason: 'Customer bought elsewhere',
    });
    await vendor.deps.outbox.runOnce();
    await vendor.deps.jobs.runAll();
    const withdrawn = (await queue()).notifications.find((n) => n.type === 'record_withdrawn');
    expect(withdrawn).toMatchObject({
      state: 'queued',
      attempts: 1,
      subject: 'Lead withdrawn: Initrode',
    });
    expect(withdrawn.lastError).toMatch(/ECONNREFUSED|connect/i);

    await expectApi(vendor, 200, 'PATCH', '/portal/settings', {
      smtp: { host: '127.0.0.1', port: sink.port, from: 'portal@vendor.example' },
    });
    clock.advance(2 * 60_000);
    await vendor.deps.jobs.runAll();
    expect(sink.mails.at(-1)!.data).toContain('Reason: Customer bought elsewhere');
  });

  it('validates the settings and never shows the password', async () => {
    const bad = await vendor.api('PATCH', '/portal/settings', {
      smtp: { host: 'x', from: 'nope' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('smtp.from');
    const withAuth = await expectApi(vendor, 200, 'PATCH', '/portal/settings', {
      smtp: { host: 'smtp.example', port: 465, user: 'u', password: 's3cret', from: 'a@b.example' },
      sessionHours: 8,
    });
    expect(withAuth).toMatchObject({ smtp: { secure: true, passwordSet: true }, sessionHours: 8 });
    expect(JSON.stringify(await expectApi(vendor, 200, 'GET', '/portal/settings'))).not.toContain(
      's3cret',
    );
    const off = await expectApi(vendor, 200, 'PATCH', '/portal/settings', { smtp: null });
    expect(off.smtp).toBeNull();
  });
});
