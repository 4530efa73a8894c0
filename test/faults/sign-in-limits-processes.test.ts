/**
 * The per-address limits on guessing are the node's, however many processes serve it on
 * PostgreSQL (issue #22): failed admin tokens, portal sign-in and console sign-in posts spread
 * over two processes on one database are refused once the node-wide figure is reached, with the
 * same code and Retry-After as one process gives. Each attempt takes its token from one bucket
 * row in rate_buckets (node/http/attempt-buckets.ts); counted per process, the two would together
 * allow twice the figure. The processes share a frozen clock: nothing refills between attempts.
 *
 * Failed admin tokens are one count per address whichever path guards them (/api and /metrics):
 * on SQLite too, where one process counts in memory (node/app.ts builds the guard once).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { AUTH_FAILURES_PER_MINUTE } from '../../node/admin/admin-auth.ts';
import { SIGN_IN_PER_MINUTE } from '../../node/portal/web/sign-in-limit.ts';
import { SIGN_IN_PER_MINUTE as CONSOLE_SIGN_IN_PER_MINUTE } from '../../node/staff/web/sign-in-routes.tsx';
import { startNodeProcesses } from '../support/node-processes.ts';
import { hasTestPostgres } from '../support/test-database.ts';
import { createTestNode, removeTestDirs } from '../support/test-node.ts';

afterAll(removeTestDirs);

/** One attempt at the process or node at `base` (http://127.0.0.1:port). */
type Attempt = (base: string) => Promise<Response>;

const badToken =
  (path: string): Attempt =>
  (base) =>
    fetch(`${base}${path}`, { headers: { authorization: 'Bearer psa_not_a_token' } });

const formPost =
  (path: string): Attempt =>
  (base) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=someone%40example.com&password=guess',
    });

/**
 * `2 * figure` attempts, the i-th at `bases[i % bases.length]` with `attempts[i % attempts.length]`:
 * how many were refused for the rate, and the Retry-After of the refusals.
 */
async function round(bases: string[], attempts: Attempt[], figure: number) {
  const answers: Record<string, number> = {};
  const retryAfter = new Set<string | null>();
  for (let i = 0; i < 2 * figure; i++) {
    const res = await attempts[i % attempts.length]!(bases[i % bases.length]!);
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
}

// 10 failures a minute: the bucket holds no token, the next one is 6 s away.
const ADMIN_TOKEN_ROUND = {
  answers: { allowed: AUTH_FAILURES_PER_MINUTE, 'refused rate_limited': AUTH_FAILURES_PER_MINUTE },
  retryAfter: ['6'],
};

describe('security › guessing limits on one process (SQLite)', () => {
  it('counts failed tokens at /api and /metrics in one bucket per address', async () => {
    const node = await createTestNode({ name: 'vendor', settings: { metrics: 'token' } });
    try {
      // Counted per path, a guesser would get the figure at each.
      expect(
        await round(
          [node.url],
          [badToken('/api/node'), badToken('/metrics')],
          AUTH_FAILURES_PER_MINUTE,
        ),
      ).toEqual(ADMIN_TOKEN_ROUND);
    } finally {
      await node.stop();
    }
  });
});

describe.runIf(hasTestPostgres())('security › guessing limits with several processes', () => {
  it('two processes together allow an address the node-wide figure, and refuse past it', async () => {
    const vendor = await createTestNode({
      name: 'vendor',
      postgres: true,
      settings: { metrics: 'token' },
    });
    const node = await startNodeProcesses(vendor);
    const bases = [node.url(0, ''), node.url(1, '')];
    try {
      expect(await round(bases, [badToken('/api/node')], AUTH_FAILURES_PER_MINUTE)).toEqual(
        ADMIN_TOKEN_ROUND,
      );
      // 20 posts a minute: the next token is 3 s away.
      expect(await round(bases, [formPost('/portal/sign-in')], SIGN_IN_PER_MINUTE)).toEqual({
        answers: { allowed: SIGN_IN_PER_MINUTE, refused: SIGN_IN_PER_MINUTE },
        retryAfter: ['3'],
      });
      expect(
        await round(bases, [formPost('/console/sign-in')], CONSOLE_SIGN_IN_PER_MINUTE),
      ).toEqual({
        answers: { allowed: CONSOLE_SIGN_IN_PER_MINUTE, refused: CONSOLE_SIGN_IN_PER_MINUTE },
        retryAfter: ['3'],
      });
      // A minute on, the node's buckets are full again: the next attempt is allowed.
      node.clock.advance(60_000);
      expect((await badToken('/api/node')(bases[1]!)).status).toBe(401);
      expect((await formPost('/portal/sign-in')(bases[0]!)).status).not.toBe(429);
      // Failed tokens at /api and at /metrics, on either process, drain the one bucket.
      node.clock.advance(60_000);
      expect(
        await round(
          [bases[0]!, bases[0]!, bases[1]!, bases[1]!],
          [badToken('/api/node'), badToken('/metrics')],
          AUTH_FAILURES_PER_MINUTE,
        ),
      ).toEqual(ADMIN_TOKEN_ROUND);
    } finally {
      await node.close();
    }
  }, 120_000);
});
