/**
 * `partner-sync migrate-store --to URL`: a SQLite node that has partners and messages is copied
 * into PostgreSQL, checked by counts and hashes, and then serves from there with everything it
 * had; a database that already holds a node is refused. And back: `--to FILE` on a node that runs
 * on PostgreSQL copies it into a new SQLite file, a round trip ending with the hashes it began with.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../node/init-node.ts';
import { sendProfileUpdate } from '../../node/partners/profile-update.ts';
import { connectPair, inboundCount, outboundRows } from '../support/federation.ts';
import { runCliOn } from '../support/run-cli.ts';
import { createTestDatabase, hasTestPostgres } from '../support/test-database.ts';
import { createTestNode, eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';

afterAll(removeTestDirs);

interface CopyReport {
  rows: number;
  target?: string;
  tables: Array<{ table: string; rows: number; sha256: string }>;
}

async function setDatabaseUrl(node: TestNode, databaseUrl: string | undefined): Promise<void> {
  const file = join(node.dataDir, 'config.json');
  const config = JSON.parse(await readFile(file, 'utf8'));
  delete config.databaseUrl;
  await writeFile(file, JSON.stringify({ ...config, ...(databaseUrl ? { databaseUrl } : {}) }));
}

async function declaredName(on: TestNode, of: TestNode): Promise<unknown> {
  const p = await on.deps.store.read((tx) => tx.partners.getByNodeId(of.url));
  return p?.declaredProfile?.name;
}

describe.runIf(hasTestPostgres())('cli › migrate-store', () => {
  it('copies a SQLite node into PostgreSQL, which then serves it with all it had', async () => {
    const vendor = await createTestNode({ name: 'vendor', postgres: false });
    const reseller = await createTestNode({ name: 'reseller' });
    try {
      await connectPair(vendor, reseller);
      await sendProfileUpdate(vendor.deps, { name: 'Vendor AG' }, 'all');
      await sendProfileUpdate(reseller.deps, { name: 'Reseller GmbH' }, 'all');
      await eventually(async () => (await declaredName(vendor, reseller)) === 'Reseller GmbH');
      await eventually(async () =>
        (await outboundRows(vendor)).every((r) => r.status === 'delivered'),
      );
      const before = {
        inbound: await inboundCount(vendor),
        outbound: (await outboundRows(vendor)).map((r) => [r.messageId, r.status, r.receipt]),
        partners: await vendor.deps.store.read((tx) => tx.partners.list()),
      };
      await vendor.stop();

      const url = await createTestDatabase();
      const bad = await runCliOn(vendor, ['migrate-store', '--to', 'mysql://x@db/y']);
      expect(bad.code).not.toBe(0);
      expect(bad.err).toMatch(/--to must be a PostgreSQL URL/);

      const copied = await runCliOn(vendor, ['migrate-store', '--to', url, '--json']);
      expect(copied.err).toBe('');
      expect(copied.code).toBe(0);
      const report = JSON.parse(copied.out) as {
        rows: number;
        tables: Array<{ table: string; rows: number; sha256: string }>;
      };
      const rowsOf = (table: string) => report.tables.find((t) => t.table === table)?.rows;
      expect(rowsOf('partners')).toBe(1);
      expect(rowsOf('inbound_messages')).toBe(before.inbound);
      expect(rowsOf('outbound_messages')).toBe(before.outbound.length);
      expect(report.tables.every((t) => /^[0-9a-f]{64}$/.test(t.sha256))).toBe(true);

      // A second copy into the same database is refused and changes nothing.
      const again = await runCliOn(vendor, ['migrate-store', '--to', url]);
      expect(again.code).not.toBe(0);
      expect(again.err).toMatch(/already holds node data/);

      // Pointed at PostgreSQL, the node serves what it had and goes on exchanging.
      const file = join(vendor.dataDir, 'config.json');
      const config = JSON.parse(await readFile(file, 'utf8'));
      await writeFile(file, JSON.stringify({ ...config, databaseUrl: url }));
      await vendor.start();
      expect(vendor.deps.config.databaseUrl).toBe(url);
      expect(await inboundCount(vendor)).toBe(before.inbound);
      expect((await outboundRows(vendor)).map((r) => [r.messageId, r.status, r.receipt])).toEqual(
        before.outbound,
      );
      expect(await vendor.deps.store.read((tx) => tx.partners.list())).toEqual(before.partners);
      expect((await vendor.api('GET', '/partners')).status).toBe(200);
      await sendProfileUpdate(vendor.deps, { name: 'Vendor SE' }, 'all');
      await sendProfileUpdate(reseller.deps, { name: 'Reseller SE' }, 'all');
      await eventually(async () => (await declaredName(reseller, vendor)) === 'Vendor SE');
      await eventually(async () => (await declaredName(vendor, reseller)) === 'Reseller SE');
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  }, 60_000);

  it('copies a PostgreSQL node back into a new SQLite file: a round trip keeps every hash', async () => {
    const vendor = await createTestNode({ name: 'vendor', postgres: false });
    const reseller = await createTestNode({ name: 'reseller' });
    try {
      await connectPair(vendor, reseller);
      await sendProfileUpdate(vendor.deps, { name: 'Vendor AG' }, 'all');
      await sendProfileUpdate(reseller.deps, { name: 'Reseller GmbH' }, 'all');
      await eventually(async () => (await declaredName(vendor, reseller)) === 'Reseller GmbH');
      await eventually(async () =>
        (await outboundRows(vendor)).every((r) => r.status === 'delivered'),
      );
      await vendor.stop();

      const url = await createTestDatabase();
      const forward = await runCliOn(vendor, ['migrate-store', '--to', url, '--json']);
      expect(forward.code).toBe(0);
      const there = JSON.parse(forward.out) as CopyReport;
      await setDatabaseUrl(vendor, url);

      // On PostgreSQL, --to must name a file.
      const wrong = await runCliOn(vendor, ['migrate-store', '--to', url]);
      expect(wrong.code).not.toBe(0);
      expect(wrong.err).toMatch(/already runs on PostgreSQL/);
      // An existing file is never overwritten (here: the node's old SQLite database).
      const onOld = await runCliOn(vendor, ['migrate-store', '--to', DATABASE_FILE]);
      expect(onOld.code).not.toBe(0);
      expect(onOld.err).toMatch(/already exists/);

      const file = join(vendor.dataDir, 'back.db');
      const backward = await runCliOn(vendor, ['migrate-store', '--to', file, '--json']);
      expect(backward.err).toBe('');
      expect(backward.code).toBe(0);
      const back = JSON.parse(backward.out) as CopyReport;
      expect(back.target).toBe(file);
      // Every table's count and hash as they were in the SQLite file the trip began with.
      expect(back.tables).toEqual(there.tables);
      expect(back.rows).toBeGreaterThan(0);

      // What the node does on PostgreSQL comes back too.
      await vendor.start();
      await sendProfileUpdate(reseller.deps, { name: 'Reseller SE' }, 'all');
      await eventually(async () => (await declaredName(vendor, reseller)) === 'Reseller SE');
      const onPostgres = {
        inbound: await inboundCount(vendor),
        outbound: (await outboundRows(vendor)).map((r) => [r.messageId, r.status, r.receipt]),
        partners: await vendor.deps.store.read((tx) => tx.partners.list()),
      };
      await vendor.stop();
      const again = await runCliOn(vendor, ['migrate-store', '--to', 'again.db']);
      expect(again.code).toBe(0);
      expect(again.out).toMatch(/counts and hashes match/);

      // Served from the new file, without databaseUrl: the node has all it had on PostgreSQL.
      await rename(join(vendor.dataDir, DATABASE_FILE), join(vendor.dataDir, 'before.db'));
      await rename(join(vendor.dataDir, 'again.db'), join(vendor.dataDir, DATABASE_FILE));
      await setDatabaseUrl(vendor, undefined);
      await vendor.start();
      expect(vendor.deps.config.databaseUrl).toBeUndefined();
      expect(await inboundCount(vendor)).toBe(onPostgres.inbound);
      expect((await outboundRows(vendor)).map((r) => [r.messageId, r.status, r.receipt])).toEqual(
        onPostgres.outbound,
      );
      expect(await vendor.deps.store.read((tx) => tx.partners.list())).toEqual(onPostgres.partners);
      await sendProfileUpdate(vendor.deps, { name: 'Vendor on SQLite again' }, 'all');
      await eventually(
        async () => (await declaredName(reseller, vendor)) === 'Vendor on SQLite again',
      );
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  }, 90_000);
});
