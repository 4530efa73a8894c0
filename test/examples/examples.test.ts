/**
 * Runs the examples as a newcomer would (`npm run example:two-nodes`, `npm run demo`, here through
 * tsx directly) and checks what they print, so that they cannot rot.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

function runExample(
  script: string,
  args: string[] = [],
): Promise<{ code: number | null; out: string; err: string }> {
  // The developer's PARTNER_SYNC_* variables must not change the run.
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PARTNER_SYNC_')) env[key] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    }),
  );
}

describe('examples/two-nodes', () => {
  it('connects a vendor and a reseller, offers a lead and prints both views', async () => {
    const { code, out, err } = await runExample('examples/two-nodes/run.ts');
    expect(code, err).toBe(0);
    expect(out).toMatch(/^vendor {3}http:\/\/127\.0\.0\.1:\d+/m);
    expect(out).toMatch(/^reseller http:\/\/127\.0\.0\.1:\d+/m);
    expect(out).toContain('connected: the vendor knows the reseller as partner 1');
    expect(out).toMatch(
      /The vendor's view[^\n]*\n {2}lead +L-1, Globex Ltd, DE\n {2}status +accepted\n {2}offers +partner 1: accepted/,
    );
    expect(out).toMatch(
      /The reseller's view[^\n]*\n {2}lead +L-1, Globex Ltd, DE\n {2}status +accepted/,
    );
    expect(out).toMatch(/messages +lead\.offer delivered/);
    expect(out).toContain('done: both nodes agree.');
    // Only warnings and errors are logged; a clean run logs none.
    expect(err).toBe('');
  }, 60_000);
});

describe('examples/three-companies (npm run demo)', () => {
  it('tells the whole story and ends with what each company holds and a portal link', async () => {
    const { code, out, err } = await runExample('examples/three-companies/run.ts', ['--exit']);
    expect(code, err).toBe(0);
    expect(err).toBe('');
    expect(out).toContain(
      'Sunny Roofs accepted L-1002 on the portal; Helios sees offer status accepted',
    );
    expect(out).toMatch(/Nordlicht holds version 2 \(delta, 4 lines, hash sha-256=/);
    expect(out).toContain('Sunny Roofs sees it on the portal: yes');
    expect(out).toMatch(/Helios answered CA: accepted total 14790\.00/);
    expect(out).toContain('claimed 640.00, decision partial: 480.00 approved');
    expect(out).toMatch(/approved 1800\.00; Nordlicht's balance: .*"available":"3200\.00"/);
    expect(out).toMatch(/proposed 130 × PANEL-430: sold 11\/day over 14 days \(2 reports\)/);
    expect(out).toMatch(/Nordlicht accepted: replenishment order \S+, total/);
    // The summary: both nodes hold the same records, and what was sent arrived.
    expect(out).toMatch(/Helios Solar \(node\) +2 own, 0 offered +1 +2 +1 +1 +2 +11 +14/);
    expect(out).toMatch(/Nordlicht Distribution \(node\) +0 own, 1 offered +1 +2 +1 +1 +2 +11 +10/);
    expect(out).toMatch(/Sunny Roofs \(portal on Helios\) +1 offered/);
    expect(out).toMatch(/sign-in link +http:\/\/127\.0\.0\.1:\d+\/portal\/sign-in\/\S+/);
    expect(out).toMatch(
      /console sign-in link +http:\/\/127\.0\.0\.1:\d+\/console\/sign-in\/[A-Za-z0-9_-]{43}/,
    );
  }, 90_000);
});
