/**
 * The per-address limits on guessing are the node's, however many processes serve it on
 * PostgreSQL (issue #22): failed admin tokens, portal sign-in and console sign-in posts spread
 * over two processes on one database are refused once the node-wide figure is reached, with the
 * same code and Retry-After as one process gives. Each attempt takes its token from one bucket
 * row in rate_buckets (node/http/attempt-buckets.ts); counted per process, the two would together
 * allow twice the figure. The processes share a frozen clock: nothing refills between attempts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { AUTH_FAILURES_PER_MINUTE } from '../../node/admin/admin-auth.ts';
import { ManualClock } from '../../node/clock.ts';
import { silentLogger } from '../../node/logger.ts';
import { startNode, type RunningNode } from '../../node/main.ts';
import { SIGN_IN_PER_MINUTE } from '../../node/portal/web/sign-in-limit.ts';
import { SIGN_IN_PER_MINUTE as CONSOLE_SIGN_IN_PER_MINUTE } from '../../node/staff/web/sign-in-routes.tsx';
import { hasTestPostgres } from '../support/test-database.ts';
import { createTestNode, freePort, removeTestDirs } from '../support/test-node.ts';

afterAll(removeTestDirs);

async function startProcess(dataDir: string, clock: ManualClock): Promise<RunningNode> {
  return startNode({
    dataDir,
    clock,
    env: { PARTNER_SYNC_PORT: String(await freePort()) },
    log: silentLogger(),
    random: () => 0,
  });
}

type Attempt = (p: RunningNode) => Promise<Response>;

const badToken: Attempt = (p) =>
  fetch(`http://127.0.0.1:${p.port}/api/node`, {
    headers: { authorization: 'Bearer psa_not_a_token' },
  });

const formPost =
  (path: string): Attempt =>
  (p) =>
    fetch(`http://127.0.0.1:${p.port}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=someone%40example.com&password=guess',
    });

describe.runIf(hasTestPostgres())('security › guessing limits with several processes', () => {
  it('two processes together allow an address the node-wide figure, and refuse past it', async () => {
    const node = await createTestNode({ name: 'vendor', postgres: true });
    await node.stop();
    const clock = new ManualClock(new Date());
    const processes = [
      await startProcess(node.dataDir, clock),
      await startProcess(node.dataDir, clock),
    ];
    try {
      // Twice the figure, to each process in turn: how many were refused for the rate, and the
      // Retry-After of the refusals.
      const round = async (attempt: Attempt, figure: number) => {
        const answers: Record<string, number> = {};
        const retryAfter = new Set<string | null>();
        for (let i = 0; i < 2 * figure; i++) {
          const res = await attempt(processes[i % 2]!);
          const text = await res.text();
          let answer = res.status === 429 ? 'refused' : 'allowed';
          if (res.status === 429) {
            retryAfter.add(res.headers.get('retry-after'));
            if (res.headers.get('content-type')?.includes('json')) {
              answer += ` ${(JSON.parse(text) as { error: { code: string } }).error.code}`;
            }
          }
          answers[answer] = (answers[answer] ?? 0) + 1;
        }
        return { answers, retryAfter: [...retryAfter] };
      };
      // 10 failures a minute: the bucket holds no token, the next one is 6 s away.
      expect(await round(badToken, AUTH_FAILURES_PER_MINUTE)).toEqual({
        answers: {
          allowed: AUTH_FAILURES_PER_MINUTE,
          'refused rate_limited': AUTH_FAILURES_PER_MINUTE,
        },
        retryAfter: ['6'],
      });
      // 20 posts a minute: the next token is 3 s away.
      expect(await round(formPost('/portal/sign-in'), SIGN_IN_PER_MINUTE)).toEqual({
        answers: { allowed: SIGN_IN_PER_MINUTE, refused: SIGN_IN_PER_MINUTE },
        retryAfter: ['3'],
      });
      expect(await round(formPost('/console/sign-in'), CONSOLE_SIGN_IN_PER_MINUTE)).toEqual({
        answers: { allowed: CONSOLE_SIGN_IN_PER_MINUTE, refused: CONSOLE_SIGN_IN_PER_MINUTE },
        retryAfter: ['3'],
      });
      // A minute on, the node's buckets are full again: the next attempt is allowed.
      clock.advance(60_000);
      expect((await badToken(processes[1]!)).status).toBe(401);
      expect((await formPost('/portal/sign-in')(processes[0]!)).status).not.toBe(429);
    } finally {
      await Promise.all(processes.map((p) => p.close()));
    }
  }, 120_000);
});
