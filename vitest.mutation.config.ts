// The suite's vitest settings for mutation runs (stryker.config.mjs): same timeouts and
// `isolate: false`; which files run is Stryker's `testFiles` per area. The soak, overload and
// benchmark tests are excluded here too, so no area can pick them up by a broad glob.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default mergeConfig(
  base,
  defineConfig({
    test: {
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
  }),
);
