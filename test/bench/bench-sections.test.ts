/**
 * `npm run bench -- --only …` names sections as the table shows them or with hyphens for spaces,
 * and refuses a name that is no section, instead of running the ceilings alone.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function bench(...args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
      },
    );
  });
}

describe('bench --only', () => {
  it('refuses a name that is no section and lists the sections', async () => {
    const { code, stderr } = await bench('--only', 'price-lists,federaton', '--tiny');
    expect(code).toBe(2);
    expect(stderr).toContain('no section named federaton');
    expect(stderr).not.toContain('no section named price-lists');
    expect(stderr).toMatch(/the sections: ceilings, .*price-lists, .*growth/);
  });
});
