/**
 * Setup of a vitest project whose every test needs the run's PostgreSQL server (vitest.config.ts):
 * without one, each test is skipped with the reason, as the PostgreSQL store's suites skip
 * (and under CI, which must provide PostgreSQL, hasTestPostgres fails the run instead).
 */
import { beforeEach } from 'vitest';
import { hasTestPostgres } from './test-database.ts';

if (!hasTestPostgres()) {
  beforeEach((context) => context.skip('no PostgreSQL server for this run'));
}
