/**
 * Making a second factor mandatory from the staff console (issue #16): an owner or an admin ticks
 * the box on Settings › Staff, the node's staff settings change, and the audit trail names who
 * did it; a viewer or any other role is refused with forbidden_role, in the console and over the
 * API, and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleForm, consoleSession } from '../support/console-session.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

let node: TestNode;
const PEOPLE = {
  owner: 'olga@vendor.example',
  admin: 'adam@vendor.example',
  viewer: 'vera@vendor.example',
  finance: 'fina@vendor.example',
} as const;
type Who = keyof typeof PEOPLE;
const sessions = new Map<Who, { cookie: string; csrf: string }>();

async function cli(argv: string[]) {
  const r = await runCliOn(node, argv);
  expect(r.code, r.err).toBe(0);
  return r.out;
}

beforeAll(async () => {
  node = await createTestNode({ name: 'require-totp-console' });
  for (const [role, email] of Object.entries(PEOPLE)) {
    await cli(['staff', 'add', '--email', email, '--name', role, '--role', role]);
    sessions.set(role as Who, await consoleSession(node, email));
  }
});
afterAll(async () => {
  await node?.stop();
  await removeTestDirs();
});

const requireTotp = async () =>
  JSON.parse(await cli(['staff', 'settings', '--json'])).requireTotp as boolean;

const staffPage = (who: Who) =>
  fetch(`${node.url}/console/settings/staff`, { headers: { cookie: sessions.get(who)!.cookie } });

const postSignIn = (who: Who, fields: Record<string, string>) => {
  const s = sessions.get(who)!;
  return fetch(
    `${node.url}/console/settings/staff/sign-in`,
    consoleForm({ _csrf: s.csrf, ...fields }, s.cookie),
  );
};

const settingsAudit = async () =>
  (await node.api('GET', '/audit?operation=settings.staff')).body.entries as Array<{
    email: string | null;
    outcome: string;
  }>;

describe('staff console › making a second factor mandatory', () => {
  it('an owner turns it on and an admin off, each recorded in the audit trail', async () => {
    expect(await requireTotp()).toBe(false);
    const page = await (await staffPage('owner')).text();
    expect(page).toContain('data-require-totp="false"');
    expect(page).toContain('name="requireTotp"');

    const on = await postSignIn('owner', { requireTotp: 'on' });
    expect(on.status).toBe(303);
    expect(on.headers.get('location')).toContain('/console/settings/staff?done=saved');
    expect(await requireTotp()).toBe(true);
    const after = await (await staffPage('owner')).text();
    expect(after).toContain('data-require-totp="true"');
    expect(after).toMatch(/name="requireTotp"[^>]*checked/);

    // The unticked box sends nothing: the admin's post turns it off.
    const off = await postSignIn('admin', {});
    expect(off.status).toBe(303);
    expect(await requireTotp()).toBe(false);

    const audit = await settingsAudit();
    expect(audit.map((e) => [e.email, e.outcome])).toEqual([
      [PEOPLE.admin, 'ok'],
      [PEOPLE.owner, 'ok'],
    ]);
  });

  it('refuses a viewer and a finance clerk with forbidden_role and changes nothing', async () => {
    const before = (await settingsAudit()).length;
    for (const who of ['viewer', 'finance'] as const) {
      const page = await staffPage(who);
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('data-code="forbidden_role"');
      const post = await postSignIn(who, { requireTotp: 'on' });
      expect(post.status).toBe(403);
      expect(await post.text()).toContain('data-code="forbidden_role"');

      const token = JSON.parse(await cli(['tokens', 'create', '--email', PEOPLE[who], '--json']))
        .token as string;
      const api = await fetch(`${node.url}/api/staff/settings`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ requireTotp: true }),
      });
      expect(api.status).toBe(403);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('forbidden_role');
    }
    expect(await requireTotp()).toBe(false);
    // The API's refusals are recorded as attempts, under the API operation, never as a change.
    expect((await settingsAudit()).length).toBe(before);
  });

  it('refuses a setting out of its bounds over the API with invalid_setting', async () => {
    const res = await node.api('PATCH', '/staff/settings', { sessionIdleMinutes: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_setting');
    const read = await node.api('GET', '/staff/settings');
    expect(read.body.sessionIdleMinutes).toBe(30);
  });
});
