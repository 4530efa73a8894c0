/**
 * What durability costs: single-row commits and 100-row transactions per second in WAL mode with
 * `synchronous = FULL` (what the node runs: an acknowledged message must survive power loss) and
 * with `NORMAL`, on the same file system as the nodes' data.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Section } from '../lib/context.ts';
import { row, type Row } from '../lib/report.ts';

export const sqlite: Section = {
  name: 'sqlite',
  async run(ctx) {
    const rows: Row[] = [];
    for (const mode of ['FULL', 'NORMAL'] as const) {
      ctx.log(`sqlite: synchronous=${mode}`);
      const db = new Database(join(ctx.workDir, `commits-${mode}.db`));
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${mode}`);
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
      const body = 'x'.repeat(1500);
      const one = db.transaction(() => insert.run(body));
      const hundred = db.transaction(() => {
        for (let i = 0; i < 100; i++) insert.run(body);
      });
      const single = countFor(ctx.sizes.sqliteMs, () => one());
      const batched = countFor(ctx.sizes.sqliteMs, () => hundred()) * 100;
      db.close();
      rows.push(
        row({
          id: `sqlite.${mode.toLowerCase()}.single`,
          group: 'durability (SQLite WAL, 1.5 KB rows)',
          label: `synchronous=${mode}: single-row commits`,
          value: single,
          unit: '/s',
        }),
        row({
          id: `sqlite.${mode.toLowerCase()}.batch100`,
          group: 'durability (SQLite WAL, 1.5 KB rows)',
          label: `synchronous=${mode}: rows in 100-row transactions`,
          value: batched,
          unit: 'rows/s',
        }),
      );
    }
    return rows;
  },
};

function countFor(ms: number, fn: () => void): number {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    fn();
    n++;
    now = performance.now();
  }
  return n / ((now - start) / 1000);
}
