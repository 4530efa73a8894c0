// The suite's vitest settings for mutation runs (stryker.config.mjs): same timeouts and
// `isolate: false`; which files run is Stryker's `testFiles` per area. The soak, overload and
// benchmark tests are excluded here too, so no area can pick them up by a broad glob.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        '**/node_modules/**',
        'test/faults/soak.test.ts',
        'test/faults/overload.test.ts',
        'test/bench/**',
      ],
    },
  }),
);
