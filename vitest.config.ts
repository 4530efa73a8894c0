import { configDefaults, defineConfig } from 'vitest/config';

/**
 * One PostgreSQL server for the run when its binaries are installed. Set on the root only, not
 * in the projects (each would start a server of its own): they inherit what it provides.
 */
export const POSTGRES_GLOBAL_SETUP = 'test/support/postgres-global-setup.ts';

/** One Chromium for the run's browser tests to connect to (test/portal/browser.ts). */
const CHROMIUM_GLOBAL_SETUP = 'test/support/chromium-global-setup.ts';

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

/**
 * Files that load the machine by themselves (the soaks, crash points and other fault runs with
 * processes killed and restarted, the bench's own run) or hold a bound that a file running beside
 * them would eat into (latency and rate bounds, peak memory): they run one at a time, after the
 * rest of the suite.
 */
const ALONE = [
  'test/faults/**/*.test.ts',
  'test/bench/**/*.test.ts',
  'test/node/memory/**/*.test.ts',
  'test/**/*-processes.test.ts',
];

/**
 * Two files at a time for the rest. Vitest's default is one worker less than the cores, which is
 * one on a 2-core machine: most files spend much of their time waiting (on a browser, a child
 * process, a timer, an fsync), so one file at a time left a core idle.
 */
const BESIDE_ANOTHER = { maxWorkers: 2, sequence: { groupOrder: 0 } } as const;

export default defineConfig({
  test: {
    globalSetup: [POSTGRES_GLOBAL_SETUP, CHROMIUM_GLOBAL_SETUP],
    projects: [
      {
        test: {
          ...SHARED_TEST_OPTIONS,
          ...BESIDE_ANOTHER,
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ALONE],
        },
      },
      // The end-to-end federation tests again, with the nodes under test on PostgreSQL.
      {
        test: {
          ...SHARED_TEST_OPTIONS,
          ...BESIDE_ANOTHER,
          name: 'e2e-postgres',
          include: ['test/e2e/**/*.test.ts'],
          // These start their nodes on PostgreSQL already, in the main project.
          exclude: [...configDefaults.exclude, 'test/e2e/postgres-*.test.ts', ...ALONE],
          // Every test node (test/support/test-node.ts) keeps its data in PostgreSQL.
          env: { PARTNER_SYNC_TEST_STORE: 'postgres' },
          // Without a PostgreSQL server the tests skip, as the PostgreSQL store's suites do.
          setupFiles: ['test/support/postgres-only-setup.ts'],
        },
      },
      {
        test: {
          ...SHARED_TEST_OPTIONS,
          name: 'alone',
          include: ALONE,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
