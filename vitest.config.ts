import { defineConfig } from 'vitest/config';

/**
 * One PostgreSQL server for the run when its binaries are installed. Set on the root only, not
 * in the projects (each would start a server of its own): they inherit what it provides.
 */
export const POSTGRES_GLOBAL_SETUP = 'test/support/postgres-global-setup.ts';

/** What every project runs with (vitest.mutation.config.ts too). */
export const SHARED_TEST_OPTIONS = {
  testTimeout: 20_000,
  hookTimeout: 20_000,
  pool: 'forks',
  // Files share a worker's loaded modules instead of loading the node's whole module graph
  // again for each of ~120 files, which took more of the suite's time than the tests did
  // (11 minutes against 6). Tests keep their state in the nodes they start, each with its own
  // data directory and port, not in module-level variables.
  isolate: false,
} as const;

export default defineConfig({
  test: {
    globalSetup: [POSTGRES_GLOBAL_SETUP],
    projects: [
      { test: { ...SHARED_TEST_OPTIONS, name: 'main', include: ['test/**/*.test.ts'] } },
      // The end-to-end federation tests again, with the nodes under test on PostgreSQL.
      {
        test: {
          ...SHARED_TEST_OPTIONS,
          name: 'e2e-postgres',
          include: ['test/e2e/**/*.test.ts'],
          // These start their nodes on PostgreSQL already, in the main project.
          exclude: ['test/e2e/postgres-*.test.ts'],
          // Every test node (test/support/test-node.ts) keeps its data in PostgreSQL.
          env: { PARTNER_SYNC_TEST_STORE: 'postgres' },
          // Without a PostgreSQL server the tests skip, as the PostgreSQL store's suites do.
          setupFiles: ['test/support/postgres-only-setup.ts'],
        },
      },
    ],
  },
});
