/**
 * node/db/open-database.ts: the connection a node opens keeps SQLite's own 2 MB page cache rather
 * than the 16 MB better-sqlite3 is built with (the cache fills as the tables grow, and was a large
 * part of a busy node's RSS), and stays durable (WAL, synchronous=FULL).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../node/db/open-database.ts';

const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('opens the node database with a 2 MB page cache, in WAL mode with synchronous=FULL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'partner-sync-db-'));
    dirs.push(dir);
    const { sqlite } = openDatabase(join(dir, 'node.db'));
    try {
      expect(sqlite.pragma('cache_size', { simple: true })).toBe(-2000);
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 is FULL.
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      sqlite.close();
    }
  });
});
