/**
 * `partner-sync backup FILE` on a running node, `partner-sync restore`, and a node restored from
 * that older backup: the snapshot is consistent though messages kept arriving while it was taken;
 * what the node had not acknowledged arrives again through the senders' retries; price lists it
 * holds copies of come back because it asks their owners again (sync.request) at its first start;
 * what it had acknowledged after the backup and no kind can ask for again does not — the senders
 * hold receipts for it.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildMessage,
  digestOf,
  newMessageId,
  signMessage,
  verifyReceipt,
} from '../../protocol/index.ts';
import { RESTORED_MARKER } from '../../node/backup/backup-file.ts';
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { runCli } from '../../node/cli/main.ts';
import { DATABASE_FILE, initNode } from '../../node/init-node.ts';
import { sendProfileUpdate } from '../../node/partners/profile-update.ts';
import { appliedOn } from '../catalog/catalog-nodes.ts';
import { connectPair, outboundRows } from '../support/federation.ts';
import { createTestNode, eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { BIN, childEnv } from './support/child-node.ts';
import { postMessages } from './support/messages.ts';
import { enqueueUpdates, inboundIdsFrom, outboxRow } from './support/partners.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  await removeTestDirs();
});

/** Runs the real CLI in its own process; resolves with its exit code and output. */
function cli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv() });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

async function delivered(node: TestNode, messageId: string) {
  return eventually(async () => {
    const row = await outboxRow(node, messageId);
    return row.status === 'delivered' ? row : null;
  }, 15_000);
}

async function sendUpdate(node: TestNode, name: string): Promise<string> {
  return (await sendProfileUpdate(node.deps, { name }, 'all')).messageIds[0]!;
}

