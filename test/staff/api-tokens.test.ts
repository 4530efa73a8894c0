/**
 * Staff accounts and personal API tokens against a real node over HTTP: the CLI adds people and
 * tokens, the tokens act on /api with at most their owner's current roles, a viewer cannot
 * write, and revoked, expired or orphaned tokens are refused with their own codes and recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliOn } from '../support/run-cli.ts';
import {
  createTestNode,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../support/test-node.ts';

let node: TestNode;
const clock = new ManualClock();

beforeAll(async () => {
  node = await createTestNode({ name: 'staff-tokens', clock });
});
afterAll(async () => {
  await node?.stop();
  await removeTestDirs();
});

async function cliJson(argv: string[]) {
  const result = await runCliOn(node, [...argv, '--json']);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out);
}

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${node.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const INVITE = { name: 'Acme', partnerType: 'reseller', relationship: 'strategic' };

describe('staff › accounts and tokens', () => {
  it('adds people with several roles and lists them', async () => {
    const owner = await cliJson([
      'staff',
      'add',
      '--email',
      'Olga@Vendor.example',
      '--name',
      'Olga Owner',
      '--role',
      'owner',
    ]);
    expect(owner).toMatchObject({
      email: 'olga@vendor.example',
      roles: ['owner'],
      status: 'active',
    });
    await cliJson([
      'staff',
      'add',
      '--email',
      'vic@vendor.example',
      '--name',
      'Vic Viewer',
      '--role',
      'viewer',
    ]);
    const desk = await cliJson([
      'staff',
      'add',
      '--email',
      'dana@vendor.example',
      '--name',
      'Dana Desk',
      '--role',
      'order_desk',
      '--role',
      'finance',
    ]);
    expect(desk.roles).toEqual(['order_desk', 'finance']);

    const list = await cliJson(['staff', 'list']);
    expect(list.map((u: { email: string }) => u.email)).toEqual([
      'olga@vendor.example',
      'vic@vendor.example',
      'dana@vendor.example',
    ]);

    const again = await runCliOn(node, [
      'staff',
      'add',
      '--email',
      'vic@vendor.example',
      '--name',
      'V',
      '--role',
      'viewer',
    ]);
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('already has an account');
    const badRole = await runCliOn(node, [
      'staff',
      'add',
      '--email',
      'x@vendor.example',
      '--name',
      'X',
      '--role',
      'boss',
    ]);
    expect(badRole.code).toBe(2);
    expect(badRole.err).toContain('unknown role boss');
  });

  it('the init admin token belongs to the first owner', async () => {
    const made = await call(node.adminToken, 'POST', '/invitations', INVITE);
    expect(made.status).toBe(201);
    const audit = await call(node.adminToken, 'GET', '/audit?operation=POST%20/api/invitations');
    expect(audit.status).toBe(200);
    expect(audit.body.entries[0]).toMatchObject({
      actorKind: 'admin-token',
      email: 'olga@vendor.example',
      operation: 'POST /api/invitations',
      record: `invitations/${made.body.invitation.id}`,
      outcome: 'ok',
    });
  });

  it("a viewer's token reads but cannot write; the refused write is recorded", async () => {
    const { token } = await cliJson(['tokens', 'create', '--email', 'vic@vendor.example']);
    expect(token).toMatch(/^pst_/);
    expect((await call(token, 'GET', '/partners')).status).toBe(200);
    const write = await call(token, 'POST', '/invitations', INVITE);
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('forbidden_role');
    expect((await call(node.adminToken, 'GET', '/invitations')).body.invitations).toHaveLength(1);

    const audit = await call(node.adminToken, 'GET', '/audit?person=vic@vendor.example');
    expect(audit.body.entries[0]).toMatchObject({
      actorKind: 'api-token',
      operation: 'POST /api/invitations',
      outcome: 'forbidden_role',
    });
    // Only owners and admins read the trail.
    expect((await call(token, 'GET', '/audit')).body.error.code).toBe('forbidden_role');
  });

  it('a token carries at most its owner roles, now and later', async () => {
    // Inviting partners is the channel manager's work.
    await cliJson([
      'staff',
      'roles',
      '--email',
      'dana@vendor.example',
      '--role',
      'channel_manager,finance',
    ]);
    const refused = await runCliOn(node, [
      'tokens',
      'create',
      '--email',
      'dana@vendor.example',
      '--role',
      'admin',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('does not hold admin');

    const narrowed = await cliJson([
      'tokens',
      'create',
      '--email',
      'dana@vendor.example',
      '--role',
      'viewer',
    ]);
    expect((await call(narrowed.token, 'POST', '/invitations', INVITE)).status).toBe(403);

    const full = await cliJson(['tokens', 'create', '--email', 'dana@vendor.example']);
    expect((await call(full.token, 'POST', '/invitations', INVITE)).status).toBe(201);
    // Taking Dana's write roles takes them from her token at its next use.
    await cliJson(['staff', 'roles', '--email', 'dana@vendor.example', '--role', 'viewer']);
    expect((await call(full.token, 'POST', '/invitations', INVITE)).status).toBe(403);
    await cliJson([
      'staff',
      'roles',
      '--email',
      'dana@vendor.example',
      '--role',
      'channel_manager',
    ]);
    expect((await call(full.token, 'POST', '/invitations', INVITE)).status).toBe(201);
  });

  it('revoked, expired and orphaned tokens are refused with their own codes', async () => {
    const a = await cliJson(['tokens', 'create', '--email', 'dana@vendor.example']);
    await cliJson(['tokens', 'revoke', a.id]);
    const revoked = await call(a.token, 'GET', '/partners');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('token_revoked');
    const twice = await runCliOn(node, ['tokens', 'revoke', a.id]);
    expect(twice.code).toBe(1);

    const b = await cliJson([
      'tokens',
      'create',
      '--email',
      'dana@vendor.example',
      '--expires-days',
      '1',
    ]);
    expect((await call(b.token, 'GET', '/partners')).status).toBe(200);
    clock.advance(2 * 86_400_000);
    const expired = await call(b.token, 'GET', '/partners');
    expect(expired.body.error.code).toBe('token_expired');

    const c = await cliJson(['tokens', 'create', '--email', 'vic@vendor.example']);
    await cliJson(['staff', 'remove', '--email', 'vic@vendor.example']);
    const orphan = await call(c.token, 'GET', '/partners');
    expect(orphan.status).toBe(401);
    // Removing revoked the token with its owner.
    expect(orphan.body.error.code).toBe('token_revoked');

    const refusals = await call(node.adminToken, 'GET', '/audit?operation=api.authenticate');
    expect(refusals.body.entries.map((e: { outcome: string }) => e.outcome)).toEqual([
      'token_revoked',
      'token_expired',
      'token_revoked',
    ]);

    const listed = await cliJson(['tokens', 'list', '--email', 'dana@vendor.example']);
    expect(listed.find((t: { id: string }) => t.id === a.id).state).toBe('revoked');
    expect(JSON.stringify(listed)).not.toContain('pst_');
  });

  it('keeps an owner: the last one cannot be removed or demoted', async () => {
    const removal = await runCliOn(node, ['staff', 'remove', '--email', 'olga@vendor.example']);
    expect(removal.code).toBe(1);
    expect(removal.err).toContain('last owner');
    const demote = await runCliOn(node, [
      'staff',
      'roles',
      '--email',
      'olga@vendor.example',
      '--role',
      'admin',
    ]);
    expect(demote.code).toBe(1);
    const unknown = await runCliOn(node, ['staff', 'link', '--email', 'nobody@vendor.example']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no staff account');
  });
  it('a refused change from the CLI names its code, changes nothing and is recorded', async () => {
    const spent = await cliJson(['tokens', 'create', '--email', 'dana@vendor.example']);
    await cliJson(['tokens', 'revoke', spent.id]);
    const people = await cliJson(['staff', 'list', '--all']);
    const tokens = await cliJson(['tokens', 'list']);
    const byEmail = (email: string) => people.find((p: { email: string }) => p.email === email);
    const { seq: before } = (await call(node.adminToken, 'GET', '/audit?limit=1')).body.entries[0];

    const refusals: Array<[string[], string]> = [
      [['staff', 'link', '--email', 'nobody@vendor.example'], 'staff_not_found'],
      [['staff', 'remove', '--email', 'olga@vendor.example'], 'last_owner'],
      [['staff', 'roles', '--email', 'vic@vendor.example', '--role', 'viewer'], 'staff_removed'],
      [
        ['staff', 'add', '--email', 'dana@vendor.example', '--name', 'D', '--role', 'viewer'],
        'staff_exists',
      ],
      [['tokens', 'create', '--email', 'vic@vendor.example'], 'staff_removed'],
      [['tokens', 'create', '--email', 'dana@vendor.example', '--role', 'owner'], 'role_not_held'],
      [['tokens', 'revoke', spent.id], 'token_revoked'],
    ];
    for (const [argv, code] of refusals) {
      const result = await runCliOn(node, argv);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.err, argv.join(' ')).toContain(`(code: ${code})`);
    }

    // Nothing changed.
    expect(await cliJson(['staff', 'list', '--all'])).toEqual(people);
    expect(await cliJson(['tokens', 'list'])).toEqual(tokens);
    // Each attempt recorded as the operator's, with the code and the person or token it was about.
    const rows = (await call(node.adminToken, 'GET', `/audit?limit=50`)).body.entries
      .filter((e: { seq: number }) => e.seq > before)
      .reverse();
    expect(rows).toHaveLength(refusals.length);
    expect(
      rows.map((r: { operation: string; outcome: string }) => [r.operation, r.outcome]),
    ).toEqual([
      ['staff.link', 'staff_not_found'],
      ['staff.remove', 'last_owner'],
      ['staff.roles', 'staff_removed'],
      ['staff.add', 'staff_exists'],
      ['tokens.create', 'staff_removed'],
      ['tokens.create', 'role_not_held'],
      ['tokens.revoke', 'token_revoked'],
    ]);
    expect(rows.map((r: { record: string | null }) => r.record)).toEqual([
      null,
      `staff/${byEmail('olga@vendor.example').id}`,
      `staff/${byEmail('vic@vendor.example').id}`,
      `staff/${byEmail('dana@vendor.example').id}`,
      `staff/${byEmail('vic@vendor.example').id}`,
      `staff/${byEmail('dana@vendor.example').id}`,
      `tokens/${spent.id}`,
    ]);
    expect(rows[0]).toMatchObject({
      actorKind: 'cli',
      address: 'local',
      detail: { email: 'nobody@vendor.example', osUser: expect.any(String) },
    });
  });
});
