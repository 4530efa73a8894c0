import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One PostgreSQL server for the run when its binaries are installed (the PostgreSQL store's tests).
    globalSetup: ['test/support/postgres-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Files share a worker's loaded modules instead of loading the node's whole module graph
    // again for each of ~120 files, which took more of the suite's time than the tests did
    // (11 minutes against 6). Tests keep their state in the nodes they start, each with its own
    // data directory and port, not in module-level variables.
    isolate: false,
  },
});