describe('faults › backup and restore', () => {
  it('writes one private, self-contained file; a directory gets a timestamped one; restore makes a data directory of it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ps-backup-cli-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    await initNode(dataDir, { name: 'Solo', port: 0 }, new Date());
    const run = async (...argv: string[]) => {
      const io = createCapturedIo({ env: {}, cwd: root });
      const code = await runCli(argv, io);
      return { code, out: io.out(), err: io.err() };
    };

    const made = await run('backup', 'solo.db', '--data', dataDir, '--json');
    expect(made.code, made.err).toBe(0);
    const file = join(root, 'solo.db');
    expect(JSON.parse(made.out)).toMatchObject({
      backupFile: file,
      contains: [DATABASE_FILE, 'config.json', 'keys.json'],
    });
    expect((await stat(file)).mode & 0o077).toBe(0);
    // One self-contained SQLite file (no -wal beside it) that carries the keys and config too.
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    const embedded = copy
      .prepare('SELECT name, content FROM backup_files ORDER BY name')
      .all() as Array<{
      name: string;
      content: Buffer;
    }>;
    copy.close();
    expect(embedded.map((f) => f.name)).toEqual(['config.json', 'keys.json']);
    expect(embedded[1]!.content.toString()).toBe(
      await readFile(join(dataDir, 'keys.json'), 'utf8'),
    );

    // A directory: the file goes into it under a name that sorts by time.
    await mkdir(join(root, 'nightly'));
    const intoDir = await run('backup', 'nightly', '--data', dataDir, '--json');
    expect(intoDir.code, intoDir.err).toBe(0);
    const named = JSON.parse(intoDir.out).backupFile as string;
    expect(named).toMatch(/nightly\/partner-sync-backup-\d{8}-\d{6}Z\.db$/);
    expect((await readdir(join(root, 'nightly'))).length).toBe(1);

    // Never over an existing file, never into a directory that is not there.
    const exists = await run('backup', 'solo.db', '--data', dataDir);
    expect(exists.code).toBe(1);
    expect(exists.err).toContain('already exists');
    const noParent = await run('backup', 'missing/solo.db', '--data', dataDir);
    expect(noParent.code).toBe(1);
    expect(noParent.err).toContain('does not exist');
    expect((await run('backup', '--data', dataDir)).code).toBe(2);

    // Restore: a new data directory with the database, keys and config of the backup.
    const restored = await run('restore', 'solo.db', '--data', 'again');
    expect(restored.code, restored.err).toBe(0);
    const again = join(root, 'again');
    expect((await readdir(again)).sort()).toEqual(
      ['config.json', 'keys.json', DATABASE_FILE, RESTORED_MARKER].sort(),
    );
    for (const name of ['keys.json', 'config.json']) {
      expect(await readFile(join(again, name), 'utf8')).toBe(
        await readFile(join(dataDir, name), 'utf8'),
      );
      expect((await stat(join(again, name))).mode & 0o077, name).toBe(0);
    }
    // The keys are in keys.json again, not left in the database.
    const db = new Database(join(again, DATABASE_FILE), { readonly: true });
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'backup_%'`)
      .all();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(tables).toEqual([]);
    const status = await run('status', '--data', again, '--json');
    expect(status.code, status.err).toBe(0);

    // Not over a node's data, and not from a file that is not a backup.
    const overData = await run('restore', 'solo.db', '--data', dataDir);
    expect(overData.code).toBe(1);
    expect(overData.err).toContain('not empty');
    const notBackup = await run('restore', join(dataDir, 'keys.json'), '--data', 'other');
    expect(notBackup.code).toBe(1);
    expect(notBackup.err).toContain('not a partner-sync backup');
  });

  it('backs up a running node consistently; a restored node gets back what was not yet acknowledged', async () => {
    const vendor = await createTestNode({ name: 'vendor' });
    const reseller = await createTestNode({ name: 'reseller' });
    const backupRoot = await mkdtemp(join(tmpdir(), 'ps-backup-'));
    dirs.push(backupRoot);
    const backupFile = join(backupRoot, 'vendor.db');
    try {
      const { onHost: resellerOnVendor } = await connectPair(vendor, reseller);
      const m1 = await sendUpdate(reseller, 'One');
      await delivered(reseller, m1);

      // The reseller goes down; the vendor's message to it is signed and waits for a retry.
      const resellerKey = reseller.deps.keys.signing();
      await reseller.stop();
      const [v1] = await enqueueUpdates(vendor, resellerOnVendor, ['Vendor One']);
      await eventually(async () => {
        const row = await outboxRow(vendor, v1!.messageId);
        return row.jws !== null && row.attempts >= 1;
      });

      // The backup runs in its own process while messages keep arriving at the vendor.
      const backup = cli(['backup', backupFile, '--data', vendor.dataDir]);
      let backupDone = false;
      void backup.then(() => (backupDone = true));
      const burst: string[] = [];
      while (!backupDone || burst.length < 5) {
        const message = buildMessage({
          id: newMessageId(),
          kind: 'partner.update',
          from: reseller.url,
          to: vendor.url,
          sentAt: new Date(),
          body: { name: `Burst ${burst.length}` },
        });
        const answer = await postMessages(vendor.url, [await signMessage(message, resellerKey)]);
        expect(answer.body.results[0].status).toBe('accepted');
        burst.push(message.id);
      }
      const { code, output } = await backup;
      expect(code, output).toBe(0);
      expect(output).toContain('Backed up');

      // A consistent snapshot: intact, and the messages it holds are a prefix of arrival order.
      const snapshot = new Database(backupFile, { readonly: true });
      const inBackup = (
        snapshot
          .prepare(
            'SELECT message_id AS id FROM inbound_messages WHERE from_node_id = ? ORDER BY seq',
          )
          .all(reseller.url) as Array<{ id: string }>
      ).map((r) => r.id);
      expect(snapshot.pragma('integrity_check', { simple: true })).toBe('ok');
      snapshot.close();
      const arrived = await inboundIdsFrom(vendor, reseller.url);
      expect(arrived.slice(0, inBackup.length)).toEqual(inBackup);
      expect(inBackup).toContain(m1);
      const burstInBackup = burst.filter((id) => inBackup.includes(id));
      const burstAfter = burst.filter((id) => !inBackup.includes(id));
      expect((await stat(backupFile)).mode & 0o077).toBe(0);

      // After the backup: the reseller returns and gets v1; two more messages are acknowledged.
      await reseller.start();
      await delivered(vendor, v1!.messageId);
      const m2 = await sendUpdate(reseller, 'Two');
      const m3 = await sendUpdate(reseller, 'Three');
      const receipts = [await delivered(reseller, m2), await delivered(reseller, m3)];

      // The vendor fails; two more messages wait at the reseller; the vendor is restored.
      await vendor.stop();
      const m4 = await sendUpdate(reseller, 'Four');
      const m5 = await sendUpdate(reseller, 'Five');
      await eventually(async () => (await outboxRow(reseller, m4)).attempts >= 1);
      await rename(vendor.dataDir, `${vendor.dataDir}-failed`);
      dirs.push(`${vendor.dataDir}-failed`);
      const restored = await cli(['restore', backupFile, '--data', vendor.dataDir]);
      expect(restored.code, restored.output).toBe(0);
      await vendor.start();

      // Recovered through the reseller's retries: what the vendor never acknowledged.
      await delivered(reseller, m4);
      await delivered(reseller, m5);
      const after = await inboundIdsFrom(vendor, reseller.url);
      expect(after).toEqual(expect.arrayContaining([m1, ...burstInBackup, m4, m5]));
      const onVendor = await vendor.deps.store.read((tx) => tx.partners.getByNodeId(reseller.url));
      expect(onVendor?.declaredProfile?.name).toBe('Five');

      // Not recovered: what it acknowledged after the backup. The senders will not send it again
      // and no kind asks for a profile update again; they hold the vendor's signed receipts.
      for (const lost of [m2, m3, ...burstAfter]) expect(after).not.toContain(lost);
      for (const row of receipts) {
        const check = await verifyReceipt(row.receipt!, {
          keys: vendor.deps.keys.published(new Date()),
          expect: {
            receiptFor: row.messageId,
            from: vendor.url,
            to: reseller.url,
            digest: digestOf(row.jws!),
          },
        });
        expect(check.ok).toBe(true);
      }

      // The vendor's own message, signed before the backup and delivered after it, is sent
      // again from the restored outbox: the same bytes, so the reseller answers duplicate.
      const resent = await eventually(async () => {
        const row = await outboxRow(vendor, v1!.messageId);
        return row.status === 'delivered' ? row : null;
      }, 15_000);
      expect(resent.resultStatus).toBe('duplicate');
      expect(
        (await inboundIdsFrom(reseller, vendor.url)).filter((id) => id === v1!.messageId),
      ).toHaveLength(1);
      console.info(
        `backup: ${burst.length} messages arrived during the backup, ${burstInBackup.length} ` +
          `made it into the snapshot; lost after restore: ${2 + burstAfter.length} ` +
          `(acknowledged after the backup), recovered by retries: 2`,
      );
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  }, 60_000);

  it('a node restored from an older backup asks for its price lists again: a version pushed after the backup is back', async () => {
    const vendor = await createTestNode({ name: 'vendor' });
    const reseller = await createTestNode({ name: 'reseller' });
    const root = await mkdtemp(join(tmpdir(), 'ps-backup-lists-'));
    dirs.push(root);
    const file = join(root, 'reseller.db');
    try {
      const { onHost: resellerOnVendor } = await connectPair(vendor, reseller);
      const line = (sku: string, listPrice: string) => ({ sku, listPrice });
      const version = (body: object) =>
        vendor.api('POST', '/price-lists/prices/versions', { validFrom: '2026-01-01', ...body });
      const push = () =>
        vendor.api('POST', '/price-lists/prices/push', { partners: [resellerOnVendor.id] });
      const pushesDelivered = () =>
        eventually(async () =>
          (await outboundRows(vendor))
            .filter((r) => r.kind === 'pricelist.push')
            .every((r) => r.status === 'delivered'),
        );
      expect(
        (
          await vendor.api('POST', '/price-lists', {
            id: 'prices',
            name: 'Prices',
            currency: 'EUR',
          })
        ).status,
      ).toBe(201);
      await version({ lines: [line('A', '1.00'), line('B', '2.00')] });
      await push();
      await appliedOn(reseller, 'prices', 1);
      await pushesDelivered();

      // The backup holds version 1; version 2 arrives and is acknowledged after it.
      const io = createCapturedIo({ env: {}, cwd: root });
      expect(await runCli(['backup', file, '--data', reseller.dataDir], io), io.err()).toBe(0);
      await version({ baseVersion: 1, lines: [line('B', '2.50'), line('C', '3.00')] });
      await push();
      const before = await appliedOn(reseller, 'prices', 2);
      await pushesDelivered();

      // The reseller is restored from the backup: its database knows version 1 only, and the
      // vendor will not push version 2 again by itself (it holds the receipts).
      await reseller.stop();
      await rename(reseller.dataDir, `${reseller.dataDir}-failed`);
      dirs.push(`${reseller.dataDir}-failed`);
      const restoreIo = createCapturedIo({ env: {}, cwd: root });
      expect(
        await runCli(['restore', file, '--data', reseller.dataDir], restoreIo),
        restoreIo.err(),
      ).toBe(0);
      const restoredDb = new Database(join(reseller.dataDir, DATABASE_FILE), { readonly: true });
      const held = restoredDb
        .prepare(`SELECT version FROM catalog_versions ORDER BY version`)
        .all() as Array<{ version: number }>;
      restoredDb.close();
      expect(held.map((v) => v.version)).toEqual([1]);

      await reseller.start();
      const after = await appliedOn(reseller, 'prices', 2, 15_000);
      const v2 = after.versions.find((v: any) => v.version === 2);
      const was = before.versions.find((v: any) => v.version === 2);
      expect(v2).toMatchObject({ status: 'applied', mode: 'full', lineCount: 3 });
      expect(v2.contentHash).toBe(was.contentHash);
      // It came back because the restored node asked, once, saying what it holds.
      const asked = (await outboundRows(reseller)).filter((r) => r.kind === 'sync.request');
      expect(asked).toHaveLength(1);
      expect(asked[0]!.body).toEqual({ what: 'pricelist', id: 'prices', haveVersion: 1 });
      const answers = (await outboundRows(vendor)).filter((r) => r.ref === asked[0]!.messageId);
      expect(answers.map((r) => (r.body as any).version)).toEqual([2]);
      await expect(stat(join(reseller.dataDir, RESTORED_MARKER))).rejects.toThrow();

      // A later start is an ordinary one: it asks nothing again.
      await reseller.stop();
      await reseller.start();
      await new Promise((r) => setTimeout(r, 300));
      expect((await outboundRows(reseller)).filter((r) => r.kind === 'sync.request')).toHaveLength(
        1,
      );
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  }, 60_000);
});
