/**
 * The default kinds are a function of partner type × relationship, and the same table appears in
 * three places: the code, protocol/PROTOCOL.md section 8 and `invite --help`. An operator who
 * invites a reseller under each relationship gets a different list, through the CLI and the admin
 * API alike.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapturedIo } from '../../../node/cli/capture-io.ts';
import { runCli } from '../../../node/cli/main.ts';
import {
  defaultKinds,
  defaultKindsTable,
  RELATIONSHIP_KINDS,
} from '../../../node/partners/default-kinds.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../../support/test-node.ts';

/** The markdown table PROTOCOL.md must carry, built from the code. */
export function defaultKindsMarkdown(): string {
  const rows = defaultKindsTable();
  const types = [...new Set(rows.map((r) => r.partnerType))];
  const rels = [...new Set(rows.map((r) => r.relationship))];
  const cell = (t: string, r: string) => {
    const kinds = rows
      .find((x) => x.partnerType === t && x.relationship === r)!
      .kinds.filter((k) => !(RELATIONSHIP_KINDS as readonly string[]).includes(k));
    return kinds.length === 0 ? '–' : kinds.map((k) => `\`${k}\``).join(', ');
  };
  return [
    `| partner type | ${rels.map((r) => `\`${r}\``).join(' | ')} |`,
    `|---|${rels.map(() => '---').join('|')}|`,
    ...types.map((t) => `| \`${t}\` | ${rels.map((r) => cell(t, r)).join(' | ')} |`),
  ].join('\n');
}

let node: TestNode;

beforeAll(async () => {
  node = await createTestNode({ name: 'Vendor AG' });
});

afterAll(async () => {
  await node.stop();
  await removeTestDirs();
});

async function cli(argv: string[]) {
  const io = createCapturedIo({ env: {} });
  const code = await runCli([...argv, '--data', node.dataDir], io);
  return { code, out: io.out(), err: io.err() };
}

describe('partners › default kinds', () => {
  it('differ by relationship for one partner type', () => {
    const commodity = defaultKinds('reseller', 'commodity_based');
    const strategic = defaultKinds('reseller', 'strategic');
    const market = defaultKinds('reseller', 'market_facing');
    expect(commodity).toContain('order.place');
    expect(commodity).toContain('replenishment.decision');
    expect(commodity).not.toContain('lead.accept');
    expect(commodity).not.toContain('deal.register');
    expect(market).toContain('deal.register');
    expect(market).toContain('expense.claim');
    expect(market).not.toContain('order.place');
    expect(market).not.toContain('inventory.report');
    expect(strategic).toContain('service.request');
    expect(strategic).toContain('warranty.claim');
    expect(new Set([commodity.join(), strategic.join(), market.join()]).size).toBe(3);
  });

  it('are the table of PROTOCOL.md section 8', async () => {
    const spec = await readFile(new URL('../../../protocol/PROTOCOL.md', import.meta.url), 'utf8');
    expect(spec).toContain(defaultKindsMarkdown());
  });

  it('are shown by invite --help', async () => {
    const { code, out } = await cli(['invite', '--help']);
    expect(code).toBe(0);
    const help = out.replace(/\s+/g, ' ');
    for (const row of defaultKindsTable()) {
      const kinds = row.kinds.filter((k) => !k.startsWith('partner.'));
      if (kinds.length > 0) expect(help).toContain(`${row.relationship} ${kinds.join(', ')}`);
    }
  });

  it('apply to an invitation made through the CLI and the admin API', async () => {
    const invited: Record<string, string[]> = {};
    for (const relationship of ['commodity_based', 'strategic', 'market_facing']) {
      const run = await cli([
        'invite',
        '--name',
        `Reseller ${relationship}`,
        '--type',
        'reseller',
        '--relationship',
        relationship,
        '--json',
      ]);
      expect(run.code, run.err).toBe(0);
      invited[relationship] = JSON.parse(run.out).invitation.allowedKinds;
      expect(invited[relationship]).toEqual(defaultKinds('reseller', relationship));
    }
    expect(invited.commodity_based).not.toEqual(invited.market_facing);

    const res = await fetch(`${node.url}/api/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${node.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Trader',
        partnerType: 'reseller',
        relationship: 'commodity_based',
      }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { invitation: { kinds: string[] } };
    expect(body.invitation.kinds).toEqual(defaultKinds('reseller', 'commodity_based'));
  });
});
