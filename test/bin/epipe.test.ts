/**
 * A listing piped into a reader that stops early (`partner-sync invitations | head -1`) ends
 * quietly: no EPIPE stack trace on stderr. Runs the real launcher on a real data directory.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvitation, parsePartnerProfile } from '../../node/partners/invitations.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

const BIN = fileURLToPath(new URL('../../bin/partner-sync.js', import.meta.url));
let node: TestNode;

beforeAll(async () => {
  node = await createTestNode({ name: 'Pipe AG' });
  const profile = parsePartnerProfile(
    {
      name: 'A partner with a long name to fill the listing',
      partnerType: 'reseller',
      relationship: 'strategic',
    },
    node.deps.handlers.kinds(),
  );
  for (let i = 0; i < 1500; i++) {
    await createInvitation(
      { store: node.deps.store, now: node.deps.clock.now(), ttlMs: 3600_000 },
      profile,
    );
  }
}, 60_000);

afterAll(async () => {
  await node.stop();
  await removeTestDirs();
});

describe('bin › a closed pipe', () => {
  it('ends the listing without a stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'invitations', '--data', node.dataDir], {
      env: { ...process.env, PARTNER_SYNC_SOURCE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Read one chunk, then close our end, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
  }, 60_000);
});
