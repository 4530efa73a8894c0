/** How much the fuzz tests run, from the environment, shared by the inbox and admin fuzzers. */

/** Runs per property; FAULTS_FUZZ_RUNS raises them for a soak run. */
export const FUZZ_RUNS = Number(process.env.FAULTS_FUZZ_RUNS ?? 60);

/** FAULTS_FUZZ_SEED replays a failed run: the seed fast-check printed with its counterexample. */
export const FUZZ_SEED: { seed?: number } = process.env.FAULTS_FUZZ_SEED
  ? { seed: Number(process.env.FAULTS_FUZZ_SEED) }
  : {};

/** A test's deadline, growing with the runs. */
export const FUZZ_TIMEOUT_MS = Math.max(60_000, FUZZ_RUNS * 300);
