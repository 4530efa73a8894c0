// The crash-point mutants (`crashPoint('outbox.after-claim')`, `crashPoint('outbox.after-send')`, …)
// are killed only by test/faults/crash-points.test.ts, whose nodes are `partner-sync serve` child
// processes. The vitest runner activates a mutant inside its own process only, and its per-test
// coverage does not see children, so `npm run mutation` reports them as surviving. This config
// runs them with Stryker's command runner instead: it names the active mutant in the environment
// (__STRYKER_ACTIVE_MUTANT__), which the children inherit, and reruns the crash-point tests for
// each mutant. Give the lines to mutate and the tests to run:
//
//   MUTATION_FILES='node/outbox/outbox-worker.ts:73:5-73:62,node/outbox/http-transport.ts:81:3-81:35' \
//   MUTATION_TEST_NAME='outbox.after' MUTATION_LABEL=outbox-crash-points \
//   npx stryker run stryker.crash-points.config.mjs
import strykerConfig from './stryker.config.mjs';

// The vitest runner's options have no meaning for the command runner, which refuses testFiles.
const { vitest: _vitest, testFiles: _testFiles, plugins: _plugins, ...base } = strykerConfig;
const files = process.env.MUTATION_FILES?.split(',').filter((f) => f !== '');
if (!files?.length) throw new Error('MUTATION_FILES: the crash-point lines to mutate');
const label = process.env.MUTATION_LABEL ?? 'crash-points';
const testName = process.env.MUTATION_TEST_NAME;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  testRunner: 'command',
  commandRunner: {
    command: [
      'npx vitest run --config vitest.mutation.config.ts test/faults/crash-points.test.ts',
      testName ? `-t '${testName}'` : '',
    ].join(' '),
  },
  // The command runner runs the whole command per mutant; no coverage to narrow it by.
  coverageAnalysis: 'off',
  ignoreStatic: false,
  mutate: files,
  // A child is killed and restarted several times per test.
  timeoutMS: 120_000,
  incrementalFile: `reports/mutation/incremental-${label}.json`,
  htmlReporter: { fileName: `reports/mutation/${label}.html` },
  jsonReporter: { fileName: `reports/mutation/${label}.json` },
};
