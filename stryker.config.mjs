// Mutation testing of the protocol library and the message core (`npm run mutation`; issue #23).
// Not part of `npm test`, and CI does not run it: a full run takes hours on a shared machine.
//
// One area at a time keeps a run short enough to work with:
//   MUTATION_AREA=protocol npm run mutation     (protocol/, test/protocol only: minutes)
//   MUTATION_AREA=inbox npm run mutation        (node/inbox/ with the e2e, fault and inbox tests)
// Give the files to mutate with MUTATION_FILES (below) rather than --mutate, so that the reports
// and the incremental file of a narrowed run do not overwrite the area's.
// Areas: protocol, inbox, outbox, connect, net, records; none (or `all`) runs them all in one go.
// Each area keeps its own incremental file, so a rerun only tests mutants in changed code or
// covered by changed tests. Reports: reports/mutation/<area>.html and .json (git-ignored).
//
// Left out of every area: the soak (test/faults/soak.test.ts, an hour-long drain with
// SOAK_MESSAGES set, minutes even without), the overload test and the benchmarks (they measure
// time, which an instrumented build distorts, so they fail or pass for reasons that are not the
// mutant), and the browser tests (they cover none of the mutated files).
//
// Equivalent mutants (cannot change behaviour) are listed in stryker-equivalent-mutants.md with
// one line of why; Stryker itself cannot know them, so the scores below count them as survivors.

const FEDERATION_TESTS = [
  'test/e2e/**/*.test.ts',
  'test/faults/crash-points.test.ts',
  'test/faults/fuzz-inbox.test.ts',
  'test/faults/hostile-peers.test.ts',
  'test/faults/partition.test.ts',
  'test/faults/storage.test.ts',
  'test/node/store/**/*.test.ts',
  'test/node/admin/**/*.test.ts',
  'test/node/inbox/**/*.test.ts',
  'test/node/outbox/**/*.test.ts',
  'test/node/connect/**/*.test.ts',
];

const AREAS = {
  protocol: {
    mutate: ['protocol/**/*.ts'],
    testFiles: ['test/protocol/**/*.test.ts'],
    // Pure functions: a mutant that loops forever (ijson's scanner) is cut off quickly.
    timeoutMS: 5_000,
    // Without the PostgreSQL global setup, which each restart of a timed-out runner paid.
    vitestConfig: 'test/protocol/vitest.mutation.config.ts',
  },
  inbox: {
    mutate: ['node/inbox/**/*.ts'],
    // The per-partner limits' fault test reaches partner-limits.ts and the inbox's 429 answer.
    testFiles: [...FEDERATION_TESTS, 'test/faults/partner-limits.test.ts'],
  },
  outbox: { mutate: ['node/outbox/**/*.ts'], testFiles: FEDERATION_TESTS },
  connect: {
    mutate: ['node/connect/**/*.ts'],
    testFiles: [...FEDERATION_TESTS, 'test/node/net/**/*.test.ts'],
  },
  net: {
    mutate: ['node/net/**/*.ts'],
    testFiles: [
      'test/node/net/**/*.test.ts',
      'test/e2e/**/*.test.ts',
      'test/faults/hostile-peers.test.ts',
    ],
  },
  records: {
    mutate: ['node/records/**/*.ts'],
    testFiles: [
      'test/orders/**/*.test.ts',
      'test/leads/**/*.test.ts',
      'test/deals/**/*.test.ts',
      'test/funds/**/*.test.ts',
      'test/catalog/**/*.test.ts',
      'test/inventory/**/*.test.ts',
      'test/node/records/**/*.test.ts',
    ],
  },
};

const requested = process.env.MUTATION_AREA ?? 'all';
const names = requested === 'all' ? Object.keys(AREAS) : requested.split(',');
for (const name of names) {
  if (!(name in AREAS)) {
    throw new Error(
      `MUTATION_AREA: unknown area ${name} (one of ${Object.keys(AREAS).join(', ')}, all)`,
    );
  }
}
const picked = names.map((name) => AREAS[name]);
// MUTATION_FILES narrows an area to some of its files (comma-separated), with its own reports
// and incremental file named by MUTATION_LABEL: `MUTATION_AREA=protocol
// MUTATION_FILES=protocol/receipt.ts MUTATION_LABEL=receipt npm run mutation`.
const files = process.env.MUTATION_FILES?.split(',').filter((f) => f !== '');
// MUTATION_TESTS likewise narrows the tests run (comma-separated globs), for a quick look at one
// area's mutants with the tests written for it; the area's full list is what its score means.
const tests = process.env.MUTATION_TESTS?.split(',').filter((f) => f !== '');
const label =
  process.env.MUTATION_LABEL ??
  (names.length === Object.keys(AREAS).length ? 'all' : names.join('+'));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // The suite's own settings (isolate: false, timeouts), minus the files named above.
  vitest: {
    configFile:
      picked.length === 1
        ? (picked[0].vitestConfig ?? 'vitest.mutation.config.ts')
        : 'vitest.mutation.config.ts',
    related: false,
  },
  mutate: files ?? [...new Set(picked.flatMap((a) => a.mutate))],
  testFiles: tests ?? [...new Set(picked.flatMap((a) => a.testFiles))],
  concurrency: 2,
  coverageAnalysis: 'perTest',
  // A "static" mutant is one reached outside any test: at module load, or in a beforeAll hook,
  // where most suites here build their keys and nodes. Each would rerun every test of the area
  // (725 of protocol's 1,844 mutants, 96 % of the time, three hours on this machine), so they are
  // left out (reported as Ignored) and scores count the mutants tests reach themselves.
  ignoreStatic: true,
  // Real nodes over HTTP: a mutant that makes a node wait for a timer needs time to show it.
  timeoutMS: Math.max(...picked.map((a) => a.timeoutMS ?? 20_000)),
  incremental: true,
  incrementalFile: `reports/mutation/incremental-${label}.json`,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `reports/mutation/${label}.html` },
  jsonReporter: { fileName: `reports/mutation/${label}.json` },
  // Copy only what the tests need into each sandbox (not the reports or the browser profile).
  ignorePatterns: ['reports', 'dist', 'bench/results.json', '.tmp', 'data'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 85, break: null },
};
