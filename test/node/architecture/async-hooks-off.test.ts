/**
 * The node never makes Node install its promise hooks while it exchanges messages or answers the
 * admin API: they are installed the first time any AsyncLocalStorage runs, stay for the process's
 * life and cost every promise. Who caused a change, its audit scope and the request id on a log
 * line are passed with the unit of work or the request instead (node/store/unit-scope.ts,
 * node/http/request-id.ts).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NODE_DIR = `${ROOT}node/`;
const PROBE = 'test/support/async-hooks-probe.ts';

/**
 * The one use left: the pages' request context (their language, the console's way back and
 * unread count) through Hono's context storage. Pages are rendered by hono/jsx, which runs an
 * AsyncLocalStorage of its own for every render on Node, so pages install the hooks either way.
 */
const PAGE_CONTEXT = ['i18n/request-language.ts', 'staff/web/console-layout.tsx'];

function sourcesUsing(pattern: RegExp): string[] {
  return readdirSync(NODE_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && pattern.test(readFileSync(`${NODE_DIR}${f}`, 'utf8')))
    .sort();
}

describe('async hooks', () => {
  it('no source of the node runs an AsyncLocalStorage or an AsyncResource but the pages’ context', () => {
    expect(sourcesUsing(/node:async_hooks|hono\/context-storage/)).toEqual(PAGE_CONTEXT);
  });

  it('stay off in a real node that exchanged messages and answered the admin API', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', PROBE], {
      cwd: ROOT,
      timeout: 60_000,
    });
    const steps = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { step: string; hooks: boolean });
    expect(steps).toEqual([
      { step: 'start', hooks: false },
      { step: 'inbox', hooks: false },
      { step: 'admin', hooks: false },
    ]);
  }, 90_000);
});
