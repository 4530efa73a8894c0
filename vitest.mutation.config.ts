// The suite's vitest settings for mutation runs (stryker.config.mjs): same timeouts and
// `isolate: false`; which files run is Stryker's `testFiles` per area. The soak, overload and
// benchmark tests are excluded here too, so no area can pick them up by a broad glob. One project
// (not vitest.config.ts's second, end-to-end run on PostgreSQL): a mutant is tested once.
import { defineConfig } from 'vitest/config';
import { POSTGRES_GLOBAL_SETUP, SHARED_TEST_OPTIONS } from './vitest.config.ts';

export default defineConfig({
  test: {
    ...SHARED_TEST_OPTIONS,
    globalSetup: [POSTGRES_GLOBAL_SETUP],
    include: ['test/**/*.test.ts'],
    // An instrumented build on a shared machine runs the big-input tests several times slower.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    exclude: [
      '**/node_modules/**',
      'test/faults/soak.test.ts',
      'test/faults/overload.test.ts',
      'test/bench/**',
    ],
  },
});
