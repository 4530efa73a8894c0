/**
 * Storage faults on a node in its own process: another process holding SQLite's write lock, a
 * disk that fills up and a database that turns read-only under the running node. The inbox
 * answers 503 rather than acknowledge what it could not store, and accepts the sender's retry
 * once the storage is back.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  cleanUpChildNodes,
  connectToChild,
  createChildNode,
  inboundCount,
  type ChildNode,
} from './support/child-node.ts';
import { postMessages, signedUpdate, timedGet } from './support/messages.ts';

/** Whether this machine lets the test make a file immutable (root with CAP_LINUX_IMMUTABLE). */
function canMakeImmutable(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'ps-chattr-'));
  const file = join(dir, 'probe');
  try {
    writeFileSync(file, 'x');
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function hasPrlimit(): boolean {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return process.platform === 'linux';
  } catch {
    return false;
  }
}

const IMMUTABLE = canMakeImmutable();
const PRLIMIT = hasPrlimit();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let target: ChildNode;
let partner: TestNode;

beforeAll(async () => {
  target = await createChildNode({ name: 'target' });
  await target.start();
  partner = await createTestNode({ name: 'partner' });
  await connectToChild(target, partner);
}, 30_000);

afterAll(async () => {
  await target?.stop();
  await partner?.stop();
  await cleanUpChildNodes();
  await removeTestDirs();
});

/** Another process's write transaction on the node's database, held until `release()`. */
function holdWriteLock(file: string) {
  const db = new Database(file);
  db.exec('BEGIN IMMEDIATE');
  return {
    release() {
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

describe('faults › storage', () => {
  it('waits out a write lock held by another process for a second, then accepts', async () => {
    const jws = await signedUpdate(partner, target.url, 'Locked out briefly');
    const before = inboundCount(target);
    const lock = holdWriteLock(target.dbFile);
    const released = sleep(1000).then(() => lock.release());
    const answer = await postMessages(target.url, [jws]);
    await released;
    expect(answer.status).toBe(200);
    expect(answer.body.results[0].status).toBe('accepted');
    // It waited for the lock (busy_timeout) rather than failing at once.
    expect(answer.ms).toBeGreaterThanOrEqual(900);
    expect(inboundCount(target)).toBe(before + 1);
  });

  // Regression (node/db/open-database.ts + node/store/sqlite/sqlite-store.ts): better-sqlite3 is
  // synchronous, and a long `busy_timeout` made SQLite sleep inside BEGIN IMMEDIATE on the
  // node's only thread. While another process holds the write lock (a CLI command, a backup
  // tool), the whole node stops: /healthz, discovery, the outbox — not just the waiting
  // write. Here /healthz, which never touches the database, waits for the lock too.
  it('keeps answering requests that need no write while a write waits for a lock', async () => {
    const jws = await signedUpdate(partner, target.url, 'Locked out, still alive');
    const lock = holdWriteLock(target.dbFile);
    const released = sleep(1500).then(() => lock.release());
    const write = postMessages(target.url, [jws]);
    await sleep(200);
    const health = await timedGet(target.url, '/healthz');
    await Promise.all([write, released]);
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(250);
  });

  it('answers 503 and stores nothing when the lock outlasts busy_timeout; the retry is accepted', async () => {
    const jws = await signedUpdate(partner, target.url, 'Locked out for long');
    const before = inboundCount(target);
    const lock = holdWriteLock(target.dbFile);
    const released = sleep(5400).then(() => lock.release());
    const answer = await postMessages(target.url, [jws]);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ error: { code: 'not_ready' } });
    expect(answer.ms).toBeGreaterThanOrEqual(4900);
    expect(inboundCount(target)).toBe(before);
    await released;
    // The sender re-sends the same bytes: accepted once, with a receipt.
    const retry = await postMessages(target.url, [jws]);
    expect(retry.status).toBe(200);
    expect(retry.body.results[0]).toMatchObject({ status: 'accepted' });
    expect(inboundCount(target)).toBe(before + 1);
  }, 20_000);

  it.skipIf(!PRLIMIT)(
    'answers 503 while the disk is full and acknowledges nothing it did not store',
    async () => {
      const wal = `${target.dbFile}-wal`;
      const jws = await signedUpdate(partner, target.url, 'Disk full');
      const before = inboundCount(target);
      // Files of the node may not grow any more: the next commit cannot append to the WAL.
      const limit = Math.max(statSync(wal).size, 1);
      execFileSync('prlimit', ['--pid', String(target.pid), `--fsize=${limit}:`]);
      try {
        const full = await postMessages(target.url, [jws]);
        expect(full.status).toBe(503);
        expect(full.body).toMatchObject({ error: { code: 'not_ready' } });
        expect(inboundCount(target)).toBe(before);
        // Reported, not asserted: /readyz only reads, so it may call a full node ready.
        const ready = await timedGet(target.url, '/readyz');
        console.info(`storage: /readyz answered ${ready.status} while the disk was full`);
      } finally {
        execFileSync('prlimit', ['--pid', String(target.pid), '--fsize=unlimited:']);
      }
      const retry = await postMessages(target.url, [jws]);
      expect(retry.status).toBe(200);
      expect(retry.body.results[0]).toMatchObject({ status: 'accepted' });
      expect(inboundCount(target)).toBe(before + 1);
      expect((await timedGet(target.url, '/readyz')).status).toBe(200);
    },
  );

  it.skipIf(!IMMUTABLE)(
    'answers 503 while its database is read-only and acknowledges nothing',
    async () => {
      const files = [target.dbFile, `${target.dbFile}-wal`];
      const jws = await signedUpdate(partner, target.url, 'Read-only');
      const before = inboundCount(target);
      execFileSync('chattr', ['+i', ...files]);
      try {
        const refused = await postMessages(target.url, [jws]);
        expect(refused.status).toBe(503);
        expect(refused.body).toMatchObject({ error: { code: 'not_ready' } });
        expect(inboundCount(target)).toBe(before);
      } finally {
        execFileSync('chattr', ['-i', ...files]);
      }
      const retry = await postMessages(target.url, [jws]);
      expect(retry.status).toBe(200);
      expect(retry.body.results[0]).toMatchObject({ status: 'accepted' });
      expect(inboundCount(target)).toBe(before + 1);
    },
  );
});
