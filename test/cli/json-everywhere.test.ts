/**
 * Every command answers a script in JSON: `--json` is accepted by every command but `serve` and
 * `help`, and prints exactly one JSON document: the record it changed, or `{ ok, message }`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../node/cli/commands.ts';
import { commandFlags } from '../../node/cli/parse-args.ts';
import { connectPair } from '../support/federation.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

let vendor: TestNode;
let reseller: TestNode;
let resellerOnVendor: number;

beforeAll(async () => {
  vendor = await createTestNode({ name: 'Json Vendor' });
  reseller = await createTestNode({ name: 'Json Reseller' });
  resellerOnVendor = (await connectPair(vendor, reseller)).onHost.id;
});

afterAll(async () => {
  await Promise.all([vendor.stop(), reseller.stop()]);
  await removeTestDirs();
});

/** Runs with --json; stdout must be one JSON document. */
async function json(node: TestNode, argv: string[]) {
  const run = await runCliOn(node, [...argv, '--json']);
  expect(run.code, run.err).toBe(0);
  return JSON.parse(run.out);
}

describe('cli › --json on every command', () => {
  it('is accepted by every command but serve and help', () => {
    const without = COMMANDS.filter((c) => !commandFlags(c).some((f) => f.name === 'json'));
    expect(without.map((c) => c.name).sort()).toEqual(['help', 'serve']);
  });

  it('write commands print the record they changed, or ok and the message', async () => {
    const suspended = await json(vendor, ['partners', 'suspend', String(resellerOnVendor)]);
    expect(suspended).toMatchObject({ id: resellerOnVendor, status: 'suspended' });
    const resumed = await json(vendor, ['partners', 'resume', String(resellerOnVendor)]);
    expect(resumed).toMatchObject({ id: resellerOnVendor, status: 'active' });

    const created = await json(vendor, [
      'pricelists',
      'create',
      '--id',
      'json-eu',
      '--name',
      'EU',
      '--currency',
      'EUR',
    ]);
    expect(created.ok).toBe(true);
    expect(created.message).toContain('json-eu');

    const invited = await json(vendor, [
      'invite',
      '--name',
      'Later',
      '--type',
      'reseller',
      '--relationship',
      'market_facing',
    ]);
    const revoked = await json(vendor, ['invitations', 'revoke', invited.invitation.id]);
    expect(revoked).toMatchObject({ ok: true });

    const retried = await json(vendor, ['outbox', 'retry', '--all']);
    expect(retried.ok).toBe(true);
  });
});
