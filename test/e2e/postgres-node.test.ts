/**
 * A node that keeps its data in PostgreSQL (`databaseUrl`) federates with one on SQLite: connect,
 * updates both ways with receipts, a restart that keeps everything, and nothing written to a
 * SQLite file in its data directory. Its setting may come from PARTNER_SYNC_DATABASE_URL alone.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../node/init-node.ts';
import { silentLogger } from '../../node/logger.ts';
import { startNode } from '../../node/main.ts';
import { sendProfileUpdate } from '../../node/partners/profile-update.ts';
import { connectPair, outboundRows } from '../support/federation.ts';
import { hasTestPostgres } from '../support/test-database.ts';
import { createTestNode, eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';

afterAll(removeTestDirs);

async function declaredName(on: TestNode, of: TestNode): Promise<unknown> {
  const p = await on.deps.store.read((tx) => tx.partners.getByNodeId(of.url));
  return p?.declaredProfile?.name;
}

/** Rows the node's PostgreSQL database holds in `table`, read past the node. */
async function countIn(databaseUrl: string, table: string): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql.unsafe(`SELECT count(*)::int AS n FROM ${table}`);
    return row!.n as number;
  } finally {
    await sql.end();
  }
}

describe.runIf(hasTestPostgres())('node on PostgreSQL › federation with a SQLite node', () => {
  it('connects, exchanges updates with receipts both ways and keeps them across a restart', async () => {
    const vendor = await createTestNode({ name: 'vendor', postgres: true });
    const reseller = await createTestNode({ name: 'reseller', postgres: false });
    try {
      const databaseUrl = vendor.deps.config.databaseUrl!;
      expect(databaseUrl).toMatch(/^postgres:\/\//);
      expect(reseller.deps.config.databaseUrl).toBeUndefined();

      await connectPair(vendor, reseller);
      await sendProfileUpdate(vendor.deps, { name: 'Vendor AG' }, 'all');
      await sendProfileUpdate(reseller.deps, { name: 'Reseller GmbH' }, 'all');
      await eventually(async () => (await declaredName(reseller, vendor)) === 'Vendor AG');
      await eventually(async () => (await declaredName(vendor, reseller)) === 'Reseller GmbH');
      const sent = await eventually(async () => {
        const rows = (await outboundRows(vendor)).filter((r) => r.kind === 'partner.update');
        return rows.length === 1 && rows[0]!.status === 'delivered' ? rows : null;
      });
      expect(sent[0]!.resultStatus).toBe('accepted');

      // The data is in PostgreSQL, and only there.
      expect(await countIn(databaseUrl, 'partners')).toBe(1);
      expect(await countIn(databaseUrl, 'inbound_messages')).toBeGreaterThanOrEqual(1);
      expect(existsSync(join(vendor.dataDir, DATABASE_FILE))).toBe(false);
      expect(existsSync(join(reseller.dataDir, DATABASE_FILE))).toBe(true);

      // A restart finds everything, and the node goes on exchanging.
      await vendor.stop();
      await vendor.start();
      expect(await declaredName(vendor, reseller)).toBe('Reseller GmbH');
      await sendProfileUpdate(reseller.deps, { name: 'Reseller SE' }, 'all');
      await eventually(async () => (await declaredName(vendor, reseller)) === 'Reseller SE');
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  });

  it('takes its database from PARTNER_SYNC_DATABASE_URL when config.json names none', async () => {
    const node = await createTestNode({ name: 'hq', postgres: true });
    const databaseUrl = node.deps.config.databaseUrl!;
    await node.stop();
    const file = join(node.dataDir, 'config.json');
    const { databaseUrl: _named, ...rest } = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify(rest));

    // The admin token made by init lives in PostgreSQL only: it opens the API only there.
    const running = await startNode({
      dataDir: node.dataDir,
      env: { PARTNER_SYNC_DATABASE_URL: databaseUrl },
      log: silentLogger(),
    });
    try {
      expect(running.deps.config.databaseUrl).toBe(databaseUrl);
      const res = await fetch(`http://127.0.0.1:${running.port}/api/partners`, {
        headers: { authorization: `Bearer ${node.adminToken}` },
      });
      expect(res.status).toBe(200);
      expect(existsSync(join(node.dataDir, DATABASE_FILE))).toBe(false);
    } finally {
      await running.close();
    }
  });
});
